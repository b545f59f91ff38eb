/** API conventions every module inherits: problem+json, field-level 400s, 500s that leak nothing, probes, docs. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { AppError } from '../../src/platform/http/app-error.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('wrong input gets a 400 naming each field and changes nothing', async () => {
  const admin = await makeStaff(t, ['admin']);
  const before = await t.db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const eventsBefore = await t.db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const res = await admin.client.post('/api/users', {
    username: 'x',
    displayName: '',
    roles: ['pilot'],
    password: 'short',
  });
  assert.equal(res.statusCode, 400);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.code, 'validation_failed');
  const fields = body.errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ['body.displayName', 'body.password', 'body.roles.0', 'body.username']);
  // `message` stays English for API clients; `text` is in the reader's language (zh-CN here).
  type Err = { field: string; message: string; text: string };
  const byField = new Map((body.errors as Err[]).map((e) => [e.field, e]));
  assert.deepEqual(byField.get('body.displayName'), {
    field: 'body.displayName',
    message: 'Too small: expected string to have >=1 characters',
    text: '不能为空',
  });
  assert.match(byField.get('body.roles.0')!.text, /^应为以下之一：.*hotline_operator/);
  // Before sign-in the header decides; a signed-in user's own setting wins over it.
  const english = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'accept-language': 'en-GB,en;q=0.9' },
    payload: { password: 'x' },
  });
  const username = (english.json().errors as Err[]).find((e) => e.field === 'body.username')!;
  assert.equal(username.text, username.message);
  assert.match(username.text, /expected string, received undefined/);
  const chinese = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { password: 'x' } });
  assert.equal((chinese.json().errors as Err[]).find((e) => e.field === 'body.username')!.text, '必填');
  const after = await t.db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const eventsAfter = await t.db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
  assert.equal(Number(eventsAfter.n), Number(eventsBefore.n));
});

test('malformed JSON, bad ids and unknown routes are 4xx problems, in the caller’s language', async () => {
  const admin = await makeStaff(t, ['admin']);
  const json = await admin.client.request('POST', '/api/organisations', undefined, {
    'content-type': 'application/json',
    'x-csrf-token': admin.client.csrf!,
  });
  assert.equal(json.statusCode, 400);
  assert.equal(json.json().errors[0].text, '请求内容为空');
  const badId = await admin.client.get('/api/organisations/abc');
  assert.equal(badId.statusCode, 400);
  assert.equal(badId.json().errors[0].field, 'params.id');
  const missing = await t.app.inject({
    url: '/api/nothing-here',
    headers: { 'accept-language': 'en-US,en;q=0.9' },
  });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().title, 'Not found');
  assert.equal(missing.json().code, 'not_found');
  const zh = await t.app.inject({ url: '/api/nothing-here' });
  assert.equal(zh.json().title, '记录不存在');
});

test('a refusal with a reason says it in the reader’s language; one without keeps to its code', async () => {
  const app = await createTestApp(
    {},
    {
      beforeReady: (server) => {
        server.post('/api/test-refuse', { config: { public: true } }, async () => {
          throw new AppError('conflict', 'a closed case cannot be assigned', { zh: '已关闭的案例不能分派' });
        });
        server.post('/api/test-refuse-bare', { config: { public: true } }, async () => {
          throw new AppError('conflict', 'version 3 expected');
        });
      },
    },
  );
  try {
    const zh = await app.app.inject({ method: 'POST', url: '/api/test-refuse' });
    assert.equal(zh.statusCode, 409);
    assert.equal(zh.json().text, '已关闭的案例不能分派');
    assert.equal(zh.json().detail, 'a closed case cannot be assigned');
    const en = await app.app.inject({
      method: 'POST',
      url: '/api/test-refuse',
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.json().text, 'a closed case cannot be assigned');
    const bare = await app.app.inject({ method: 'POST', url: '/api/test-refuse-bare' });
    assert.equal(bare.json().text, undefined);
  } finally {
    await app.close();
  }
});

test('an unexpected error is a 500 with an id and no internals', async () => {
  const app = await createTestApp(
    {},
    {
      beforeReady: (server) =>
        server.get('/api/test-explode', { config: { public: true } }, async () => {
          throw new Error('secret table xyz_internal exploded');
        }),
    },
  );
  try {
    const res = await app.app.inject({
      url: '/api/test-explode',
      headers: { 'x-request-id': 'req-abc-123' },
    });
    assert.equal(res.statusCode, 500);
    const body = res.json();
    assert.equal(body.code, 'internal');
    assert.equal(body.errorId, 'req-abc-123');
    assert.equal(res.headers['x-request-id'], 'req-abc-123');
    assert.ok(!res.body.includes('xyz_internal'));
  } finally {
    await app.close();
  }
});

test('health, readiness and metrics probes answer', async () => {
  assert.equal((await t.app.inject({ url: '/healthz' })).json().status, 'ok');
  assert.equal((await t.app.inject({ url: '/readyz' })).json().status, 'ready');
  await t.app.inject({ url: '/api/me' });
  const metrics = await t.app.inject({ url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /tacdesk_http_request_duration_seconds_bucket\{.*route="\/api\/me"/);
  assert.match(metrics.body, /tacdesk_process_resident_memory_bytes/);
});

test('OpenAPI 3 document and docs UI are served', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  assert.match(doc.openapi, /^3\./);
  assert.ok(doc.paths['/api/organisations/{id}'].get.operationId);
  assert.ok(doc.components.securitySchemes.session);
  const ui = await t.app.inject({ url: '/api/docs/' });
  assert.equal(ui.statusCode, 200);
  assert.match(ui.body, /swagger/i);
});
