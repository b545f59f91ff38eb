/**
 * The console's home dashboard through the API, with the clock moved: the open workload by
 * priority and state, what is about to breach and what has, the caller's own cases, and this
 * month's response and resolution compliance. Staff only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

/** Tuesday 10 Nov 2026, 09:00 in Beijing. */
const T0 = new Date('2026-11-10T01:00:00Z');
let now = T0;
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let t: TestApp;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
});
after(() => t.close());

test('open cases, breaching soon, overdue, mine and this month’s compliance', async () => {
  const hotline = await makeStaff(t, ['hotline_operator']);
  const engineer = await makeStaff(t, ['tac_engineer']);
  const other = await makeStaff(t, ['tac_engineer']);
  const customer = await makeCustomer(t);
  // Gold level on 7×24: response 30/60/120/240 min for P1/P2/P3/P4.
  const open = async (priority: number, assigneeId: number | null, title: string) => {
    const res = await hotline.client.post('/api/cases', {
      organisationId: customer.org.id,
      title,
      description: '看板测试',
      priority,
      assigneeId,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number; number: string };
  };
  const p1 = await open(1, engineer.user.id, '核心交换机宕机');
  const p2 = await open(2, null, '存储链路告警');
  const p3 = await open(3, other.user.id, '打印服务器慢');

  now = at(10);
  let d = (await engineer.client.get('/api/dashboard')).json();
  assert.deepEqual(d.totals, { open: 3, unassigned: 1, overdue: 0, mine: 1 });
  assert.deepEqual(
    d.breachingSoon.map((c: { number: string }) => c.number),
    [p1.number, p2.number, p3.number],
    'earliest SLA target first',
  );
  assert.deepEqual(
    d.myCases.map((c: { id: number }) => c.id),
    [p1.id],
  );
  const p1Cells = d.openByPriorityState.filter((c: { priority: number }) => c.priority === 1);
  assert.deepEqual(p1Cells, [{ priority: 1, state: 'assigned', count: 1 }]);

  // The engineer answers P1 in time and resolves it; P2 and P3 miss their response targets.
  now = at(20);
  await engineer.client.post(`/api/cases/${p1.id}/entries`, { kind: 'reply', body: '已远程登录排查' });
  await engineer.client.post(`/api/cases/${p1.id}/transitions`, { to: 'in_progress' });
  now = at(180);
  const resolved = await engineer.client.post(`/api/cases/${p1.id}/transitions`, { to: 'resolved' });
  assert.equal(resolved.statusCode, 200, resolved.body);

  d = (await engineer.client.get('/api/dashboard?withinHours=1')).json();
  assert.equal(d.month, '2026-11');
  assert.deepEqual(d.totals, { open: 2, unassigned: 1, overdue: 2, mine: 0 });
  assert.deepEqual(d.myCases, []);
  assert.deepEqual(d.compliance[0], {
    priority: 1,
    resolved: 1,
    resolvedInTime: 1,
    responded: 1,
    respondedInTime: 1,
  });
  assert.deepEqual(d.compliance[1], {
    priority: 2,
    resolved: 0,
    resolvedInTime: 0,
    responded: 0,
    respondedInTime: 0,
  });

  // Next month starts a new record.
  now = new Date('2026-12-01T00:30:00+08:00');
  d = (await engineer.client.get('/api/dashboard')).json();
  assert.equal(d.month, '2026-12');
  assert.equal(d.compliance[0].resolved, 0);
});

test('staff only; a bad window is named', async () => {
  const customer = await makeCustomer(t);
  assert.equal((await customer.contact.client.get('/api/dashboard')).statusCode, 403);
  const staff = await makeStaff(t, ['manager1']);
  const bad = await staff.client.get('/api/dashboard?withinHours=0');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'querystring.withinHours');
});
