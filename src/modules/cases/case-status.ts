/**
 * The case life cycle as data: states, who may move a case from one to another, and what each
 * state means for the SLA clock. Pure: the server enforces it, the UI shows only what it allows.
 */

export const CASE_STATES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_vendor',
  'rma_pending',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export interface StateInfo {
  /** Open cases are worked and escalate; resolved/closed/cancelled do not. */
  open: boolean;
  /** The SLA clock stops while the case waits on the customer (vendor: per service level). */
  pauses: 'never' | 'always' | 'if_vendor_pauses';
  label: { 'zh-CN': string; en: string };
}

export const STATE_INFO: Record<CaseState, StateInfo> = {
  new: { open: true, pauses: 'never', label: { 'zh-CN': '新建', en: 'New' } },
  assigned: { open: true, pauses: 'never', label: { 'zh-CN': '已分派', en: 'Assigned' } },
  in_progress: { open: true, pauses: 'never', label: { 'zh-CN': '处理中', en: 'In progress' } },
  waiting_customer: {
    open: true,
    pauses: 'always',
    label: { 'zh-CN': '等待客户', en: 'Waiting for customer' },
  },
  waiting_vendor: {
    open: true,
    pauses: 'if_vendor_pauses',
    label: { 'zh-CN': '等待厂商', en: 'Waiting for vendor' },
  },
  rma_pending: { open: true, pauses: 'never', label: { 'zh-CN': 'RMA 待处理', en: 'RMA pending' } },
  resolved: { open: false, pauses: 'always', label: { 'zh-CN': '已解决', en: 'Resolved' } },
  closed: { open: false, pauses: 'always', label: { 'zh-CN': '已关闭', en: 'Closed' } },
  cancelled: { open: false, pauses: 'always', label: { 'zh-CN': '已取消', en: 'Cancelled' } },
};

/** Who performs a transition: service-centre staff, or the customer's contact on the portal. */
export type TransitionActor = 'staff' | 'contact';

export interface Transition {
  from: CaseState;
  to: CaseState;
  by: readonly TransitionActor[];
  /** A reason is mandatory (cancel, reopen, customer asks to close). */
  needsReason?: boolean;
  /** Reopening is allowed only within the reopen window after resolution/closure. */
  reopen?: boolean;
}

const WORKING: CaseState[] = ['assigned', 'in_progress', 'waiting_customer', 'waiting_vendor', 'rma_pending'];
const OPEN: CaseState[] = ['new', ...WORKING];

export const TRANSITIONS: readonly Transition[] = [
  ...OPEN.filter((s) => s !== 'in_progress').map((from) => ({
    from,
    to: 'in_progress' as const,
    by: ['staff'] as const,
  })),
  ...['in_progress', 'waiting_vendor', 'rma_pending'].map((from) => ({
    from: from as CaseState,
    to: 'waiting_customer' as const,
    by: ['staff'] as const,
  })),
  ...['in_progress', 'waiting_customer', 'rma_pending'].map((from) => ({
    from: from as CaseState,
    to: 'waiting_vendor' as const,
    by: ['staff'] as const,
  })),
  ...['in_progress', 'waiting_vendor'].map((from) => ({
    from: from as CaseState,
    to: 'rma_pending' as const,
    by: ['staff'] as const,
  })),
  ...WORKING.map((from) => ({ from, to: 'resolved' as const, by: ['staff'] as const })),
  ...OPEN.map((from) => ({ from, to: 'cancelled' as const, by: ['staff'] as const, needsReason: true })),
  // The customer confirms the resolution, or asks to close a case that is still open.
  { from: 'resolved', to: 'closed', by: ['staff', 'contact'] },
  ...OPEN.map((from) => ({ from, to: 'closed' as const, by: ['contact'] as const, needsReason: true })),
  // Not fixed after all: back to work, within the reopen window.
  { from: 'resolved', to: 'in_progress', by: ['staff', 'contact'], needsReason: true, reopen: true },
  { from: 'closed', to: 'in_progress', by: ['staff', 'contact'], needsReason: true, reopen: true },
];

/** The transitions out of `state` that `by` may take (the reopen window is checked by the caller). */
export function transitionsFrom(state: CaseState, by: TransitionActor): Transition[] {
  return TRANSITIONS.filter((t) => t.from === state && t.by.includes(by));
}

export function findTransition(from: CaseState, to: CaseState, by: TransitionActor): Transition | undefined {
  return transitionsFrom(from, by).find((t) => t.to === to);
}

/** Whether a resolved or closed case may still be reopened at `now`. */
export function withinReopenWindow(closedOrResolvedAt: Date | null, now: Date, windowDays: number): boolean {
  if (!closedOrResolvedAt) return false;
  return now.getTime() - closedOrResolvedAt.getTime() <= windowDays * 86_400_000;
}

export const PRIORITIES = [1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The seed 001 definitions, shown wherever a priority is chosen. */
export const PRIORITY_INFO: Record<
  Priority,
  {
    label: { 'zh-CN': string; en: string };
    definition: { 'zh-CN': string; en: string };
    examples: { 'zh-CN': string[]; en: string[] };
  }
> = {
  1: {
    label: { 'zh-CN': 'P1 一级故障（紧急）', en: 'P1 critical' },
    definition: {
      'zh-CN': '系统宕机或关键性故障导致系统不可用',
      en: 'System down, or a critical fault makes the system unusable',
    },
    examples: {
      'zh-CN': [
        '系统中止（不能保存进行中的工作）',
        '功能性故障导致数据丢失或系统不可用',
        '故障致使关键任务应用程序重新启动',
      ],
      en: [
        'System halts (work in progress cannot be saved)',
        'A functional fault loses data or makes the system unusable',
        'A fault restarts mission-critical applications',
      ],
    },
  },
  2: {
    label: { 'zh-CN': 'P2 二级故障（严重）', en: 'P2 major' },
    definition: {
      'zh-CN': '系统性能严重损坏，但系统仍可正常运行',
      en: 'Performance badly degraded, but the system still runs',
    },
    examples: {
      'zh-CN': [
        '应用程序较频繁地发生故障，未导致数据丢失',
        '管理系统发生了严重的、但可预测的故障',
        '系统性能严重降低',
      ],
      en: [
        'Applications fail frequently, without data loss',
        'A serious but predictable fault in the management system',
        'Severely reduced performance',
      ],
    },
  },
  3: {
    label: { 'zh-CN': 'P3 三级故障（一般）', en: 'P3 minor' },
    definition: {
      'zh-CN': '系统运行正常，仅受到有限的影响',
      en: 'The system runs normally with limited impact',
    },
    examples: {
      'zh-CN': ['系统温度报警', '系统部分配置修改', '心跳线部分损坏'],
      en: ['Temperature alarm', 'Partial configuration change', 'Heartbeat link partly damaged'],
    },
  },
  4: {
    label: { 'zh-CN': 'P4 四级（其他／咨询）', en: 'P4 other / information' },
    definition: {
      'zh-CN': '非生产系统受影响，或需要产品功能、安装配置方面的信息与支援',
      en: 'Non-production impact, or a request for information on features, installation or configuration',
    },
    examples: {
      'zh-CN': ['系统权限问题', '一些概念的解答', '系统管理方面的问题'],
      en: ['Permission questions', 'Explaining concepts', 'System administration questions'],
    },
  },
};

export const CHANNELS = ['phone', 'web', 'email', 'fax', 'alert', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const IMPACTS = ['single_user', 'department', 'site', 'organisation'] as const;
