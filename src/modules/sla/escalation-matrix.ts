/**
 * The escalation matrix: per priority (and a commercial-status column for cases held on an
 * expired or missing contract), steps at elapsed business time since opening, each with
 * actions. The default is seed 001's matrix as read in DOMAIN.md.
 */

export const TRACKS = ['P1', 'P2', 'P3', 'P4', 'commercial'] as const;
export type Track = (typeof TRACKS)[number];

export type EscalationAction =
  /** Tell people: roles are resolved in the case's region (its organisation's branch) first. */
  | { kind: 'notify'; roles: string[]; userIds?: number[] }
  | { kind: 'reassign_group'; groupId: number }
  | { kind: 'raise_priority'; to: 1 | 2 | 3 }
  /** Open a case at the upstream vendor: a task on the case until its number is recorded. */
  | { kind: 'require_vendor_case' };

export interface EscalationStepDef {
  /** Stable identity of the step, unique per case (fired steps are keyed by it). */
  key: string;
  track: Track;
  elapsedMinutes: number;
  actions: EscalationAction[];
}

// "Manager1 / senior engineer" in the seed: the region's Manager1 and the second line.
const MANAGER1: EscalationAction = { kind: 'notify', roles: ['manager1', 'second_line_engineer'] };
const MANAGER2: EscalationAction = { kind: 'notify', roles: ['manager2'] };
const MANAGER3: EscalationAction = { kind: 'notify', roles: ['manager3'] };
const VENDOR: EscalationAction = { kind: 'require_vendor_case' };
const H = 60;

const step = (track: Track, elapsedMinutes: number, ...actions: EscalationAction[]): EscalationStepDef => ({
  key: `default:${track}:${elapsedMinutes}`,
  track,
  elapsedMinutes,
  actions,
});

/** Seed 001: P1 10 min → Manager1, 1 h → Manager2, 4 h → vendor case, 24 h → Manager3, and so on. */
export const DEFAULT_MATRIX: readonly EscalationStepDef[] = [
  step('P1', 10, MANAGER1),
  step('P1', 1 * H, MANAGER2),
  step('P1', 4 * H, VENDOR),
  step('P1', 24 * H, MANAGER3),
  step('P2', 1 * H, MANAGER1),
  step('P2', 4 * H, MANAGER2),
  step('P2', 24 * H, VENDOR),
  step('P2', 48 * H, MANAGER3),
  step('P3', 4 * H, MANAGER1),
  step('P3', 24 * H, VENDOR),
  step('P3', 48 * H, MANAGER2),
  step('P4', 24 * H, MANAGER1),
  step('P4', 48 * H, VENDOR),
  step('P4', 72 * H, MANAGER2),
  step('commercial', 96 * H, { kind: 'notify', roles: ['manager1'] }),
];

/** The column of the matrix a case runs on. */
export function trackOf(c: { priority: number; commercial_hold: boolean }): Track {
  return c.commercial_hold ? 'commercial' : (`P${c.priority}` as Track);
}
