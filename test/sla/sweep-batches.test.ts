/**
 * The sweep fires due cases a batch per transaction: many cases due at one instant each fire
 * once, with one event published per fired step; a case whose step throws rolls its batch back,
 * the batch's other cases still fire (nothing of the rolled-back attempt is published), and the
 * broken case is put back five minutes later, retried then, and fires once it is fixed. On
 * PostgreSQL two sweeps at once, in small batches and with a broken case among them, fire every
 * step exactly once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { committedEventsOf, type PublishedEvent } from '../../src/platform/events/domain-events.ts';
import type { Database } from '../../src/app/database-schema.ts';
import { createContract } from '../../src/modules/contracts/server/index.ts';
import { sweepEscalations } from '../../src/modules/sla/server/index.ts';
import { SWEEP_BATCH_SIZE } from '../../src/modules/sla/server/escalation-sweep.ts';
import { makeStandardServiceLevel, sh } from './sla-builders.ts';
import { createTestApp, makeOrganisation, makeStaff, type TestApp } from '../harness/test-app.ts';
import { TEST_ENGINE } from '../harness/test-database.ts';

let now = new Date('2026-06-01T01:00:00Z');
let t: TestApp;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let levelId: number;
let organisationId: number;
const MIN = 60_000;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  levelId = await makeStandardServiceLevel(t, { code: 'BATCH', name: '批量', resolutionMinutes: () => 960 });
  hotline = await makeStaff(t, ['hotline_operator']);
  await makeStaff(t, ['manager1']);
  const org = await makeOrganisation(t, '批量升级客户');
  organisationId = org.id;
  await createContract({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      number: 'HT-BATCH',
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

async function openAt(at: Date, priority: number) {
  now = at;
  const res = await hotline.client.post('/api/cases', {
    organisationId,
    title: `P${priority} 批量`,
    description: 'x',
    priority,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

async function openMany(at: Date, n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await openAt(at, 2));
  return ids;
}

/** The P1 column becomes one step at +65 min that reassigns to a group that does not exist. */
async function breakP1Column() {
  await sql`insert into escalation_step (service_level_id, track, elapsed_minutes, actions) values (${levelId}, 'P1', 65, ${JSON.stringify([{ kind: 'reassign_group', groupId: 999999 }])}::jsonb)`.execute(
    t.db,
  );
}

const firedSteps = (ids: number[]) =>
  t.db
    .selectFrom('case_escalation')
    .select(['id', 'case_id', 'step_key'])
    .where('case_id', 'in', ids)
    .orderBy('id')
    .execute();

