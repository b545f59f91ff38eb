/**
 * The RMA life cycle of seed 004 as data: its states, and the steps that move an RMA from one to
 * another, with who may take each step. Pure: the server enforces it, the UI offers only what it
 * allows. The vendor side (vendor RMA number, the good part's arrival) runs alongside: with a
 * spare from branch stock the vendor's part replenishes the stock while the swap goes ahead.
 */

export const RMA_STATES = [
  'requested',
  'confirmed',
  'awaiting_part',
  'part_ready',
  'replaced',
  'faulty_received',
  'closed',
  'cancelled',
] as const;
export type RmaState = (typeof RMA_STATES)[number];

export const RMA_STATE_LABELS: Record<RmaState, { 'zh-CN': string; en: string }> = {
  requested: { 'zh-CN': '待客户确认', en: 'Awaiting customer confirmation' },
  confirmed: { 'zh-CN': '待查库存', en: 'Awaiting stock check' },
  awaiting_part: { 'zh-CN': '等待厂商备件', en: 'Awaiting vendor part' },
  part_ready: { 'zh-CN': '备件待更换', en: 'Part ready for replacement' },
  replaced: { 'zh-CN': '已更换，坏件待交回', en: 'Replaced, faulty part to come back' },
  faulty_received: { 'zh-CN': '坏件待寄还厂商', en: 'Faulty part to return to vendor' },
  closed: { 'zh-CN': '已完成', en: 'Completed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

export const OPEN_RMA_STATES: readonly RmaState[] = RMA_STATES.filter(
  (s) => s !== 'closed' && s !== 'cancelled',
);

/** The RMA board's tabs: the states grouped by what the RMA waits for next. */
export const RMA_STATE_GROUPS = [
  'waiting_customer',
  'waiting_part',
  'to_replace',
  'faulty_return',
  'closed',
  'cancelled',
] as const;
export type RmaStateGroup = (typeof RMA_STATE_GROUPS)[number];

export const RMA_GROUP_STATES: Record<RmaStateGroup, readonly RmaState[]> = {
  waiting_customer: ['requested'],
  // The stock check, then the vendor's part.
  waiting_part: ['confirmed', 'awaiting_part'],
  to_replace: ['part_ready'],
  // Replaced: the faulty part comes back to the clerk, then goes back to the vendor.
  faulty_return: ['replaced', 'faulty_received'],
  closed: ['closed'],
  cancelled: ['cancelled'],
};

export function groupOfState(state: RmaState): RmaStateGroup {
  return RMA_STATE_GROUPS.find((g) => RMA_GROUP_STATES[g].includes(state))!;
}

export const RMA_STEPS = [
  'request',
  'confirm',
  'fulfil',
  'open_vendor_rma',
  'receive_part',
  'replace',
  'receive_faulty',
  'return_to_vendor',
  'cancel',
] as const;
export type RmaStep = (typeof RMA_STEPS)[number];

/** What a step needs besides the state: facts of the RMA that the step table reads. */
export interface RmaFacts {
  state: RmaState;
  source: 'branch_stock' | 'vendor' | null;
  vendorRmaNumber: string | null;
  goodReceived: boolean;
}

interface StepRule {
  /** States the step may start from. */
  from: readonly RmaState[];
  /** Who takes it: staff roles, or the customer's contact. */
  by: 'staff' | 'staff_or_contact';
  /** Staff roles allowed (empty: any staff). */
  roles: readonly string[];
  /** Further conditions on the RMA's facts. */
  when?: (f: RmaFacts) => boolean;
}

/** Who works the case side of an RMA: request, confirm on the customer's behalf, replace, cancel. */
export const RMA_ENGINEER_ROLES = [
  'admin',
  'tac_engineer',
  'field_engineer',
  'second_line_engineer',
  'duty_engineer',
  'hotline_operator',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
] as const;
/** Who runs the store and vendor side: stock check, vendor RMA, receipts, returns. */
export const RMA_CLERK_ROLES = [
  'admin',
  'spare_parts_clerk',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
] as const;

export const RMA_STEP_RULES: Record<RmaStep, StepRule> = {
  request: { from: [], by: 'staff', roles: RMA_ENGINEER_ROLES },
  // The customer confirms the spare request in the portal, or staff record the confirmation.
  confirm: { from: ['requested'], by: 'staff_or_contact', roles: RMA_ENGINEER_ROLES },
  // The clerk checks the branch stock: issue a spare now, or wait for the vendor's part.
  fulfil: { from: ['confirmed'], by: 'staff', roles: RMA_CLERK_ROLES },
  open_vendor_rma: {
    from: ['awaiting_part', 'part_ready', 'replaced', 'faulty_received'],
    by: 'staff',
    roles: RMA_CLERK_ROLES,
    when: (f) => !f.goodReceived,
  },
  receive_part: {
    from: ['awaiting_part', 'part_ready', 'replaced', 'faulty_received'],
    by: 'staff',
    roles: RMA_CLERK_ROLES,
    when: (f) => f.vendorRmaNumber !== null && !f.goodReceived,
  },
  replace: { from: ['part_ready'], by: 'staff', roles: RMA_ENGINEER_ROLES },
  receive_faulty: { from: ['replaced'], by: 'staff', roles: RMA_CLERK_ROLES },
  return_to_vendor: {
    from: ['faulty_received'],
    by: 'staff',
    roles: RMA_CLERK_ROLES,
    when: (f) => f.goodReceived,
  },
  cancel: {
    from: ['requested', 'confirmed', 'awaiting_part'],
    by: 'staff',
    roles: RMA_ENGINEER_ROLES,
    when: (f) => !f.goodReceived,
  },
};

/** Whether this kind of caller may ever take the step (its roles), whatever the RMA's state. */
export function actorMayTake(
  step: RmaStep,
  actor: { kind: 'staff'; roles: ReadonlySet<string> } | { kind: 'contact' },
): boolean {
  const rule = RMA_STEP_RULES[step];
  if (actor.kind === 'contact') return rule.by === 'staff_or_contact';
  return rule.roles.length === 0 || rule.roles.some((r) => actor.roles.has(r));
}

/** Whether the RMA's state and facts allow the step now. */
export function stateAllows(step: RmaStep, facts: RmaFacts): boolean {
  const rule = RMA_STEP_RULES[step];
  return (rule.from.length === 0 || rule.from.includes(facts.state)) && (!rule.when || rule.when(facts));
}

export function stepAllowed(
  step: RmaStep,
  facts: RmaFacts,
  actor: { kind: 'staff'; roles: ReadonlySet<string> } | { kind: 'contact' },
): boolean {
  return actorMayTake(step, actor) && stateAllows(step, facts);
}

/** Working days the faulty part has to go back to the vendor after the good part arrived (seed 004). */
export const RETURN_WORKING_DAYS = 10;
/** A reminder goes out this many working days before the return is due. */
export const RETURN_REMINDER_WORKING_DAYS = 2;
