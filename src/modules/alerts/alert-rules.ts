/**
 * Monitoring alerts as data: the kinds of source, what becomes of an alert, each kind's default
 * severity → priority table and device/site fields, and the pure rules that apply them. No I/O.
 */
import type { StaffRole } from '../identity/identity-roles.ts';

export const ALERT_SOURCE_KINDS = ['alertmanager', 'zabbix'] as const;
export type AlertSourceKind = (typeof ALERT_SOURCE_KINDS)[number];

/**
 * What became of a received alert. `pending` only while it is being handled (a crash between
 * opening the case and linking it leaves it visible there).
 */
export const ALERT_STATES = [
  'pending',
  'opened',
  'repeated',
  'resolved',
  'recorded',
  'unmatched',
  'assigned',
  'dismissed',
] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * Who works the alert queue: reads received alerts, names the customer of an unmatched one (opens
 * its case) or dismisses it — the people who take intake (hotline operators, duty engineers) and
 * administrators. Managing alert sources and their tokens stays with administrators. Shared by the
 * server's policy and the console's menu, so the two never disagree.
 */
export const ALERT_QUEUE_ROLES: readonly StaffRole[] = ['admin', 'hotline_operator', 'duty_engineer'];

/** Longest dismissal reason, in characters. */
export const DISMISS_REASON_MAX = 500;

export const ALERT_STATE_LABELS: Record<AlertState, { 'zh-CN': string; en: string }> = {
  pending: { 'zh-CN': '处理中', en: 'In hand' },
  opened: { 'zh-CN': '已建案例', en: 'Opened a case' },
  repeated: { 'zh-CN': '再次触发', en: 'Fired again' },
  resolved: { 'zh-CN': '已恢复', en: 'Resolved' },
  recorded: { 'zh-CN': '仅记录', en: 'Recorded only' },
  unmatched: { 'zh-CN': '未匹配客户', en: 'Unmatched' },
  assigned: { 'zh-CN': '已指派客户', en: 'Assigned to a customer' },
  dismissed: { 'zh-CN': '已忽略', en: 'Dismissed' },
};

export type Priority = 1 | 2 | 3 | 4;

export interface AlertSourceDefaults {
  priorities: Record<string, Priority>;
  defaultPriority: Priority;
  deviceFields: string[];
  siteFields: string[];
}

/**
 * Alertmanager: the `severity` label of the common rule sets; a `serial` label names the asset
 * (`instance` as a fallback for exporters labelled with the serial). Zabbix: its six trigger
 * severities; the host's technical name, then a `serial` tag.
 */
export const SOURCE_DEFAULTS: Record<AlertSourceKind, AlertSourceDefaults> = {
  alertmanager: {
    priorities: { critical: 1, error: 2, warning: 3, info: 4 },
    defaultPriority: 3,
    deviceFields: ['serial', 'instance'],
    siteFields: ['site'],
  },
  zabbix: {
    priorities: { disaster: 1, high: 2, average: 3, warning: 3, information: 4, 'not classified': 4 },
    defaultPriority: 3,
    deviceFields: ['serial', 'host'],
    siteFields: ['site'],
  },
};

/** Severities are compared without case and surrounding spaces. */
export const severityKey = (severity: string) => severity.trim().toLowerCase();

/** The priority a source gives a severity. */
export function priorityFor(
  source: { priorities: Record<string, number>; defaultPriority: number },
  severity: string | null,
): Priority {
  const found = severity === null ? undefined : source.priorities[severityKey(severity)];
  return (found ?? source.defaultPriority) as Priority;
}

/** The first of `fields` with a non-empty value in `labels`, trimmed. */
export function firstValue(labels: Record<string, string>, fields: readonly string[]): string | null {
  for (const field of fields) {
    const value = labels[field]?.trim();
    if (value) return value;
  }
  return null;
}