const nextEscalationAt = async (id: number) =>
  (
    await t.db
      .selectFrom('support_case')
      .select('next_escalation_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).next_escalation_at;

/** The `case.escalated` events published (after commit) while `work` runs. */
async function published<T>(work: () => Promise<T>): Promise<[T, PublishedEvent[]]> {
  const events: PublishedEvent[] = [];
  const listen = (e: PublishedEvent) => {
    if (e.type === 'case.escalated') events.push(e);
  };
  committedEventsOf(t.db).on('event', listen);
  try {
    return [await work(), events];
  } finally {
    committedEventsOf(t.db).off('event', listen);
  }
}

test('many cases due at once each fire once; a broken one is skipped, retried and fires when fixed', async () => {
  // 30 cases due at 09:50, the broken P1 case due at 09:55, 30 more due at 10:00: the batch
  // holding the broken case also holds healthy cases on both sides of it.
  const early = await openMany(sh('2026-06-01T08:50:00'), 30);
  await breakP1Column();
  const broken = await openAt(sh('2026-06-01T08:50:00'), 1);
  const late = await openMany(sh('2026-06-01T09:00:00'), 30);
  const healthy = [...early, ...late];
  assert.ok(healthy.length > SWEEP_BATCH_SIZE, 'more cases due than one batch');
  assert.equal((await nextEscalationAt(broken))!.getTime(), sh('2026-06-01T09:55:00').getTime());

  const errors: number[] = [];
  const onError = (_e: unknown, id: number) => errors.push(id);
  const [result, events] = await published(() =>
    sweepEscalations({ db: t.db, now: sh('2026-06-01T10:00:00'), onError }),
  );
  assert.deepEqual(errors, [broken]);
  assert.deepEqual(result, { cases: healthy.length, fired: healthy.length, failed: 1 });
  const rows = await firedSteps(healthy);
  assert.deepEqual(
    rows.map((r) => r.case_id).sort((a, b) => a - b),
    healthy,
    'every healthy case fired exactly one step',
  );
  assert.ok(rows.every((r) => r.step_key === 'default:P2:60'));
  assert.deepEqual(
    events.map((e) => (e.data as { escalationId: number }).escalationId).sort((a, b) => a - b),
    rows.map((r) => r.id),
    'one published event per fired step, none from the rolled-back batch',
  );
  const recorded = await t.db
    .selectFrom('domain_event')
    .select('subject_id')
    .where('type', '=', 'case.escalated')
    .where('subject_id', 'in', [...healthy, broken].map(String))
    .execute();
  assert.equal(recorded.length, healthy.length, 'one recorded event per fired step');
  assert.deepEqual(await firedSteps([broken]), []);
  assert.equal(
    (await nextEscalationAt(broken))!.getTime(),
    sh('2026-06-01T10:05:00').getTime(),
    'retried five minutes later',
  );

  // Five minutes later it is tried again, alone, and fails again; nothing else fires twice.
  const retry = await sweepEscalations({ db: t.db, now: sh('2026-06-01T10:05:00'), onError });
  assert.deepEqual(errors, [broken, broken]);
  assert.deepEqual(retry, { cases: 0, fired: 0, failed: 1 });

  // Fixed: the step now tells Manager1, and the next try fires it once.
  await sql`update escalation_step set actions = ${JSON.stringify([{ kind: 'notify', roles: ['manager1'] }])}::jsonb where service_level_id = ${levelId}`.execute(
    t.db,
  );
  const [fixed, fixedEvents] = await published(() =>
    sweepEscalations({ db: t.db, now: sh('2026-06-01T10:10:00'), onError }),
  );
  assert.deepEqual(fixed, { cases: 1, fired: 1, failed: 0 });
  assert.deepEqual(
    (await firedSteps([broken])).map((r) => r.step_key),
    [`sl:${levelId}:P1:65`],
  );
  assert.equal(fixedEvents.length, 1);
  assert.equal((await firedSteps(healthy)).length, healthy.length, 'no healthy case fired again');
  await sql`delete from escalation_step where service_level_id = ${levelId}`.execute(t.db);
});

test('maxCases caps the cases of one sweep across batches; the next sweep takes the rest', async () => {
  // Opened after the first test's sweeps and swept before any of its cases is due again.
  const ids = await openMany(sh('2026-06-01T10:10:00'), 12);
  const at = sh('2026-06-01T11:10:00');
  const first = await sweepEscalations({ db: t.db, now: at, maxCases: 7, batchSize: 5 });
  assert.deepEqual(first, { cases: 7, fired: 7, failed: 0 });
  const second = await sweepEscalations({ db: t.db, now: at, batchSize: 5 });
  assert.deepEqual(second, { cases: 5, fired: 5, failed: 0 });
  assert.equal((await firedSteps(ids)).length, ids.length);
});

describe(
  'two engines',
  { skip: TEST_ENGINE !== 'postgres' && 'PostgreSQL only: PGlite has one process' },
  () => {
    test('two sweeps in small batches, with a broken case among them, fire each step once', async () => {
      await breakP1Column();
      const opened = sh('2026-06-01T10:20:00');
      const healthy = await openMany(opened, 40);
      const broken = await openAt(opened, 1);
      healthy.push(...(await openMany(opened, 40)));
      const second = await openDatabase<Database>({ url: t.database.url!, poolMax: 4 });
      try {
        const errors: number[] = [];
        const onError = (_e: unknown, id: number) => errors.push(id);
        const at = new Date(opened.getTime() + 70 * MIN);
        const [a, b] = await Promise.all([
          sweepEscalations({ db: t.db, now: at, batchSize: 7, onError }),
          sweepEscalations({ db: second.db, now: at, batchSize: 7, onError }),
        ]);
        assert.ok(a.cases > 0 && b.cases > 0, `both engines worked (${a.cases} / ${b.cases})`);
        assert.equal(a.fired + b.fired, healthy.length);
        // Both engines may meet it (one puts it back just after the other's try), never another case.
        assert.ok(errors.length >= 1 && errors.every((id) => id === broken), `reported ${errors.join(', ')}`);
        const rows = await firedSteps(healthy);
        assert.deepEqual(
          rows.map((r) => r.case_id).sort((x, y) => x - y),
          healthy.sort((x, y) => x - y),
          'each healthy case fired exactly once',
        );
        const events = await t.db
          .selectFrom('domain_event')
          .select('subject_id')
          .where('type', '=', 'case.escalated')
          .where('subject_id', 'in', [...healthy, broken].map(String))
          .execute();
        assert.equal(events.length, healthy.length, 'one event per fired step');
      } finally {
        await second.close();
        await sql`delete from escalation_step where service_level_id = ${levelId}`.execute(t.db);
      }
    });
  },
);
