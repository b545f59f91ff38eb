/** The audit trail: every change records who, what, when and before → after; nobody can rewrite it. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('a change is audited with actor, request id and before → after, and admins can filter it', async () => {
  const admin = await makeStaff(t, ['admin']);
  const created = await admin.client.post('/api/organisations', { name: '审计测试客户', industry: '政府' });
  assert.equal(created.statusCode, 201);
  const id = created.json().id;
  const updated = await admin.client.request(
    'PATCH',
    `/api/organisations/${id}`,
    { industry: '金融' },
    { 'x-request-id': 'audit-req-1' },
  );
  assert.equal(updated.statusCode, 200);

  const res = await admin.client.get(`/api/audit-events?subjectType=organisation&subjectId=${id}`);
  assert.equal(res.statusCode, 200);
  const [update, create] = res.json().items;
  assert.equal(create.type, 'organisation.created');
  assert.equal(update.type, 'organisation.updated');
  assert.equal(update.actor.kind, 'user');
  assert.equal(update.actor.id, admin.user.id);
  assert.match(update.actor.label, new RegExp(admin.username));
  assert.equal(update.requestId, 'audit-req-1');
  assert.equal(update.before.industry, '政府');
  assert.equal(update.after.industry, '金融');
  assert.equal(update.organisationId, id);

  const byType = (await admin.client.get('/api/audit-events?type=organisation.updated&limit=1')).json();
  assert.equal(byType.items.length, 1);
  assert.equal(byType.items[0].type, 'organisation.updated');
  const byActor = (await admin.client.get(`/api/audit-events?actorId=${admin.user.id}`)).json();
  assert.ok(byActor.items.every((e: { actor: { id: number } }) => e.actor.id === admin.user.id));
});

test('a refused change writes neither the change nor an audit record', async () => {
  const engineer = await makeStaff(t, ['tac_engineer']);
  const before = await t.db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal((await engineer.client.post('/api/organisations', { name: '无权创建' })).statusCode, 403);
  const after = await t.db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
  const org = await t.db
    .selectFrom('organisation')
    .select('id')
    .where('name', '=', '无权创建')
    .executeTakeFirst();
  assert.equal(org, undefined);
});

test('no route changes or deletes audit records, and the database refuses it too', async () => {
  const admin = await makeStaff(t, ['admin']);
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
    const res = await admin.client.request(method, '/api/audit-events/1', {});
    assert.equal(res.statusCode, 404);
  }
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const auditPaths = Object.entries<Record<string, unknown>>(doc.paths).filter(([p]) =>
    p.startsWith('/api/audit'),
  );
  assert.deepEqual(auditPaths.map(([, m]) => Object.keys(m)).flat(), ['get']);
  await assert.rejects(sql`update domain_event set type = 'forged'`.execute(t.db), /append-only/);
  await assert.rejects(sql`delete from domain_event`.execute(t.db), /append-only/);
});

test('only administrators read the audit trail', async () => {
  for (const role of ['manager3', 'quality_staff', 'hotline_operator'] as const) {
    const { client } = await makeStaff(t, [role]);
    assert.equal((await client.get('/api/audit-events')).statusCode, 403);
  }
});
