/**
 * HTTP contracts of monitoring alerts: alert sources (administrators), the two webhooks
 * (Prometheus Alertmanager's webhook format v4 and TACdesk's Zabbix media-type shape), and the
 * queue of received alerts, where intake staff assign an unmatched one to a customer or dismiss it.
 */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { serialField } from '../assets/assets.api.ts';
import { ALERT_SOURCE_KINDS, ALERT_STATES, DISMISS_REASON_MAX } from './alert-rules.ts';

export { idParams };
const id = idField;

const priority = z.number().int().min(1).max(4);
const fieldName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s]+$/, withZh('no spaces', '不能含空格'));

/** Which label (Alertmanager) or host field / tag (Zabbix) names the device and the site, tried in order. */
export const alertMappingSchema = z.object({
  /** Its value is looked up as an asset serial (installed base). */
  deviceFields: z.array(fieldName).max(10),
  /** Its value is looked up as a site name. */
  siteFields: z.array(fieldName).max(10),
});

const sourceFields = {
  name: z.string().trim().min(1).max(100),
  /** The customer when neither device nor site names one; also confines matching to this customer. */
  organisationId: id.nullish(),
  /** Severity (any case) → priority, e.g. `{ "critical": 1, "warning": 3 }`. */
  priorities: z
    .record(z.string().trim().min(1).max(40), priority)
    .refine((r) => Object.keys(r).length <= 20, withZh('at most 20 severities', '最多 20 个严重级别')),
  /** For a severity not in `priorities`, or none. */
  defaultPriority: priority,
  /** A resolved alert resolves its case (default: only a note on the timeline). */
  autoResolve: z.boolean(),
  mapping: alertMappingSchema,
  active: z.boolean(),
};

/** A new source; what is left out takes the kind's defaults. */
export const createAlertSourceBody = z.object({
  name: sourceFields.name,
  kind: z.enum(ALERT_SOURCE_KINDS),
  organisationId: sourceFields.organisationId,
  priorities: sourceFields.priorities.optional(),
  defaultPriority: priority.optional(),
  autoResolve: z.boolean().default(false),
  mapping: alertMappingSchema.partial().optional(),
  active: z.boolean().default(true),
});

/** A change of a source (the kind stays; the token changes only by rotation). */
export const updateAlertSourceBody = z
  .object({ ...sourceFields, mapping: alertMappingSchema.partial() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, withZh('nothing to change', '没有要修改的内容'));

export const alertSourceSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(ALERT_SOURCE_KINDS),
  organisation: z.object({ id: z.number(), name: z.string() }).nullable(),
  priorities: z.record(z.string(), z.number()),
  defaultPriority: z.number(),
  autoResolve: z.boolean(),
  mapping: alertMappingSchema,
  active: z.boolean(),
  /** The first characters of the token, to tell tokens apart; never the token. */
  tokenPrefix: z.string(),
  tokenRotatedAt: z.string().nullable(),
  /** Where the monitoring system posts: `/api/alerts/<kind>/<id>`. */
  webhookPath: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Creation and rotation: the token, in this response only. */
export const alertSourceWithTokenSchema = alertSourceSchema.extend({ token: z.string() });

// ---- Prometheus Alertmanager, webhook format version 4 -------------------------------------

const labelSet = z.record(z.string(), z.string());
const timestamp = z.iso.datetime({ offset: true });

export const alertmanagerAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.object({ alertname: z.string().trim().min(1).max(200) }).catchall(z.string().max(2000)),
  annotations: labelSet.default({}),
  startsAt: timestamp,
  /** `0001-01-01T00:00:00Z` while firing. */
  endsAt: z.string().max(40).optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().trim().min(1).max(100),
});

export const alertmanagerPayload = z.object({
  version: z.literal('4'),
  groupKey: z.string().max(2000),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(200),
  groupLabels: labelSet.optional(),
  commonLabels: labelSet.optional(),
  commonAnnotations: labelSet.optional(),
  externalURL: z.string().max(2000).optional(),
  alerts: z.array(alertmanagerAlertSchema).min(1).max(500),
});

// ---- Zabbix media type (webhook) ------------------------------------------------------------

