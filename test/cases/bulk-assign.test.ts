/**
 * Bulk assignment from the queue through the API: each case goes through the ordinary assign
 * command, so a closed case is refused while the others are assigned; bad input names the field;
 * only the dispatchers get past each case's permission check; contacts are refused.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureDefaultCalendars } from '../../src/modules/calendars/server/index.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

let t: TestApp;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let customer: Awaited<ReturnType<typeof makeCustomer>>;

async function open(client: Client, title: string) {
  const res = await client.post('/api/cases', {
    organisationId: customer.org.id,
    title,
    description: '现场反馈',
    priority: 3,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  await ensureDefaultCalendars({ db: t.db });
  hotline = await makeStaff(t, ['hotline_operator']);
  engineer = await makeStaff(t, ['tac_engineer']);
  customer = await makeCustomer(t);
});
after(() => t?.close());

test('three cases, one closed: two are assigned, the closed one says why', async () => {
  const a = await open(hotline.client, '交换机端口故障');
  const b = await open(hotline.client, '防火墙策略异常');
  const closed = await open(hotline.client, '已解决的问题');
  const close = await customer.contact.client.post(`/api/cases/${closed}/transitions`, {
    to: 'closed',
    reason: '问题已自行解决',
  });
  assert.equal(close.statusCode, 200, close.body);

  const res = await hotline.client.post('/api/cases/bulk-assign', {
    caseIds: [a, closed, b],
    assigneeId: engineer.user.id,
  });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as Array<{
    id: number;
    ok: boolean;
    error?: { code: string; message: string };
  }>;
  assert.deepEqual(
    items.map((i) => [i.id, i.ok]),
    [
      [a, true],
      [closed, false],
      [b, true],
    ],
  );
  assert.equal(items[1]!.error?.code, 'conflict');
  assert.match(items[1]!.error!.message, /closed/);

  for (const id of [a, b]) {
    const c = (await hotline.client.get(`/api/cases/${id}`)).json();
    assert.equal(c.state, 'assigned');
    assert.equal(c.assignee.id, engineer.user.id);
  }
  const untouched = (await hotline.client.get(`/api/cases/${closed}`)).json();
  assert.equal(untouched.state, 'closed');
  assert.equal(untouched.assignee, null);
  // The engineer's queue shows them.
  const mine = (await engineer.client.get('/api/cases?assignee=me')).json().items as Array<{ id: number }>;
  assert.deepEqual(
    mine.map((c) => c.id).sort((x, y) => x - y),
    [a, b].sort((x, y) => x - y),
  );
});

test('bad input names the field and assigns nothing', async () => {
  const c = await open(hotline.client, '无线 AP 掉线');
  const bad: Array<[unknown, string]> = [
    [{ caseIds: [], assigneeId: engineer.user.id }, 'body.caseIds'],
    [{ caseIds: Array.from({ length: 101 }, (_, i) => i + 1), assigneeId: engineer.user.id }, 'body.caseIds'],
    [{ caseIds: [c, 'x'], assigneeId: engineer.user.id }, 'body.caseIds.1'],
    [{ caseIds: [c] }, 'body.assigneeId'],
    [{ caseIds: [c], assigneeId: customer.contact.user.id }, 'body.assigneeId'],
  ];
  for (const [body, field] of bad) {
    const res = await hotline.client.post('/api/cases/bulk-assign', body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body).slice(0, 80)}: ${res.body}`);
    assert.ok(
      (res.json().errors as Array<{ field: string }>).some((e) => e.field === field),
      `${field}: ${res.body}`,
    );
  }
  const after = (await hotline.client.get(`/api/cases/${c}`)).json();
  assert.equal(after.state, 'new');
  assert.equal(after.assignee, null);
});

test('an engineer who is no dispatcher is refused per case; a missing case is not found; a contact gets 403', async () => {
  const c = await open(hotline.client, '存储告警');
  const res = await engineer.client.post('/api/cases/bulk-assign', {
    caseIds: [c, 99_999_999],
    assigneeId: engineer.user.id,
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(
    (res.json().items as Array<{ ok: boolean; error?: { code: string } }>).map((i) => [i.ok, i.error?.code]),
    [
      [false, 'forbidden'],
      [false, 'not_found'],
    ],
  );
  const meta = async (client: Client) => (await client.get('/api/cases/meta')).json().abilities;
  assert.deepEqual(await meta(hotline.client), { bulkAssign: true, shareViews: true });
  assert.deepEqual(await meta(engineer.client), { bulkAssign: false, shareViews: false });

  const contact = await customer.contact.client.post('/api/cases/bulk-assign', {
    caseIds: [c],
    assigneeId: engineer.user.id,
  });
  assert.equal(contact.statusCode, 403);
  assert.equal((await hotline.client.get(`/api/cases/${c}`)).json().assignee, null);
});
