/**
 * Fast bulk generator of cases straight into the database (either engine), on top of the demo
 * data set (`tacdesk seed --demo`: customers, contracts, service levels, staff, groups).
 *
 * Each row is filled the way the application fills it:
 * - text: realistic Chinese fault descriptions around English device terms (corpus.ts);
 * - search vectors: the app's own `searchDocument` tokens through to_tsvector('simple', …),
 *   number appended as `openCase` does (`search_public || to_tsvector(number)`); about 30 % of
 *   cases carry an internal note in `search_internal`;
 * - SLA: the app's own clock context (calendar, targets, matrix column) and pure schedule
 *   functions give response/diagnosis/resolution due times, `sla_next_due_at` (earliest unmet
 *   target, null while paused or closed) and `next_escalation_at` (first unfired step); steps
 *   already due when the row is generated are recorded as fired (`case_escalation` rows), as if
 *   the engine had kept up, so nothing is overdue when a server starts on the data.
 * Not generated (documented in docs/PERFORMANCE.md): timeline entries, domain events of the
 * seeded history, attachments.
 *
 * Multi-row inserts of 2 000 rows per statement from one JSON parameter (json_to_recordset),
 * with the fired escalations in the same statement.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/app/database-schema.ts';
import { searchDocument } from '../../src/modules/cases/case-search-text.ts';
import { caseYear, formatCaseNumber } from '../../src/modules/cases/server/case-numbering.ts';
import { clockContext, type ClockContext } from '../../src/modules/sla/server/case-clock.ts';
import { dueAt, scheduleSteps } from '../../src/modules/sla/sla-schedule.ts';
import type { CaseState } from '../../src/modules/cases/case-status.ts';
import { caseText, internalNote, pick, rng, weighted } from './corpus.ts';
import { log, nowMs, round } from './stats.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export interface Catalog {
  orgs: Array<{ id: number; contractId: number | null; serviceLevelId: number | null; weight: number }>;
  sites: Map<number, number[]>;
  contacts: Map<number, number[]>;
  serials: Map<number, string[]>;
  engineers: number[];
  openers: number[];
  groups: number[];
}

export async function loadCatalog(db: Kysely<Database>): Promise<Catalog> {
  const orgs = await db.selectFrom('organisation').select('id').orderBy('id').execute();
  const contracts = await db
    .selectFrom('service_contract')
    .select(['id', 'organisation_id', 'service_level_id'])
    .where('state', '=', 'active')
    .execute();
  const group = <T>(rows: T[], key: (r: T) => number, val: (r: T) => never) => {
    const m = new Map<number, never[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), val(r)]);
    return m;
  };
  const sites = await db.selectFrom('site').select(['id', 'organisation_id']).execute();
  const contacts = await db.selectFrom('contact').select(['id', 'organisation_id']).execute();
  const serials = await db
    .selectFrom('contract_asset')
    .innerJoin('asset', 'asset.id', 'contract_asset.asset_id')
    .select(['asset.serial', 'asset.organisation_id'])
    .execute();
  const roles = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select(['app_user.id', 'user_role.role'])
    .where('app_user.kind', '=', 'staff')
    .execute();
  const withRole = (...rs: string[]) => [
    ...new Set(roles.filter((r) => rs.includes(r.role)).map((r) => r.id)),
  ];
  const groups = await db.selectFrom('support_group').select('id').execute();
  return {
    // A few big customers and a long tail: weight 1/(rank+1).
    orgs: orgs.map((o, i) => {
      const c = contracts.find((k) => k.organisation_id === o.id);
      return {
        id: o.id,
        contractId: c?.id ?? null,
        serviceLevelId: c?.service_level_id ?? null,
        weight: 1 / (i + 1),
      };
    }),
    sites: group(
      sites,
      (r) => r.organisation_id,
      (r) => r.id as never,
    ),
    contacts: group(
      contacts,
      (r) => r.organisation_id,
      (r) => r.id as never,
    ),
    serials: group(
      serials,
      (r) => r.organisation_id,
      (r) => r.serial as never,
    ),
    engineers: withRole('tac_engineer', 'second_line_engineer', 'field_engineer', 'duty_engineer'),
    openers: withRole('hotline_operator', 'duty_engineer'),
    groups: groups.map((g) => g.id),
  };
}

const OPEN_STATES: Array<[CaseState, number]> = [
  ['new', 10],
  ['assigned', 17],
  ['in_progress', 40],
  ['waiting_customer', 15],
  ['waiting_vendor', 10],
  ['rma_pending', 8],
];
const DONE_STATES: Array<[CaseState, number]> = [
  ['closed', 85],
  ['resolved', 10],
  ['cancelled', 5],
];
const PRIORITIES: Array<[number, number]> = [
  [1, 3],
  [2, 12],
  [3, 55],
  [4, 30],
];
const CHANNELS: Array<[string, number]> = [
  ['phone', 55],
  ['email', 25],
  ['web', 12],
  ['alert', 6],
  ['api', 2],
];

export interface SeedResult {
  added: number;
  total: number;
  open: number;
  escalating: number;
  firedSteps: number;
  seconds: number;
  rowsPerSecond: number;
  analyzeSeconds: number;
}

/** Adds cases until the database holds `total`; returns what it did. */
export async function seedCases(
  db: Kysely<Database>,
  opts: { total: number; openShare: number; seed: number; batch?: number },
): Promise<SeedResult> {
  const started = nowMs();
  const existing = Number(
    (
      await db
        .selectFrom('support_case')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const toAdd = Math.max(0, opts.total - existing);
  const catalog = await loadCatalog(db);
  const counters = new Map(
    (await db.selectFrom('case_counter').selectAll().execute()).map((c) => [c.year, c.last_number]),
  );
  const contexts = new Map<string, ClockContext>();
  const contextFor = async (serviceLevelId: number | null, priority: number, hold: boolean) => {
    const key = `${serviceLevelId}:${priority}:${hold}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = await clockContext(db, { priority, commercial_hold: hold, service_level_id: serviceLevelId });
      contexts.set(key, ctx);
    }
    return ctx;
  };
  for (const o of catalog.orgs)
    for (const p of [1, 2, 3, 4]) await contextFor(o.serviceLevelId, p, o.serviceLevelId === null);

  const r = rng(opts.seed + existing);
  const batchSize = opts.batch ?? 2000;
  let firedSteps = 0;
  let lastLog = nowMs();
  const orgTable = catalog.orgs.map((o) => [o, o.weight] as const);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  for (let done = 0; done < toAdd;) {
    const n = Math.min(batchSize, toAdd - done);
    const now = new Date();
    const rows: Record<string, unknown>[] = [];
    const fired: Record<string, unknown>[] = [];
    for (let i = 0; i < n; i++) {
      const org = weighted(r, orgTable);
      const isOpen = r() < opts.openShare;
      const state = weighted(r, isOpen ? OPEN_STATES : DONE_STATES);
      const priority = weighted(r, PRIORITIES);
      const hold = org.serviceLevelId === null;
      // Open cases are recent (most within two weeks); the history spreads over two years.
      const ageMs = isOpen ? Math.min(60 * DAY, -Math.log(1 - r()) * 4 * DAY) : 1 * DAY + r() * 730 * DAY;
      const openedAt = new Date(now.getTime() - ageMs - 60_000);
      const year = caseYear(openedAt);
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      const number = formatCaseNumber(year, seq);
      const t = caseText(r);
      const serials = catalog.serials.get(org.id) ?? [];
      const serial =
        r() < 0.4 ? (serials.length && r() < 0.5 ? pick(r, serials) : `SN${Math.floor(r() * 1e10)}`) : null;
      const assigned = state !== 'new';
      const assignee = assigned ? pick(r, catalog.engineers) : null;
      const groupId = r() < (assigned ? 0.5 : 0.3) && catalog.groups.length ? pick(r, catalog.groups) : null;
      const opener = pick(r, catalog.openers);
      const ctx = await contextFor(org.serviceLevelId, priority, hold);
      const span = Math.max(ageMs, 2 * MIN);
      const firstResponse = assigned
        ? new Date(openedAt.getTime() + Math.min(span / 2, (5 + r() * 40) * MIN))
        : null;
      const diagnosed =
        (state === 'in_progress' && r() < 0.3) ||
        (state === 'waiting_vendor' && r() < 0.5) ||
        (state === 'rma_pending' && r() < 0.8) ||
        !isOpen
          ? new Date(openedAt.getTime() + span * (0.2 + r() * 0.3))
          : null;
      const resolvedAt =
        state === 'resolved' || state === 'closed'
          ? new Date(openedAt.getTime() + span * (0.6 + r() * 0.2))
          : null;
      const closedAt =
        state === 'closed' || state === 'cancelled'
          ? new Date(openedAt.getTime() + span * (0.85 + r() * 0.1))
          : null;
      // resolved / closed / cancelled / waiting_customer stop the clock (afterStateChange).
      const pausedSince =
        state === 'waiting_customer'
          ? new Date(now.getTime() - Math.min(ageMs / 2, r() * 2 * DAY))
          : !isOpen
            ? (closedAt ?? resolvedAt)
            : null;
      const facts = { openedAt, pauseOffsetMinutes: 0, pausedSince };
      const due = (m: number | undefined) => (m === undefined ? null : dueAt(ctx.spec, facts, m, now));
      const responseDue = due(ctx.target?.responseMinutes);
      const diagnosisDue = due(ctx.target?.diagnosisMinutes);
      const resolutionDue = due(ctx.target?.resolutionMinutes);
      const unmet =
        pausedSince || !isOpen
          ? []
          : [!firstResponse && responseDue, !diagnosed && diagnosisDue, resolutionDue].filter(
              (d): d is Date => d instanceof Date,
            );
      let nextEscalation: Date | null = null;
      if (isOpen && !diagnosed && !pausedSince) {
        for (const step of scheduleSteps(ctx.spec, facts, ctx.steps, now)) {
          if (step.dueAt > now) {
            nextEscalation = step.dueAt;
            break;
          }
          firedSteps++;
          fired.push({
            number,
            step_key: step.key,
            track: step.track,
            elapsed_minutes: step.elapsedMinutes,
            due_at: step.dueAt.toISOString(),
            fired_at: new Date(step.dueAt.getTime() + 2_000 + r() * 3_000).toISOString(),
            actions: step.actions,
          });
        }
      }
      const note = r() < 0.3 ? internalNote(r) : null;
      rows.push({
        number,
        organisation_id: org.id,
        site_id: r() < 0.5 ? (pick(r, catalog.sites.get(org.id) ?? [null]) ?? null) : null,
        contact_id: r() < 0.7 ? (pick(r, catalog.contacts.get(org.id) ?? [null]) ?? null) : null,
        channel: weighted(r, CHANNELS),
        category: t.category,
        asset_serial: serial,
        title: t.title,
        description: t.description,
        priority,
        state,
        service_contract_id: org.contractId,
        service_level_id: org.serviceLevelId,
        commercial_hold: hold,
        owner_id: assigned ? (assignee ?? opener) : opener,
        owner_accepted: assigned,
        assignee_id: assignee,
        group_id: groupId,
        opened_by_user_id: opener,
        opened_at: openedAt.toISOString(),
        first_response_at: iso(firstResponse),
        diagnosed_at: iso(diagnosed),
        resolved_at: iso(resolvedAt),
        closed_at: iso(closedAt),
        updated_at: iso(closedAt ?? resolvedAt ?? firstResponse ?? openedAt),
        sla_calendar_id: ctx.calendarId,
        paused_since: iso(pausedSince),
        response_due_at: iso(responseDue),
        diagnosis_due_at: iso(diagnosisDue),
        resolution_due_at: iso(resolutionDue),
        next_escalation_at: iso(nextEscalation),
        sla_next_due_at: unmet.length
          ? new Date(Math.min(...unmet.map((d) => d.getTime()))).toISOString()
          : null,
        doc: searchDocument(t.title, t.description, serial, t.category),
        number_doc: searchDocument(number),
        internal_doc: note ? searchDocument(note) : null,
      });
    }
    await sql`
      with r as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(
          number text, organisation_id bigint, site_id bigint, contact_id bigint, channel text, category text,
          asset_serial text, title text, description text, priority smallint, state text,
          service_contract_id bigint, service_level_id bigint, commercial_hold boolean, owner_id bigint,
          owner_accepted boolean, assignee_id bigint, group_id bigint, opened_by_user_id bigint,
          opened_at timestamptz, first_response_at timestamptz, diagnosed_at timestamptz,
          resolved_at timestamptz, closed_at timestamptz, updated_at timestamptz, sla_calendar_id bigint,
          paused_since timestamptz, response_due_at timestamptz, diagnosis_due_at timestamptz,
          resolution_due_at timestamptz, next_escalation_at timestamptz, sla_next_due_at timestamptz,
          doc text, number_doc text, internal_doc text)
      ), ins as (
        insert into support_case (number, organisation_id, site_id, contact_id, channel, category, asset_serial,
          title, description, priority, state, service_contract_id, service_level_id, commercial_hold, owner_id,
          owner_accepted, assignee_id, group_id, opened_by_user_id, opened_at, first_response_at, diagnosed_at,
          resolved_at, closed_at, updated_at, sla_calendar_id, paused_since, response_due_at, diagnosis_due_at,
          resolution_due_at, next_escalation_at, sla_next_due_at, search_public, search_internal)
        select number, organisation_id, site_id, contact_id, channel, category, asset_serial, title, description,
          priority, state, service_contract_id, service_level_id, commercial_hold, owner_id, owner_accepted,
          assignee_id, group_id, opened_by_user_id, opened_at, first_response_at, diagnosed_at, resolved_at,
          closed_at, updated_at, sla_calendar_id, paused_since, response_due_at, diagnosis_due_at,
          resolution_due_at, next_escalation_at, sla_next_due_at,
          to_tsvector('simple', doc) || to_tsvector('simple', number_doc),
          coalesce(to_tsvector('simple', internal_doc), ''::tsvector)
        from r
        returning id, number
      )
      insert into case_escalation (case_id, step_key, track, elapsed_minutes, due_at, fired_at, late, actions, recipients)
      select ins.id, e.step_key, e.track, e.elapsed_minutes, e.due_at, e.fired_at, false, e.actions, '[]'::jsonb
      from json_to_recordset(${JSON.stringify(fired)}::json) as e(number text, step_key text, track text,
        elapsed_minutes integer, due_at timestamptz, fired_at timestamptz, actions jsonb)
      join ins on ins.number = e.number
    `.execute(db);
    done += n;
    if (nowMs() - lastLog > 5000 || done === toAdd) {
      lastLog = nowMs();
      log(`  seeded ${done}/${toAdd} cases (${round(done / ((nowMs() - started) / 1000), 0)} rows/s)`);
    }
  }
  for (const [year, last] of counters) {
    await sql`insert into case_counter (year, last_number) values (${year}, ${last})
      on conflict (year) do update set last_number = greatest(case_counter.last_number, excluded.last_number)`.execute(
      db,
    );
  }
  const seedSeconds = (nowMs() - started) / 1000;
  // PGlite runs no autovacuum: without this its planner would never see the new rows' statistics.
  const a0 = nowMs();
  await sql`analyze`.execute(db);
  const counts = await sql<{ total: number; open: number; escalating: number }>`
    select count(*)::int as total,
      count(*) filter (where state not in ('resolved', 'closed', 'cancelled'))::int as open,
      count(next_escalation_at)::int as escalating
    from support_case`.execute(db);
  const c = counts.rows[0]!;
  return {
    added: toAdd,
    total: c.total,
    open: c.open,
    escalating: c.escalating,
    firedSteps,
    seconds: round(seedSeconds, 1),
    rowsPerSecond: round(toAdd / seedSeconds, 0),
    analyzeSeconds: round((nowMs() - a0) / 1000, 1),
  };
}
