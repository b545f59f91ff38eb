/**
 * Keeps a case's SLA state in step with the case: which calendar and matrix column apply, the
 * three due times, pauses while waiting, and the next escalation due time the engine claims by.
 * Every function runs inside the caller's transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { UnitOfWork } from '../../../platform/events/domain-events.ts';
import { businessMinutesBetween, type CalendarSpec } from '../../calendars/business-time.ts';
import { loadCalendarSpec } from '../../calendars/server/index.ts';
import { STATE_INFO, type CaseState } from '../../cases/case-status.ts';
import { DEFAULT_MATRIX, trackOf, type EscalationStepDef, type Track } from '../escalation-matrix.ts';
import { dueAt, scheduleSteps, type ClockFacts } from '../sla-schedule.ts';

type Trx = Transaction<Database>;

/** 7×24 with no days: the fallback when no calendar applies. */
const ALWAYS_OPEN: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  alwaysOpen: true,
  weeklyHours: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
  workdayHours: [],
  days: new Map(),
};

export interface CaseClockRow {
  id: number;
  priority: number;
  state: CaseState;
  commercial_hold: boolean;
  service_level_id: number | null;
  opened_at: Date;
  pause_offset_minutes: number;
  paused_since: Date | null;
  first_response_at: Date | null;
  diagnosed_at: Date | null;
  resolved_at: Date | null;
  merged_into_id: number | null;
}

export interface ClockContext {
  track: Track;
  calendarId: number | null;
  spec: CalendarSpec;
  target: {
    responseMinutes: number;
    diagnosisMinutes: number;
    resolutionMinutes: number;
    pauseOnVendor: boolean;
  } | null;
  steps: EscalationStepDef[];
}

interface ContextRow {
  response_minutes: number | null;
  diagnosis_minutes: number | null;
  resolution_minutes: number | null;
  pause_on_vendor: boolean | null;
  calendar_id: number | null;
  calendar_revision: number | null;
  calendar_stamp: string | null;
  steps: Array<{ track: Track; elapsed_minutes: number; actions: EscalationStepDef['actions'] }>;
}

/**
 * The calendar, targets and escalation steps that apply to the case as it is now: one statement
 * (the target, the level's own steps for the track, and the calendar's revision, which validates
 * the calendars module's cached spec); the calendar's days are read only when they changed.
 */
export async function clockContext(
  trx: Kysely<Database>,
  c: Pick<CaseClockRow, 'priority' | 'commercial_hold' | 'service_level_id'>,
): Promise<ClockContext> {
  const track = trackOf(c);
  const levelId = c.service_level_id;
  // Without a target (no service level, or none for this priority) the 7×24 calendar applies.
  const { rows } = await sql<ContextRow>`
    select t.response_minutes, t.diagnosis_minutes, t.resolution_minutes, t.pause_on_vendor,
      cal.id as calendar_id, cal.revision as calendar_revision, cal.updated_at::text as calendar_stamp,
      coalesce((
        select json_agg(json_build_object(
          'track', s.track, 'elapsed_minutes', s.elapsed_minutes, 'actions', s.actions
        ) order by s.elapsed_minutes)
        from escalation_step s where s.service_level_id = ${levelId} and s.track = ${track}
      ), '[]'::json) as steps
    from (select 1) as one
    left join service_level_target t on t.service_level_id = ${levelId} and t.priority = ${c.priority}
    left join business_calendar cal on cal.id = coalesce(
      t.calendar_id, (select id from business_calendar where code = '7x24'))
  `.execute(trx);
  const row = rows[0]!;
  const calendarId = row.calendar_id;
  const spec =
    calendarId !== null
      ? await loadCalendarSpec(trx, calendarId, {
          revision: row.calendar_revision!,
          stamp: row.calendar_stamp!,
        })
      : ALWAYS_OPEN;
  // A service level's own steps replace the default matrix column by column; a column it does
  // not define keeps the default. Keys come from the content, so saving the same matrix again
  // never makes a fired step look new.
  const steps: EscalationStepDef[] =
    levelId !== null && row.steps.length > 0
      ? row.steps.map((s) => ({
          key: `sl:${levelId}:${s.track}:${s.elapsed_minutes}`,
          track: s.track,
          elapsedMinutes: s.elapsed_minutes,
          actions: s.actions,
        }))
      : DEFAULT_MATRIX.filter((s) => s.track === track);
  return {
    track,
    calendarId,
    spec,
    target:
      row.response_minutes !== null
        ? {
            responseMinutes: row.response_minutes,
            diagnosisMinutes: row.diagnosis_minutes!,
            resolutionMinutes: row.resolution_minutes!,
            pauseOnVendor: row.pause_on_vendor!,
          }
        : null,
    steps,
  };
}

