/**
 * A clock that tests can move forward: the real time plus an offset. Only a server started in test
 * mode (TACDESK_TEST_MODE=true) has one, so browser journeys can let an SLA step fall due without
 * waiting ten minutes; the domain reads it like any other clock.
 */
export interface MovableClock {
  now(): Date;
  /** Moves the clock forward by `ms` (never back: due times already passed stay passed). */
  advance(ms: number): Date;
  readonly offsetMs: number;
}

export function movableClock(real: () => Date = () => new Date()): MovableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(real().getTime() + offsetMs),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      offsetMs += ms;
      return new Date(real().getTime() + offsetMs);
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}
