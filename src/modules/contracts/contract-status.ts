/**
 * The service contract life cycle as data: states, who moves a contract from one to another,
 * and the calendar-day arithmetic contracts run on. Pure: the server enforces it, the UI shows
 * only what it allows.
 */

export const CONTRACT_STATES = ['draft', 'active', 'expired', 'renewed'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

export const CONTRACT_STATE_LABELS: Record<ContractState, { 'zh-CN': string; en: string }> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  active: { 'zh-CN': '生效', en: 'Active' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
  renewed: { 'zh-CN': '已续约', en: 'Renewed' },
};

/**
 * Who performs a transition: a person (staff), the daily job (end date passed), a renewal
 * (a follow-on contract was created) or a downtime extension (the end moved past today again).
 */
export type ContractTransitionBy = 'staff' | 'job' | 'renewal' | 'extension';

export interface ContractTransition {
  from: ContractState;
  to: ContractState;
  by: readonly ContractTransitionBy[];
  /** A person ending a contract early must say why. */
  needsReason?: boolean;
}

export const CONTRACT_TRANSITIONS: readonly ContractTransition[] = [
  { from: 'draft', to: 'active', by: ['staff'] },
  { from: 'active', to: 'expired', by: ['staff', 'job'], needsReason: true },
  { from: 'active', to: 'renewed', by: ['renewal'] },
  { from: 'expired', to: 'renewed', by: ['renewal'] },
  { from: 'expired', to: 'active', by: ['extension'] },
];

/** The transition from → to that `by` may take, if any. */
export function contractTransition(
  from: ContractState,
  to: ContractState,
  by: ContractTransitionBy,
): ContractTransition | undefined {
  return CONTRACT_TRANSITIONS.find((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** States whose contract may still be edited (period, coverage, promises). */
export const EDITABLE_STATES: readonly ContractState[] = ['draft', 'active'];

/** States that entitle on a day within the period: a renewed contract runs to its end. */
export const ENTITLING_STATES: readonly ContractState[] = ['active', 'renewed'];

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * Seed 001: the maintenance period is extended by the days the software stood still, each day
 * counted as 24 hours; a started day counts whole (30 h → 2 days).
 */
export function downtimeDays(downFrom: Date, downTo: Date): number {
  return Math.ceil((downTo.getTime() - downFrom.getTime()) / DAY_MS);
}
