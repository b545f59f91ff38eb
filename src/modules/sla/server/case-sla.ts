/** A case's SLA clocks and escalation schedule as the console shows them. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { STATE_INFO } from '../../cases/case-status.ts';
import { clockState, elapsedMinutes, pausedMinutes, scheduleSteps } from '../sla-schedule.ts';
import { clockContext, factsAt, factsOf } from './case-clock.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function caseSla(db: Kysely<Database>, caseId: number, now: Date) {
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('support_case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const ctx = await clockContext(trx, c);
    const facts = factsOf(c);
    const pauses = await trx
      .selectFrom('case_pause')
      .selectAll()
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    const clocks = ctx.target
      ? (
          [
            ['response', ctx.target.responseMinutes, c.first_response_at],
            ['diagnosis', ctx.target.diagnosisMinutes, c.diagnosed_at],
            ['resolution', ctx.target.resolutionMinutes, c.resolved_at],
          ] as const
        ).map(([kind, minutes, met]) => {
          const s = clockState(
            ctx.spec,
            met ? factsAt(ctx.spec, c.opened_at, pauses, met) : facts,
            kind,
            minutes,
            met,
            now,
          );
          return { ...s, dueAt: s.dueAt.toISOString(), metAt: iso(s.metAt) };
        })
      : [];
    const fired = await trx
      .selectFrom('case_escalation')
      .selectAll()
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    const escalating = STATE_INFO[c.state].open && !c.diagnosed_at && !c.merged_into_id;
    const firedRows = fired.map((f) => ({
      id: f.id,
      key: f.step_key,
      track: f.track,
      elapsedMinutes: f.elapsed_minutes,
      dueAt: f.due_at.toISOString(),
      status: f.acknowledged_at ? ('acknowledged' as const) : ('fired' as const),
      firedAt: f.fired_at.toISOString(),
      late: f.late,
      acknowledgedAt: iso(f.acknowledged_at),
      acknowledgedBy: f.acknowledged_by,
      actions: f.actions,
      recipients: f.recipients,
    }));
    const pending = scheduleSteps(ctx.spec, facts, ctx.steps, now)
      .filter((s) => !fired.some((f) => f.step_key === s.key))
      .map((s) => ({
        id: null,
        key: s.key,
        track: s.track,
        elapsedMinutes: s.elapsedMinutes,
        dueAt: s.dueAt.toISOString(),
        status: escalating ? ('pending' as const) : ('stopped' as const),
        firedAt: null,
        late: false,
        acknowledgedAt: null,
        acknowledgedBy: null,
        actions: s.actions,
        recipients: [],
      }));
    return {
      caseId: c.id,
      track: ctx.track,
      calendarId: ctx.calendarId,
      paused: c.paused_since !== null,
      pausedBusinessMinutes: pausedMinutes(ctx.spec, facts, now),
      elapsedBusinessMinutes: elapsedMinutes(ctx.spec, facts, now),
      clocks,
      escalations: [...firedRows, ...pending],
    };
  });
}