/**
 * The clock facts as they stood at `at`: only the pauses before it count. A target met at `at`
 * is judged against these, so pausing the case later cannot undo a breach already made.
 */
export function factsAt(
  spec: CalendarSpec,
  openedAt: Date,
  pauses: ReadonlyArray<{ started_at: Date; ended_at: Date | null; business_minutes: number | null }>,
  at: Date,
): ClockFacts {
  let minutes = 0;
  for (const p of pauses) {
    if (p.started_at >= at) continue;
    const end = p.ended_at && p.ended_at <= at ? p.ended_at : at;
    minutes +=
      p.ended_at && p.ended_at <= at && p.business_minutes !== null
        ? p.business_minutes
        : businessMinutesBetween(spec, p.started_at, end);
  }
  return { openedAt, pauseOffsetMinutes: minutes, pausedSince: null };
}

export const factsOf = (c: CaseClockRow): ClockFacts => ({
  openedAt: c.opened_at,
  pauseOffsetMinutes: c.pause_offset_minutes,
  pausedSince: c.paused_since,
});

/** Whether the clock stands still in `state` under this service level. */
export function pausesIn(state: CaseState, ctx: ClockContext): boolean {
  const rule = STATE_INFO[state].pauses;
  return rule === 'always' || (rule === 'if_vendor_pauses' && Boolean(ctx.target?.pauseOnVendor));
}

async function loadClockRow(trx: Trx, caseId: number): Promise<CaseClockRow> {
  return trx
    .selectFrom('support_case')
    .select([
      'id',
      'priority',
      'state',
      'commercial_hold',
      'service_level_id',
      'opened_at',
      'pause_offset_minutes',
      'paused_since',
      'first_response_at',
      'diagnosed_at',
      'resolved_at',
      'merged_into_id',
    ])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
}

/** A case's SLA columns: the calendar, the three due times, the next escalation and the earliest unmet target. */
export interface CaseSchedule {
  sla_calendar_id: number | null;
  response_due_at: Date | null;
  diagnosis_due_at: Date | null;
  resolution_due_at: Date | null;
  next_escalation_at: Date | null;
  sla_next_due_at: Date | null;
}

/** The schedule of the case as it stands, given the steps already fired. Pure. */
function scheduleOf(
  ctx: ClockContext,
  c: CaseClockRow,
  firedKeys: ReadonlySet<string>,
  now: Date,
): CaseSchedule {
  const facts = factsOf(c);
  const escalating = STATE_INFO[c.state].open && !c.merged_into_id && !c.diagnosed_at && !c.paused_since;
  const next = escalating
    ? scheduleSteps(ctx.spec, facts, ctx.steps, now).find((s) => !firedKeys.has(s.key))
    : undefined;
  const due = (minutes: number | undefined) =>
    minutes === undefined ? null : dueAt(ctx.spec, facts, minutes, now);
  const responseDue = due(ctx.target?.responseMinutes);
  const diagnosisDue = due(ctx.target?.diagnosisMinutes);
  const resolutionDue = due(ctx.target?.resolutionMinutes);
  // The earliest target not met yet: what "breaching within N minutes" and urgency sort use.
  const unmet = c.paused_since
    ? []
    : STATE_INFO[c.state].open && !c.merged_into_id
      ? [
          !c.first_response_at && responseDue,
          !c.diagnosed_at && diagnosisDue,
          !c.resolved_at && resolutionDue,
        ].filter((d): d is Date => d instanceof Date)
      : [];
  return {
    sla_calendar_id: ctx.calendarId,
    response_due_at: responseDue,
    diagnosis_due_at: diagnosisDue,
    resolution_due_at: resolutionDue,
    next_escalation_at: next?.dueAt ?? null,
    sla_next_due_at: unmet.length ? new Date(Math.min(...unmet.map((d) => d.getTime()))) : null,
  };
}

