/**
 * The escalation engine replaying the seeds, with the clock moved and never slept on: P1 on
 * 7×24 (10 min → Manager1, 1 h → Manager2, 4 h → vendor case, 24 h → Manager3), P3 on 5×8
 * across the 2026 National Day holiday with its make-up working day, pauses while waiting for
 * the customer, downtime, diagnosis stopping the clock, acknowledgement, and two engines at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/app/database-schema.ts';
import { createContract } from '../../src/modules/contracts/server/index.ts';
import { sweepEscalations } from '../../src/modules/sla/server/index.ts';
import { makeStandardServiceLevel, sh } from './sla-builders.ts';
import { createTestApp, makeOrganisation, makeStaff, type TestApp } from '../harness/test-app.ts';
import { TEST_ENGINE } from '../harness/test-database.ts';

let now = new Date('2026-03-09T02:00:00Z');
let t: TestApp;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let organisationId: number;
const managers: Record<string, number> = {};

const MIN = 60_000;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  const levelId = await makeStandardServiceLevel(t, {
    code: 'STD',
    name: '标准服务',
    resolutionMinutes: (p) => 480 * p,
  });
  const org = await makeOrganisation(t, '升级测试客户');
  organisationId = org.id;
  await createContract({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      number: 'HT-ESC-1',
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
  hotline = await makeStaff(t, ['hotline_operator']);
  for (const role of ['manager1', 'manager2', 'manager3', 'second_line_engineer'] as const)
    managers[role] = (await makeStaff(t, [role])).user.id;
});
after(() => t.close());

async function openAt(at: Date, priority: number) {
  now = at;
  const res = await hotline.client.post('/api/cases', {
    organisationId,
    title: `P${priority} 测试`,
    description: '升级测试',
    priority,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

async function sweepAt(at: Date) {
  now = at;
  return sweepEscalations({ db: t.db, now });
}

async function fired(caseId: number) {
  return t.db.selectFrom('case_escalation').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

async function sla(caseId: number) {
  const res = await hotline.client.get(`/api/cases/${caseId}/sla`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

describe('seed 001 matrix', () => {
  test('P1 on 7×24: Manager1 at +10 min, Manager2 at +1 h, vendor case at +4 h, Manager3 at +24 h', async () => {
    const opened = sh('2026-03-09T22:30:00'); // a Monday night: 7×24 does not care
    const id = await openAt(opened, 1);
    const at = (minutes: number) => new Date(opened.getTime() + minutes * MIN);

    assert.equal((await sweepAt(at(9))).fired, 0);
    assert.equal((await sweepAt(at(10))).fired, 1);
    let rows = await fired(id);
    assert.equal(rows[0]!.step_key, 'default:P1:10');
    assert.equal(rows[0]!.due_at.getTime(), at(10).getTime());
    assert.equal(rows[0]!.late, false);
    assert.deepEqual(
      rows[0]!.recipients,
      [managers.manager1, managers.second_line_engineer].sort((a, b) => a! - b!),
    );

    await sweepAt(at(59));
    assert.equal((await fired(id)).length, 1);
    await sweepAt(at(60));
    rows = await fired(id);
    assert.equal(rows[1]!.step_key, 'default:P1:60');
    assert.deepEqual(rows[1]!.recipients, [managers.manager2]);

    await sweepAt(at(240));
    const vendor = await t.db.selectFrom('vendor_case').selectAll().where('case_id', '=', id).execute();
    assert.equal(vendor.length, 1);
    assert.equal(vendor[0]!.status, 'requested');

    await sweepAt(at(24 * 60));
    rows = await fired(id);
    assert.deepEqual(
      rows.map((r) => r.step_key),
      ['default:P1:10', 'default:P1:60', 'default:P1:240', 'default:P1:1440'],
    );
    assert.deepEqual(rows[3]!.recipients, [managers.manager3]);
    const timeline = (await hotline.client.get(`/api/cases/${id}/entries`)).json().items;
    assert.equal(timeline.filter((e: { kind: string }) => e.kind === 'escalation').length, 4);
    const events = await t.db
      .selectFrom('domain_event')
      .select('id')
      .where('type', '=', 'case.escalated')
      .where('subject_id', '=', String(id))
      .execute();
    assert.equal(events.length, 4);
    const schedule = await sla(id);
    assert.deepEqual(
      schedule.escalations.map((e: { status: string }) => e.status),
      ['fired', 'fired', 'fired', 'fired'],
    );
    assert.equal(
      (
        await t.db
          .selectFrom('support_case')
          .select('next_escalation_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).next_escalation_at,
      null,
    );
  });

  test('P3 on 5×8 opened on the last working afternoon before National Day 2026 counts the make-up working day', async () => {
    const id = await openAt(sh('2026-09-30T16:00:00'), 3);
    const schedule = await sla(id);
    const due = Object.fromEntries(
      schedule.escalations.map((e: { elapsedMinutes: number; dueAt: string }) => [
        e.elapsedMinutes / 60,
        e.dueAt,
      ]),
    );
    // 2 h on 30 Sep, holidays 1–7 Oct, then working hours 09–12 and 13–18.
    assert.equal(due[4], sh('2026-10-08T11:00:00').toISOString());
    // 24 h lands on Saturday 10 Oct, a make-up working day (国庆节调休上班).
    assert.equal(due[24], sh('2026-10-10T16:00:00').toISOString());
    assert.equal(due[48], sh('2026-10-14T16:00:00').toISOString());

    assert.equal((await sweepAt(sh('2026-10-07T23:59:00'))).fired, 0, 'nothing fires during the holiday');
    await sweepAt(sh('2026-10-08T11:00:00'));
    assert.deepEqual(
      (await fired(id)).map((r) => r.step_key),
      ['default:P3:240'],
    );
    await sweepAt(sh('2026-10-10T16:00:00'));
    assert.deepEqual(
      (await fired(id)).map((r) => r.step_key),
      ['default:P3:240', 'default:P3:1440'],
    );
  });
});

describe('clock rules', () => {
  test('waiting for the customer shifts every due time by the paused business time', async () => {
    const id = await openAt(sh('2026-03-09T10:00:00'), 3); // Monday
    const before = await sla(id);
    const step4h = before.escalations.find((e: { elapsedMinutes: number }) => e.elapsedMinutes === 240);
    assert.equal(step4h.dueAt, sh('2026-03-09T15:00:00').toISOString());
    const resolutionBefore = before.clocks.find((c: { kind: string }) => c.kind === 'resolution').dueAt;

    now = sh('2026-03-09T11:00:00');
    await hotline.client.post(`/api/cases/${id}/transitions`, { to: 'in_progress' });
    await hotline.client.post(`/api/cases/${id}/transitions`, { to: 'waiting_customer' });
    assert.equal((await sla(id)).paused, true);
    assert.equal((await sweepAt(sh('2026-03-09T15:30:00'))).fired, 0, 'nothing fires while paused');
    now = sh('2026-03-09T14:00:00');
    await hotline.client.post(`/api/cases/${id}/transitions`, { to: 'in_progress' });

    const afterPause = await sla(id);
    assert.equal(afterPause.paused, false);
    assert.equal(afterPause.pausedBusinessMinutes, 120, '11–12 and 13–14');
    assert.equal(
      afterPause.escalations.find((e: { elapsedMinutes: number }) => e.elapsedMinutes === 240).dueAt,
      sh('2026-03-09T17:00:00').toISOString(),
    );
    const resolutionAfter = afterPause.clocks.find((c: { kind: string }) => c.kind === 'resolution').dueAt;
    assert.equal(new Date(resolutionAfter).getTime() > new Date(resolutionBefore).getTime(), true);
    const pauses = await t.db.selectFrom('case_pause').selectAll().where('case_id', '=', id).execute();
    assert.equal(pauses.length, 1);
    assert.equal(pauses[0]!.business_minutes, 120);
    await sweepAt(sh('2026-03-09T16:59:00'));
    assert.equal((await fired(id)).length, 0);
    await sweepAt(sh('2026-03-09T17:00:00'));
    assert.equal((await fired(id)).length, 1);
  });

  test('after downtime each missed step fires once, in order, marked late', async () => {
    const opened = sh('2026-04-01T09:00:00');
    const id = await openAt(opened, 1);
    const first = await sweepAt(new Date(opened.getTime() + 30 * 60 * MIN));
    assert.ok(first.fired >= 4);
    const rows = await fired(id);
    assert.deepEqual(
      rows.map((r) => r.elapsed_minutes),
      [10, 60, 240, 1440],
    );
    assert.ok(rows.every((r) => r.late));
    assert.equal((await sweepAt(new Date(opened.getTime() + 31 * 60 * MIN))).fired, 0);
  });

  test('a diagnosis stops the escalation; a resolved case does not escalate', async () => {
    const opened = sh('2026-04-02T09:00:00');
    const id = await openAt(opened, 2);
    now = new Date(opened.getTime() + 30 * MIN);
    const call = await hotline.client.post(`/api/cases/${id}/entries`, {
      kind: 'call',
      body: '已定位：光模块故障',
      direction: 'outbound',
      durationSeconds: 300,
      diagnosed: true,
    });
    assert.equal(call.statusCode, 201);
    await sweepAt(new Date(opened.getTime() + 50 * 60 * MIN));
    assert.equal((await fired(id)).length, 0);
    const schedule = await sla(id);
    assert.ok(schedule.escalations.every((e: { status: string }) => e.status === 'stopped'));
    const response = schedule.clocks.find((c: { kind: string }) => c.kind === 'response');
    assert.equal(response.metAt, new Date(opened.getTime() + 30 * MIN).toISOString());
    assert.equal(response.breached, false);
  });

  test('a fired step is acknowledged by its recipient, once', async () => {
    const opened = sh('2026-04-03T09:00:00');
    const id = await openAt(opened, 1);
    await sweepAt(new Date(opened.getTime() + 10 * MIN));
    const [row] = await fired(id);
    const engineer = await makeStaff(t, ['tac_engineer']);
    const notTheirs = await engineer.client.post(`/api/escalations/${row!.id}/acknowledge`);
    assert.equal(notTheirs.statusCode, 403);
    assert.equal(notTheirs.json().text, '只有该升级步骤的通知对象和主管可以确认');
    const manager1 = await makeStaff(t, ['manager1']);
    assert.equal((await manager1.client.post(`/api/escalations/${row!.id}/acknowledge`)).statusCode, 200);
    const schedule = await sla(id);
    const step = schedule.escalations.find((e: { id: number | null }) => e.id === row!.id);
    assert.equal(step.status, 'acknowledged');
    assert.equal(step.acknowledgedBy, manager1.user.id);
  });
});

describe(
  'two engines',
  { skip: TEST_ENGINE !== 'postgres' && 'PostgreSQL only: PGlite has one process' },
  () => {
    test('two sweeps on one PostgreSQL fire each due step exactly once', async () => {
      const opened = sh('2026-05-04T09:00:00');
      const ids: number[] = [];
      for (let i = 0; i < 60; i++) ids.push(await openAt(opened, 1));
      const second = await openDatabase<Database>({ url: t.database.url!, poolMax: 4 });
      try {
        const at = new Date(opened.getTime() + 25 * 60 * MIN);
        const [a, b] = await Promise.all([
          sweepEscalations({ db: t.db, now: at }),
          sweepEscalations({ db: second.db, now: at }),
        ]);
        assert.ok(a.fired > 0 && b.fired > 0, `both engines worked (${a.fired} / ${b.fired})`);
        const rows = await t.db
          .selectFrom('case_escalation')
          .select(['case_id', 'step_key'])
          .where('case_id', 'in', ids)
          .execute();
        assert.equal(rows.length, ids.length * 4);
        const events = await t.db
          .selectFrom('domain_event')
          .select('subject_id')
          .where('type', '=', 'case.escalated')
          .where('subject_id', 'in', ids.map(String))
          .execute();
        assert.equal(events.length, ids.length * 4, 'one event per fired step');
      } finally {
        await second.close();
      }
    });
  },
);
