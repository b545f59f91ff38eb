/**
 * The engine's edges, each a defect a review found: a broken step must not block other cases,
 * re-saving a matrix must not re-fire, a later pause must not erase a breach, a reopened case
 * must not count its resolved days, a paused case is not "breaching", a partial matrix keeps the
 * default columns, "Manager1" is per role and regional, and calendar edits move due times.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { createContract } from '../../src/modules/contracts/server/index.ts';
import { sweepEscalations } from '../../src/modules/sla/server/index.ts';
import { JobRunner } from '../../src/platform/jobs/job-runner.ts';
import { jobHandlers } from '../../src/app/build-app.ts';
import { makeStandardServiceLevel, sh } from './sla-builders.ts';
import { createTestApp, makeOrganisation, makeStaff, type TestApp } from '../harness/test-app.ts';

let now = new Date('2026-03-09T01:00:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let levelId: number;
let organisationId: number;
let branchId: number;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  levelId = await makeStandardServiceLevel(t, { code: 'EDGE', name: '边界', resolutionMinutes: () => 960 });
  admin = await makeStaff(t, ['admin', 'hotline_operator']);
  branchId = (await admin.client.post('/api/branches', { code: 'GZ', name: '广州分公司' })).json().id;
  const org = await makeOrganisation(t, '边界测试客户');
  organisationId = org.id;
  await admin.client.patch(`/api/organisations/${org.id}`, { branchId });
  await createContract({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      number: 'HT-EDGE',
      organisationId,
      serviceLevelId: levelId,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      state: 'active',
      coversAllSites: true,
      siteIds: [],
      serials: [],
    },
  });
});
after(() => t.close());

async function openAt(at: Date, priority: number, orgId = organisationId) {
  now = at;
  const res = await admin.client.post('/api/cases', {
    organisationId: orgId,
    title: `P${priority}`,
    description: 'x',
    priority,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}
const fired = async (id: number) =>
  await t.db
    .selectFrom('case_escalation')
    .select(['step_key', 'recipients'])
    .where('case_id', '=', id)
    .orderBy('id')
    .execute();
const sla = async (id: number) => (await admin.client.get(`/api/cases/${id}/sla`)).json();
const move = (id: number, to: string, reason?: string) =>
  admin.client.post(`/api/cases/${id}/transitions`, { to, reason });

test('a step that cannot fire is retried later and does not hold up other cases', async () => {
  const broken = await openAt(sh('2026-03-10T09:00:00'), 1);
  const healthy = await openAt(sh('2026-03-10T09:00:00'), 2); // P2: untouched by the broken P1 step
  // A group deleted after the matrix was saved: the step's foreign key fails when it fires.
  await sql`insert into escalation_step (service_level_id, track, elapsed_minutes, actions) values (${levelId}, 'P1', 5, ${JSON.stringify([{ kind: 'reassign_group', groupId: 999999 }])}::jsonb)`.execute(
    t.db,
  );
  await sql`update support_case set next_escalation_at = ${sh('2026-03-10T09:05:00')} where id = ${broken}`.execute(
    t.db,
  );
  const errors: number[] = [];
  const result = await sweepEscalations({
    db: t.db,
    now: sh('2026-03-10T10:00:00'),
    onError: (_e, id) => errors.push(id),
  });
  assert.deepEqual(errors, [broken]);
  assert.ok((await fired(healthy)).length >= 1, 'the healthy case escalated');
  assert.equal(result.failed, 1);
  const row = await t.db
    .selectFrom('support_case')
    .select('next_escalation_at')
    .where('id', '=', broken)
    .executeTakeFirstOrThrow();
  assert.equal(
    row.next_escalation_at!.getTime(),
    sh('2026-03-10T10:05:00').getTime(),
    'retried five minutes later',
  );
  await sql`delete from escalation_step where service_level_id = ${levelId}`.execute(t.db);
  await sweepEscalations({ db: t.db, now: sh('2026-03-10T10:06:00') });
  assert.ok((await fired(broken)).length >= 1);
});

test('saving the same matrix again fires nothing twice; columns it leaves out keep the default', async () => {
  const steps = [{ track: 'P1', elapsedMinutes: 15, actions: [{ kind: 'notify', roles: ['manager1'] }] }];
  const bad = await admin.client.request('PUT', `/api/service-levels/${levelId}/escalation-matrix`, {
    steps: [{ track: 'P1', elapsedMinutes: 15, actions: [{ kind: 'reassign_group', groupId: 999999 }] }],
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.steps.0.actions.0.groupId');
  assert.equal(bad.json().errors[0].text, '没有该支持组，或已停用');
  assert.equal(
    (await admin.client.request('PUT', `/api/service-levels/${levelId}/escalation-matrix`, { steps }))
      .statusCode,
    200,
  );
  const p1 = await openAt(sh('2026-03-11T09:00:00'), 1);
  const p2 = await openAt(sh('2026-03-11T09:00:00'), 2);
  await sweepEscalations({ db: t.db, now: sh('2026-03-11T10:00:00') });
  assert.deepEqual(
    (await fired(p1)).map((f) => f.step_key),
    [`sl:${levelId}:P1:15`],
  );
  assert.deepEqual(
    (await fired(p2)).map((f) => f.step_key),
    ['default:P2:60'],
    'P2 keeps the default column',
  );
  assert.equal(
    (await admin.client.request('PUT', `/api/service-levels/${levelId}/escalation-matrix`, { steps }))
      .statusCode,
    200,
  );
  await new JobRunner({ db: t.db, handlers: jobHandlers(t.db) }).runOnce();
  await sweepEscalations({ db: t.db, now: sh('2026-03-11T10:01:00') });
  assert.equal((await fired(p1)).length, 1, 'not fired again');
  await admin.client.request('PUT', `/api/service-levels/${levelId}/escalation-matrix`, { steps: [] });
});

test('a breach stays a breach when the case waits for the customer later', async () => {
  const id = await openAt(sh('2026-03-12T09:00:00'), 1);
  now = sh('2026-03-12T10:00:00'); // response target 30 min: answered 30 min late
  await admin.client.post(`/api/cases/${id}/entries`, { kind: 'reply', body: '您好' });
  await move(id, 'in_progress');
  await move(id, 'waiting_customer');
  now = sh('2026-03-12T13:00:00');
  await move(id, 'in_progress');
  const response = (await sla(id)).clocks.find((c: { kind: string }) => c.kind === 'response');
  assert.equal(response.breached, true);
  assert.equal(response.businessMinutesLeft, -30);
});

test('a paused case is not breaching; a reopened case does not count its resolved days', async () => {
  const id = await openAt(sh('2026-03-13T09:00:00'), 1);
  await move(id, 'in_progress');
  await move(id, 'waiting_customer');
  now = sh('2026-03-16T09:00:00');
  const breaching = (await admin.client.get('/api/cases?breachingWithin=0'))
    .json()
    .items.map((c: { id: number }) => c.id);
  assert.ok(!breaching.includes(id), 'waiting for the customer is not breaching');
  await move(id, 'in_progress');
  await admin.client.post(`/api/cases/${id}/diagnosis`, { summary: '已定位' });
  await move(id, 'resolved');
  now = sh('2026-03-20T09:00:00');
  assert.equal((await move(id, 'in_progress', '故障复现')).statusCode, 200);
  const after = await sla(id);
  assert.ok(
    after.pausedBusinessMinutes >= 7 * 24 * 60,
    `resolved days are paused (${after.pausedBusinessMinutes})`,
  );
  assert.ok(
    after.escalations.some((e: { status: string }) => e.status === 'pending'),
    'the escalation resumes after a reopen',
  );
});

test('“Manager1” is the region’s Manager1, and the second line separately', async () => {
  const regional = await makeStaff(t, ['second_line_engineer']);
  await admin.client.patch(`/api/users/${regional.user.id}`, { branchId });
  const manager1 = await makeStaff(t, ['manager1']); // no branch: nobody is Manager1 in the region
  const id = await openAt(sh('2026-03-17T09:00:00'), 1);
  await sweepEscalations({ db: t.db, now: sh('2026-03-17T09:10:00') });
  const [step] = await fired(id);
  assert.ok(step!.recipients.includes(regional.user.id), 'the region’s second-line engineer');
  assert.ok(
    step!.recipients.includes(manager1.user.id),
    'and a Manager1 from elsewhere, since the region has none',
  );
});

test('editing a calendar moves the due times of the open cases on it', async () => {
  const id = await openAt(sh('2026-03-18T17:00:00'), 3); // P3 on 5×8, Wednesday
  const before = (await sla(id)).escalations.find(
    (e: { elapsedMinutes: number }) => e.elapsedMinutes === 240,
  ).dueAt;
  assert.equal(before, sh('2026-03-19T12:00:00').toISOString());
  const cal = await t.db
    .selectFrom('business_calendar')
    .select('id')
    .where('code', '=', '5x8')
    .executeTakeFirstOrThrow();
  assert.equal(
    (
      await admin.client.request('PUT', `/api/calendars/${cal.id}/days/2026-03-19`, {
        kind: 'holiday',
        name: '公司活动日',
      })
    ).statusCode,
    200,
  );
  await new JobRunner({ db: t.db, handlers: jobHandlers(t.db) }).runOnce();
  const row = await t.db
    .selectFrom('support_case')
    .select('next_escalation_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.next_escalation_at!.toISOString(), sh('2026-03-20T12:00:00').toISOString());
});

test('a step that raises the priority reschedules the case on the new priority’s column and calendar', async () => {
  const raisingLevel = await makeStandardServiceLevel(t, {
    code: 'RAISE',
    name: '升级提级',
    resolutionMinutes: () => 960,
  });
  const org = await makeOrganisation(t, '提级测试客户');
  await createContract({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      number: 'HT-RAISE',
      organisationId: org.id,
      serviceLevelId: raisingLevel,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      state: 'active',
      coversAllSites: true,
      siteIds: [],
      serials: [],
    },
  });
  const steps = [
    { track: 'P3', elapsedMinutes: 10, actions: [{ kind: 'raise_priority', to: 2 }] },
    { track: 'P3', elapsedMinutes: 20, actions: [{ kind: 'notify', roles: ['manager1'] }] },
    { track: 'P2', elapsedMinutes: 60, actions: [{ kind: 'require_vendor_case' }] },
  ];
  const put = await admin.client.request('PUT', `/api/service-levels/${raisingLevel}/escalation-matrix`, {
    steps,
  });
  assert.equal(put.statusCode, 200, put.body);
  // P3 runs on 5×8 and P2 on 7×24: opened 17:30 on a Tuesday, half an hour before closing.
  const id = await openAt(sh('2026-05-12T17:30:00'), 3, org.id);
  // This case alone, once: the due times read below are the ones its firing wrote (a second
  // claim of the case in the same sweep would hide a reschedule on the old column).
  await sql`update support_case set next_escalation_at = null where id <> ${id}`.execute(t.db);
  await sweepEscalations({ db: t.db, now: sh('2026-05-12T17:55:00'), maxCases: 1 });
  assert.deepEqual(
    (await fired(id)).map((f) => f.step_key),
    [`sl:${raisingLevel}:P3:10`],
    'the P3 column stops once the case is P2',
  );
  const calendar = await t.db
    .selectFrom('business_calendar')
    .select('id')
    .where('code', '=', '7x24')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .selectFrom('support_case')
    .select(['priority', 'sla_calendar_id', 'next_escalation_at', 'resolution_due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, {
    priority: 2,
    sla_calendar_id: calendar.id,
    next_escalation_at: sh('2026-05-12T18:30:00'), // P2's step at 60 minutes, on 7×24
    resolution_due_at: sh('2026-05-13T09:30:00'), // 16 hours on 7×24, not 16 office hours
  });
  await sweepEscalations({ db: t.db, now: sh('2026-05-12T18:30:00') });
  assert.deepEqual(
    (await fired(id)).map((f) => f.step_key),
    [`sl:${raisingLevel}:P3:10`, `sl:${raisingLevel}:P2:60`],
  );
});