/**
 * The schedule of a case about to be opened (nothing paused or fired yet), read before its
 * transaction so the case row is written once with its due times.
 */
export async function newCaseSchedule(
  db: Kysely<Database>,
  c: Pick<CaseClockRow, 'priority' | 'state' | 'commercial_hold' | 'service_level_id' | 'opened_at'>,
  now: Date,
): Promise<CaseSchedule> {
  const row: CaseClockRow = {
    ...c,
    id: 0,
    pause_offset_minutes: 0,
    paused_since: null,
    first_response_at: null,
    diagnosed_at: null,
    resolved_at: null,
    merged_into_id: null,
  };
  return scheduleOf(await clockContext(db, row), row, new Set(), now);
}

/** Recomputes the due times and the next escalation due time of a case. */
export async function rescheduleCase(trx: Trx, caseId: number, now: Date): Promise<void> {
  const c = await loadClockRow(trx, caseId);
  const ctx = await clockContext(trx, c);
  const fired = await trx
    .selectFrom('case_escalation')
    .select('step_key')
    .where('case_id', '=', c.id)
    .execute();
  await rescheduleLoaded(trx, c, ctx, new Set(fired.map((f) => f.step_key)), now);
}

/**
 * rescheduleCase for a caller that holds the case as it stands now (row, its context and every
 * fired step's key, counting those it just fired): one statement instead of four.
 */
export async function rescheduleLoaded(
  trx: Trx,
  c: CaseClockRow,
  ctx: ClockContext,
  firedKeys: ReadonlySet<string>,
  now: Date,
): Promise<void> {
  const schedule = scheduleOf(ctx, c, firedKeys, now);
  await trx.updateTable('support_case').set(schedule).where('id', '=', c.id).execute();
}

/**
 * Called after a case changed state: stops the clock when it enters a waiting state, restarts
 * it (adding the paused business time to the offset) when it leaves one, then reschedules.
 */
export async function afterStateChange(
  uow: UnitOfWork<Database>,
  caseId: number,
  to: CaseState,
  now: Date,
): Promise<void> {
  const trx = uow.trx;
  const c = await loadClockRow(trx, caseId);
  const ctx = await clockContext(trx, c);
  const wasPaused = c.paused_since !== null;
  // Resolved and closed stop the clock too, so a reopened case does not count its quiet days.
  const pauseNow = pausesIn(to, ctx);
  if (!wasPaused && pauseNow) {
    await trx.updateTable('support_case').set({ paused_since: now }).where('id', '=', c.id).execute();
    await trx.insertInto('case_pause').values({ case_id: c.id, state: to, started_at: now }).execute();
  } else if (wasPaused && !pauseNow) {
    const minutes = businessMinutesBetween(ctx.spec, c.paused_since!, now);
    await trx
      .updateTable('support_case')
      .set({ paused_since: null, pause_offset_minutes: c.pause_offset_minutes + minutes })
      .where('id', '=', c.id)
      .execute();
    await trx
      .updateTable('case_pause')
      .set({ ended_at: now, business_minutes: minutes })
      .where('case_id', '=', c.id)
      .where('ended_at', 'is', null)
      .execute();
  }
  await rescheduleCase(trx, c.id, now);
}
