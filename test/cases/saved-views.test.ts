/**
 * Saved queue views through the API: a staff member saves the queue's filter under a name, lists
 * their own and shared views, renames and deletes their own; names are unique per owner (any case),
 * the query may hold only queue parameters, sharing is for dispatchers, and contacts are refused.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  type TestApp,
} from '../harness/test-app.ts';

let t: TestApp;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let colleague: Awaited<ReturnType<typeof makeStaff>>;
let dispatcher: Awaited<ReturnType<typeof makeStaff>>;

interface View {
  id: number;
  name: string;
  query: string;
  shared: boolean;
  mine: boolean;
  owner: { id: number; name: string };
}

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  engineer = await makeStaff(t, ['tac_engineer']);
  colleague = await makeStaff(t, ['field_engineer']);
  dispatcher = await makeStaff(t, ['hotline_operator']);
});
after(() => t?.close());

const names = async (client: typeof engineer.client) => {
  const res = await client.get('/api/saved-views');
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as View[]).map((v) => v.name);
};

test('save, list, rename and delete one’s own view', async () => {
  const created = await engineer.client.post('/api/saved-views', {
    name: '  我的 P1 ',
    query: '?assignee=me&priority=1&sort=sla&q=宕机',
  });
  assert.equal(created.statusCode, 201, created.body);
  const view = created.json() as View;
  assert.equal(view.name, '我的 P1');
  assert.equal(view.shared, false);
  assert.equal(view.mine, true);
  assert.equal(view.owner.id, engineer.user.id);
  // Normalised: no leading '?', URL-encoded, ready for `/cases?<query>`.
  assert.equal(new URLSearchParams(view.query).get('q'), '宕机');
  assert.equal(new URLSearchParams(view.query).get('sort'), 'sla');

  const list = await engineer.client.get('/api/saved-views');
  assert.equal(list.json().canShare, false);
  assert.deepEqual(await names(engineer.client), ['我的 P1']);
  assert.deepEqual(await names(colleague.client), [], 'a private view is its owner’s alone');

  const renamed = await engineer.client.patch(`/api/saved-views/${view.id}`, { name: '我的紧急案件' });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(renamed.json().name, '我的紧急案件');
  assert.equal(renamed.json().query, view.query);

  const changed = await engineer.client.patch(`/api/saved-views/${view.id}`, {
    query: 'open=all&channel=phone',
  });
  assert.equal(changed.json().query, 'open=all&channel=phone');

  const gone = await engineer.client.request('DELETE', `/api/saved-views/${view.id}`);
  assert.equal(gone.statusCode, 204);
  assert.deepEqual(await names(engineer.client), []);
  assert.equal((await engineer.client.request('DELETE', `/api/saved-views/${view.id}`)).statusCode, 404);
});

test('bad input names the field and changes nothing', async () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ name: '', query: 'assignee=me' }, 'body.name', /name/],
    [{ name: '坏参数', query: 'assignee=me&cursor=abc' }, 'body.query', /cursor/],
    [{ name: '坏值', query: 'priority=9' }, 'body.query', /priority/],
    [{ name: '坏状态', query: 'state=sleeping' }, 'body.query', /state/],
    [{ name: '坏 open', query: 'open=maybe' }, 'body.query', /open/],
    [{ name: 'x'.repeat(81), query: '' }, 'body.name', /./],
    [{ name: '共享', query: 'assignee=none', shared: 'yes' }, 'body.shared', /./],
    // Under the limit as typed, over it once percent-encoded (Chinese search text).
    [
      { name: '很长', query: `q=${'核心交换机'.repeat(20)}&${'state=new&'.repeat(180)}` },
      'body.query',
      /too long/,
    ],
  ];
  for (const [body, field, message] of cases) {
    const res = await engineer.client.post('/api/saved-views', body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
    const errors = res.json().errors as Array<{ field: string; message: string }>;
    assert.ok(
      errors.some((e) => e.field === field && message.test(e.message)),
      `${JSON.stringify(body)} → ${res.body}`,
    );
  }
  const badOpen = await engineer.client.post('/api/saved-views', { name: '坏 open', query: 'open=maybe' });
  assert.equal(badOpen.json().errors[0].text, 'open 应为 true、false 或 all');
  assert.deepEqual(await names(engineer.client), []);

  const first = await engineer.client.post('/api/saved-views', {
    name: 'Unassigned P2',
    query: 'assignee=none',
  });
  assert.equal(first.statusCode, 201);
  const twin = await engineer.client.post('/api/saved-views', { name: 'unassigned p2', query: 'priority=2' });
  assert.equal(twin.statusCode, 409, twin.body);
  assert.equal(twin.json().errors[0].field, 'body.name');
  assert.equal(twin.json().errors[0].text, '您已有同名视图');
  // Another owner may use the same name.
  assert.equal(
    (await colleague.client.post('/api/saved-views', { name: 'Unassigned P2', query: '' })).statusCode,
    201,
  );
  const other = await engineer.client.post('/api/saved-views', { name: '另一个', query: '' });
  const clash = await engineer.client.patch(`/api/saved-views/${other.json().id}`, { name: 'UNASSIGNED P2' });
  assert.equal(clash.statusCode, 409);
  assert.equal((await engineer.client.patch(`/api/saved-views/${other.json().id}`, {})).statusCode, 400);
});

test('another user’s private view is 404; a shared one is listed but only its owner changes it', async () => {
  const mine = (await engineer.client.post('/api/saved-views', { name: '私有', query: 'group=mine' })).json();
  assert.equal(
    (await colleague.client.patch(`/api/saved-views/${mine.id}`, { name: '偷改' })).statusCode,
    404,
  );
  assert.equal((await colleague.client.request('DELETE', `/api/saved-views/${mine.id}`)).statusCode, 404);

  const refused = await engineer.client.post('/api/saved-views', { name: '想共享', query: '', shared: true });
  assert.equal(refused.statusCode, 403, 'an engineer may not share');
  assert.equal(
    (await engineer.client.patch(`/api/saved-views/${mine.id}`, { shared: true })).statusCode,
    403,
  );

  const list = await dispatcher.client.get('/api/saved-views');
  assert.equal(list.json().canShare, true);
  const shared = await dispatcher.client.post('/api/saved-views', {
    name: '即将超时',
    query: 'breachingWithin=60&sort=sla',
    shared: true,
  });
  assert.equal(shared.statusCode, 201, shared.body);
  const seen = ((await colleague.client.get('/api/saved-views')).json().items as View[]).find(
    (v) => v.id === shared.json().id,
  );
  assert.ok(seen, 'a shared view is listed for colleagues');
  assert.equal(seen.mine, false);
  assert.equal(seen.owner.id, dispatcher.user.id);
  // Own views come first.
  assert.equal(((await colleague.client.get('/api/saved-views')).json().items as View[])[0]!.mine, true);
  assert.equal(
    (await colleague.client.patch(`/api/saved-views/${shared.json().id}`, { name: '我的' })).statusCode,
    403,
  );
  assert.equal(
    (await colleague.client.request('DELETE', `/api/saved-views/${shared.json().id}`)).statusCode,
    403,
  );
  const unshared = await dispatcher.client.patch(`/api/saved-views/${shared.json().id}`, { shared: false });
  assert.equal(unshared.json().shared, false);
  assert.equal(
    (await colleague.client.patch(`/api/saved-views/${shared.json().id}`, { name: 'x' })).statusCode,
    404,
  );
});

test('a customer contact gets 403', async () => {
  const contact = await makeContactUser(t, (await makeOrganisation(t)).id);
  assert.equal((await contact.client.get('/api/saved-views')).statusCode, 403);
  assert.equal((await contact.client.post('/api/saved-views', { name: '我的', query: '' })).statusCode, 403);
  const view = (await engineer.client.post('/api/saved-views', { name: '给客户看？', query: '' })).json();
  assert.equal((await contact.client.patch(`/api/saved-views/${view.id}`, { name: 'x' })).statusCode, 403);
  assert.equal((await contact.client.request('DELETE', `/api/saved-views/${view.id}`)).statusCode, 403);
});