/** Zabbix's trigger severities, as {EVENT.SEVERITY} prints them. */
export const ZABBIX_SEVERITIES = [
  'Not classified',
  'Information',
  'Warning',
  'Average',
  'High',
  'Disaster',
] as const;

const zabbixId = z.union([
  z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, withZh('digits', '只能是数字')),
  z.number().int().nonnegative(),
]);

/**
 * One Zabbix event as the TACdesk media type's script posts it (README, "Monitoring alerts"):
 * macros {EVENT.ID}, {TRIGGER.ID}, {EVENT.NAME}, {EVENT.SEVERITY}, {EVENT.STATUS}, {HOST.HOST},
 * {HOST.NAME}, {HOST.IP}, {EVENT.DATE} {EVENT.TIME} as ISO 8601, {EVENT.TAGSJSON}.
 */
export const zabbixPayload = z.object({
  eventId: zabbixId,
  /** Repeats of one trigger land on the open case; without it, each event stands alone. */
  triggerId: zabbixId.optional(),
  triggerName: z.string().trim().min(1).max(200),
  severity: z.enum(ZABBIX_SEVERITIES),
  status: z.enum(['PROBLEM', 'RESOLVED']),
  host: z.string().trim().min(1).max(200),
  hostName: z.string().trim().max(200).optional(),
  hostIp: z.string().trim().max(100).optional(),
  eventTime: timestamp,
  recoveryTime: timestamp.optional(),
  /** The operational data or alert message, shown as the description. */
  message: z.string().max(10_000).optional(),
  url: z.string().max(2000).optional(),
  tags: z
    .array(z.object({ tag: z.string().trim().min(1).max(100), value: z.string().max(500).default('') }))
    .max(50)
    .default([]),
});

/** What became of each alert of a delivery. */
export const webhookResultSchema = z.object({
  items: z.array(
    z.object({
      fingerprint: z.string(),
      status: z.enum(['firing', 'resolved']),
      /** `duplicate`: this delivery was already recorded, nothing changed. */
      outcome: z.enum([...ALERT_STATES, 'duplicate']),
      alertId: z.number(),
      case: z.object({ id: z.number(), number: z.string() }).nullable(),
    }),
  ),
});

// ---- Received alerts --------------------------------------------------------------------------

export const alertListQuery = z.object({
  state: z.enum(ALERT_STATES).optional(),
  sourceId: id.optional(),
  caseId: id.optional(),
  /** Keyset cursor: the last id of the previous page. */
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const alertSchema = z.object({
  id: z.number(),
  source: z.object({ id: z.number(), name: z.string(), kind: z.enum(ALERT_SOURCE_KINDS) }),
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  state: z.enum(ALERT_STATES),
  name: z.string(),
  severity: z.string().nullable(),
  /** The value of the first device field present (the serial looked up). */
  device: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  /** Back to the monitoring system (Alertmanager's generatorURL, the Zabbix event URL). */
  link: z.string().nullable(),
  receivedAt: z.string(),
  organisation: z.object({ id: z.number(), name: z.string() }).nullable(),
  case: z.object({ id: z.number(), number: z.string(), state: z.string() }).nullable(),
  /** Why it needs no case, as the person who dismissed it wrote it. */
  dismissReason: z.string().nullable(),
  /** Who assigned or dismissed it, and when (null for alerts the webhook settled). */
  handledBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  handledAt: z.string().nullable(),
});

export const alertListSchema = z.object({
  items: z.array(alertSchema),
  nextBefore: z.number().nullable(),
});

/** The customer of an unmatched alert; opens its case. */
export const assignAlertBody = z.object({
  organisationId: id,
  siteId: id.nullish(),
  /** Else the priority the source gives the alert's severity. */
  priority: priority.optional(),
  /**
   * The affected device: a serial of this customer's installed base. It becomes the case's serial
   * (and its site when none is named), and the entitlement check judges the contract covering it.
   */
  assetSerial: serialField.nullish(),
});

/** Setting an unmatched alert aside: why it needs no case (a test alert, a false alarm, handled elsewhere). */
export const dismissAlertBody = z.object({
  reason: z.string().trim().min(1).max(DISMISS_REASON_MAX),
});
