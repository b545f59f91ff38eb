/**
 * When each escalation step and SLA clock of a case falls due. Pure: the calendar, the case's
 * facts and "now" come in as data. Elapsed time is business time since opening minus the
 * business time the case spent paused, so a due time is `open + (target + paused)` in business
 * minutes on the case's calendar.
 */
import { addBusinessMinutes, businessMinutesBetween, type CalendarSpec } from '../calendars/business-time.ts';
import type { EscalationStepDef } from './escalation-matrix.ts';

export interface ClockFacts {
  openedAt: Date;
  /** Business minutes spent paused in closed pause intervals. */
  pauseOffsetMinutes: number;
  /** Set while the clock is stopped (waiting for the customer …). */
  pausedSince: Date | null;
}

/** Business minutes paused so far, the running pause included. */
export function pausedMinutes(spec: CalendarSpec, f: ClockFacts, now: Date): number {
  return (
    f.pauseOffsetMinutes +
    (f.pausedSince && now > f.pausedSince ? businessMinutesBetween(spec, f.pausedSince, now) : 0)
  );
}

/** The instant `target` business minutes of unpaused time have elapsed since opening. */
export function dueAt(spec: CalendarSpec, f: ClockFacts, targetMinutes: number, now: Date): Date {
  return addBusinessMinutes(spec, f.openedAt, targetMinutes + pausedMinutes(spec, f, now));
}

/** Business minutes of unpaused time elapsed since opening. */
export function elapsedMinutes(spec: CalendarSpec, f: ClockFacts, now: Date): number {
  return Math.max(0, businessMinutesBetween(spec, f.openedAt, now) - pausedMinutes(spec, f, now));
}

export interface ScheduledStep extends EscalationStepDef {
  dueAt: Date;
}

/** Every step of the track with its due time, earliest first. */
export function scheduleSteps(
  spec: CalendarSpec,
  f: ClockFacts,
  steps: readonly EscalationStepDef[],
  now: Date,
): ScheduledStep[] {
  return [...steps]
    .sort((a, b) => a.elapsedMinutes - b.elapsedMinutes)
    .map((s) => ({ ...s, dueAt: dueAt(spec, f, s.elapsedMinutes, now) }));
}

export interface ClockState {
  kind: 'response' | 'diagnosis' | 'resolution';
  targetMinutes: number;
  dueAt: Date;
  metAt: Date | null;
  /** Negative once breached; frozen at the moment it was met. */
  businessMinutesLeft: number;
  breached: boolean;
  paused: boolean;
}

/** One SLA clock's state at `now`. */
export function clockState(
  spec: CalendarSpec,
  f: ClockFacts,
  kind: ClockState['kind'],
  targetMinutes: number,
  metAt: Date | null,
  now: Date,
): ClockState {
  const at = metAt ?? now;
  const due = dueAt(spec, f, targetMinutes, at);
  const used = elapsedMinutes(spec, f, at);
  return {
    kind,
    targetMinutes,
    dueAt: due,
    metAt,
    businessMinutesLeft: targetMinutes - used,
    breached: metAt ? metAt > due : now > due,
    paused: !metAt && f.pausedSince !== null,
  };
}
