/**
 * Seed 001's downtime extension through HTTP: "维保期内所有因软件质量及服务问题而导致软件停止运行的，
 * 维保期将按停运天数（按24小时计算）相应延长" — the contract end moves by whole days of 24 h, a
 * started day counting whole; each extension audited before → after; bad input changes nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer, makeServiceLevel } from '../cases/case-builders.ts';
import { runContractsDaily } from '../../src/modules/contracts/server/index.ts';

let now = new Date('2026-03-10T02:00:00Z');
const sh = (local: string) => `${local}:00+08:00`;
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let owner: Awaited<ReturnType<typeof makeStaff>>;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let levelId: number;
let seq = 0;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  admin = await makeStaff(t, ['admin']);
  owner = await makeStaff(t, ['quality_staff']);
  engineer = await makeStaff(t, ['tac_engineer']);
  levelId = await makeServiceLevel(t);
});
after(() => t.close());

async function contractFor(organisationId: number, body: Record<string, unknown> = {}) {
  const res = await admin.client.post('/api/contracts', {
    number: `HT-D-${++seq}`,
    organisationId,
    serviceLevelId: levelId,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    ownerId: owner.user.id,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

test('30 h of vendor downtime extends the contract by 2 days, audited before → after', async () => {
  const customer = await makeCustomer(t, { contract: false });
  const c = await contractFor(customer.org.id);
  const caseId = (
    await engineer.client.post('/api/cases', {
      organisationId: customer.org.id,
      title: '核心交换机宕机',
      description: '厂商固件缺陷',
      priority: 1,
    })
  ).json().id;

  const res = await owner.client.post(`/api/contracts/${c.id}/extensions`, {
    cause: 'vendor',
    downFrom: sh('2026-03-01T08:00'),
    downTo: sh('2026-03-02T14:00'),
    caseId,
    reason: '厂商固件缺陷导致核心交换机停机',
  });
  assert.equal(res.statusCode, 201, res.body);
  const e = res.json();
  assert.equal(e.downtimeHours, 30);
  assert.equal(e.days, 2);
  assert.deepEqual([e.endsOnBefore, e.endsOnAfter], ['2026-12-31', '2027-01-02']);
  assert.equal(e.caseId, caseId);
  assert.match(e.caseNumber, /^TAC-2026-/);
  assert.deepEqual(e.recordedBy, { id: owner.user.id, name: owner.user.display_name });
  assert.deepEqual(e.causeLabel, { 'zh-CN': '厂商／服务方原因', en: 'Vendor or service fault' });

  const seen = (await admin.client.get(`/api/contracts/${c.id}`)).json();
  assert.deepEqual(
    [seen.endsOn, seen.originalEndsOn, seen.extensionDays, seen.extensions.length],
    ['2027-01-02', '2026-12-31', 2, 1],
  );
  const events = (
    await admin.client.get(
      `/api/audit-events?subjectType=service_contract&subjectId=${c.id}&type=service_contract.extended`,
    )
  ).json().items;
  assert.equal(events.length, 1);
  assert.deepEqual(events[0].before, { ends_on: '2026-12-31', extension_days: 0 });
  assert.deepEqual(events[0].after, { ends_on: '2027-01-02', extension_days: 2 });
  assert.equal(events[0].data.days, 2);
  assert.equal(events[0].actor.id, owner.user.id);

  // Exactly 24 h is one day; a software fault counts the same way. Extensions add up.
  const day = await owner.client.post(`/api/contracts/${c.id}/extensions`, {
    cause: 'software',
    downFrom: sh('2026-03-05T00:00'),
    downTo: sh('2026-03-06T00:00'),
    reason: '软件缺陷导致系统停止运行',
  });
  assert.equal(day.json().days, 1);
  assert.equal(day.json().endsOnAfter, '2027-01-03');

  // Moving the signed end keeps the days owed.
  const moved = await admin.client.patch(`/api/contracts/${c.id}`, { endsOn: '2027-03-31' });
  assert.deepEqual([moved.json().originalEndsOn, moved.json().endsOn], ['2027-03-31', '2027-04-03']);

  const list = (await customer.contact.client.get(`/api/contracts/${c.id}/extensions`)).json().items;
  assert.deepEqual(
    list.map((x: { days: number }) => x.days),
    [2, 1],
    'the customer sees the days it was given',
  );
});

test('bad input names the field and extends nothing', async () => {
  const customer = await makeCustomer(t, { contract: false });
  const stranger = await makeCustomer(t, { contract: false });
  const c = await contractFor(customer.org.id);
  const foreignCase = (
    await engineer.client.post('/api/cases', {
      organisationId: stranger.org.id,
      title: '他人的案例',
      description: '不属于该合同的客户',
      priority: 3,
    })
  ).json().id;
  const ok = {
    cause: 'vendor',
    downFrom: sh('2026-03-01T08:00'),
    downTo: sh('2026-03-01T20:00'),
    reason: '停机',
  };
  const attempts: Array<[Record<string, unknown>, number, string]> = [
    [{ caseId: foreignCase }, 400, 'body.caseId'],
    [{ downFrom: sh('2025-12-30T08:00'), downTo: sh('2025-12-31T08:00') }, 400, 'body.downFrom'],
    [{ downTo: sh('2026-03-01T07:00') }, 400, 'body.downTo'],
    [{ downTo: sh('2026-03-11T08:00') }, 400, 'body.downTo'],
    [{ cause: 'customer' }, 400, 'body.cause'],
    [{ reason: '  ' }, 400, 'body.reason'],
  ];
  for (const [body, status, field] of attempts) {
    const res = await owner.client.post(`/api/contracts/${c.id}/extensions`, { ...ok, ...body });
    assert.equal(res.statusCode, status, `${field}: ${res.body}`);
    assert.equal(res.json().errors[0].field, field, res.body);
  }
  assert.equal((await engineer.client.post(`/api/contracts/${c.id}/extensions`, ok)).statusCode, 403);
  const unchanged = (await admin.client.get(`/api/contracts/${c.id}`)).json();
  assert.deepEqual([unchanged.endsOn, unchanged.extensions], ['2026-12-31', []]);

  assert.equal((await owner.client.post(`/api/contracts/${c.id}/extensions`, ok)).statusCode, 201);
  const twice = await owner.client.post(`/api/contracts/${c.id}/extensions`, {
    ...ok,
    downFrom: sh('2026-03-01T12:00'),
    downTo: sh('2026-03-02T12:00'),
  });
  assert.equal(twice.statusCode, 409, 'the same downtime is not counted twice');
  assert.equal((await admin.client.get(`/api/contracts/${c.id}`)).json().endsOn, '2027-01-01');

  const draft = await contractFor(customer.org.id, { state: 'draft' });
  assert.equal((await owner.client.post(`/api/contracts/${draft.id}/extensions`, ok)).statusCode, 409);
});

test('an expired contract whose extension reaches past today runs again', async () => {
  const customer = await makeCustomer(t, { contract: false });
  const c = await contractFor(customer.org.id, { startsOn: '2025-03-01', endsOn: '2026-02-28' });
  await runContractsDaily({ db: t.db, now });
  assert.equal((await admin.client.get(`/api/contracts/${c.id}`)).json().state, 'expired');
  // Down from 20 February to 3 March (11 days 2 h): 12 days owed, the end moves to 12 March.
  const res = await owner.client.post(`/api/contracts/${c.id}/extensions`, {
    cause: 'software',
    downFrom: sh('2026-02-20T08:00'),
    downTo: sh('2026-03-03T10:00'),
    reason: '软件缺陷，系统停运至补丁上线',
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().days, 12);
  const seen = (await admin.client.get(`/api/contracts/${c.id}`)).json();
  assert.deepEqual([seen.state, seen.endsOn, seen.inForce], ['active', '2026-03-12', true]);
  now = new Date('2026-03-12T16:00:00Z');
  await runContractsDaily({ db: t.db, now });
  assert.equal((await admin.client.get(`/api/contracts/${c.id}`)).json().state, 'expired');
  now = new Date('2026-03-10T02:00:00Z');
});
