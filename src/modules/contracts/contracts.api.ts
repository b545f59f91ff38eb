/**
 * HTTP contracts of the service model: service levels with per-priority targets, service
 * contracts (owner, period, coverage of sites and assets, promises, renewal, downtime
 * extensions) and the entitlement lookup used at intake.
 */
import { codeField, idField, idParams } from '../../platform/http/contract-fields.ts';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { z } from 'zod';
import { CONTRACT_STATES } from './contract-status.ts';

const isoDate = z.iso.date();
const id = idField;
export { idParams };

export const serviceLevelTargetSchema = z.object({
  priority: z.number().int().min(1).max(4),
  calendarId: id,
  responseMinutes: z.number().int().positive(),
  diagnosisMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
  pauseOnVendor: z.boolean().default(false),
});

const ONE_TARGET_PER_PRIORITY = withZh('one target per priority P1-P4', 'P1–P4 每个优先级各一组时限');

export const serviceLevelBody = z.object({
  code: codeField,
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullish(),
  targets: z
    .array(serviceLevelTargetSchema)
    .length(4, ONE_TARGET_PER_PRIORITY)
    .refine((t) => new Set(t.map((x) => x.priority)).size === 4, ONE_TARGET_PER_PRIORITY),
});

/** A change of a service level: names, active, or all four targets at once (the code stays). */
export const serviceLevelPatch = serviceLevelBody
  .omit({ code: true })
  .extend({ active: z.boolean() })
  .partial();

export const serviceLevelSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  active: z.boolean(),
  targets: z.array(serviceLevelTargetSchema.extend({ calendarId: z.number() })),
});

export { CONTRACT_STATES };

const serialField = z.string().trim().min(1).max(100);
const promiseHours = z.number().int().min(1).max(720);
const labels = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Fields a contract is written with (create; update takes them partially, without defaults). */
const contractFields = {
  number: z.string().trim().min(1).max(60),
  serviceLevelId: id,
  startsOn: isoDate,
  /** The end as signed; downtime extensions add to it. */
  endsOn: isoDate,
  coversAllSites: z.boolean(),
  siteIds: z.array(id).max(1000),
  /** Covered assets by id … */
  assetIds: z.array(id).max(10000),
  /** … or by serial number (an asset of the contract's organisation, any vendor). */
  serials: z.array(serialField).max(10000),
  /** The contract owner (服务专员). */
  ownerId: id.nullish(),
  /** Engineer on site within N hours. */
  onsiteHours: promiseHours.nullish(),
  /** Spare part on site within N hours. */
  partsHours: promiseHours.nullish(),
  inspectionsPerYear: z.number().int().min(0).max(52).nullish(),
  /** Remind the owner this many days before the end. */
  renewalNoticeDays: z.number().int().min(0).max(365),
  notes: z.string().max(2000).nullish(),
};

const periodInOrder = (c: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn;
const PERIOD_IN_ORDER = {
  path: ['endsOn'],
  message: withZh('must not be before startsOn', '到期日期不能早于开始日期'),
};

export const contractBody = z
  .object({
    ...contractFields,
    organisationId: id,
    state: z.enum(['draft', 'active', 'expired']).default('active'),
    coversAllSites: contractFields.coversAllSites.default(true),
    siteIds: contractFields.siteIds.default([]),
    assetIds: contractFields.assetIds.optional(),
    serials: contractFields.serials.default([]),
    renewalNoticeDays: contractFields.renewalNoticeDays.optional(),
  })
  .refine(periodInOrder, PERIOD_IN_ORDER);

/** A partial update of a draft or active contract; lists replace the whole coverage list. */
export const contractPatch = z.object(contractFields).partial().refine(periodInOrder, PERIOD_IN_ORDER);

/** A follow-on contract: coverage, promises and owner are copied unless given. */
export const renewContractBody = z
  .object({
    number: contractFields.number,
    /** Default: the day after the current end. */
    startsOn: isoDate.optional(),
    endsOn: isoDate,
    state: z.enum(['draft', 'active']).default('draft'),
    serviceLevelId: id.optional(),
    ownerId: id.nullish(),
    onsiteHours: promiseHours.nullish(),
    partsHours: promiseHours.nullish(),
    inspectionsPerYear: z.number().int().min(0).max(52).nullish(),
    renewalNoticeDays: contractFields.renewalNoticeDays.optional(),
    notes: contractFields.notes,
  })
  .refine(periodInOrder, PERIOD_IN_ORDER);

export const contractStateBody = z.object({
  to: z.enum(CONTRACT_STATES),
  reason: z.string().trim().min(1).max(500).optional(),
});

export const contractListQuery = z.object({
  organisationId: id.optional(),
  state: z.enum(CONTRACT_STATES).optional(),
  ownerId: id.optional(),
  serviceLevelId: id.optional(),
  /** Contracts ending on or before this day. */
  endingBefore: isoDate.optional(),
  /** Contracts ending from today (Asia/Shanghai) to N days later: renewal due. */
  endsWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** Part of the contract number or of the customer's name. */
  q: z.string().trim().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset paging: ids below this one (newest first). */
  before: id.optional(),
});

const personRef = z.object({ id: z.number(), name: z.string() });

export const coveredAssetSchema = z.object({
  id: z.number(),
  vendor: z.string(),
  model: z.string(),
  serial: z.string(),
  siteId: z.number().nullable(),
  state: z.string(),
  warrantyEndsOn: z.string().nullable(),
});

export const EXTENSION_CAUSES = ['software', 'vendor'] as const;
export const EXTENSION_CAUSE_LABELS: Record<
  (typeof EXTENSION_CAUSES)[number],
  { 'zh-CN': string; en: string }
> = {
  software: { 'zh-CN': '软件质量问题', en: 'Software fault' },
  vendor: { 'zh-CN': '厂商／服务方原因', en: 'Vendor or service fault' },
};

export const extensionBody = z
  .object({
    cause: z.enum(EXTENSION_CAUSES),
    downFrom: z.iso.datetime({ offset: true }),
    downTo: z.iso.datetime({ offset: true }),
    caseId: id.nullish(),
    reason: z.string().trim().min(1).max(2000),
  })
  .refine((e) => Date.parse(e.downTo) > Date.parse(e.downFrom), {
    path: ['downTo'],
    message: withZh('must be after downFrom', '须晚于停机开始时间'),
  });

export const extensionSchema = z.object({
  id: z.number(),
  contractId: z.number(),
  caseId: z.number().nullable(),
  caseNumber: z.string().nullable(),
  cause: z.enum(EXTENSION_CAUSES),
  causeLabel: labels,
  downFrom: z.string(),
  downTo: z.string(),
  /** Hours of downtime (rounded to minutes). */
  downtimeHours: z.number(),
  /** Whole days granted: each 24 h, a started day counts whole (seed 001). */
  days: z.number(),
  endsOnBefore: z.string(),
  endsOnAfter: z.string(),
  reason: z.string(),
  recordedBy: personRef.nullable(),
  recordedAt: z.string(),
});

/** A contract as a list shows it; the detail adds coverage lists and extensions. */
export const contractSchema = z.object({
  id: z.number(),
  number: z.string(),
  organisationId: z.number(),
  organisationName: z.string(),
  serviceLevelId: z.number(),
  serviceLevel: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
  }),
  startsOn: z.string(),
  /** The effective end, downtime extensions included. */
  endsOn: z.string(),
  /** The end as signed. */
  originalEndsOn: z.string(),
  extensionDays: z.number(),
  state: z.enum(CONTRACT_STATES),
  stateLabel: labels,
  coversAllSites: z.boolean(),
  siteIds: z.array(z.number()),
  assetCount: z.number(),
  owner: personRef.nullable(),
  onsiteHours: z.number().nullable(),
  partsHours: z.number().nullable(),
  inspectionsPerYear: z.number().nullable(),
  /** Staff only (null for a customer). */
  renewalNoticeDays: z.number().nullable(),
  renewalDueOn: z.string().nullable(),
  renewalNotifiedAt: z.string().nullable(),
  renewedByContractId: z.number().nullable(),
  renewsContractId: z.number().nullable(),
  /** In force today: an active (or renewed) contract within its period. */
  inForce: z.boolean(),
  /** Calendar days from today to the end (negative once ended). */
  daysToEnd: z.number(),
  /** Internal remarks: staff only (null for a customer). */
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const contractListSchema = z.object({
  items: z.array(contractSchema),
  nextBefore: z.number().nullable(),
  /** What the caller may do on the list: record a new contract. */
  abilities: z.object({ create: z.boolean() }),
});

export const contractDetailSchema = contractSchema.extend({
  sites: z.array(z.object({ id: z.number(), name: z.string() })),
  assets: z.array(coveredAssetSchema),
  /** Serial numbers of the covered assets (the minimal model's field). */
  serials: z.array(z.string()),
  extensions: z.array(extensionSchema),
  /** What the caller may do now. */
  abilities: z.object({
    update: z.boolean(),
    renew: z.boolean(),
    extend: z.boolean(),
    transitions: z.array(z.object({ to: z.enum(CONTRACT_STATES), needsReason: z.boolean() })),
  }),
});

export const entitlementQuery = z
  .object({
    organisationId: id.optional(),
    siteId: id.optional(),
    serial: serialField.optional(),
    /** The day to check, default today (Asia/Shanghai). */
    on: isoDate.optional(),
  })
  .refine((q) => q.organisationId || q.siteId || q.serial, {
    message: withZh('give organisationId, siteId or serial', '请给出客户、站点或序列号'),
  });

export const ENTITLEMENT_REASONS = [
  'covered',
  'no_contract',
  'expired',
  'not_started',
  'site_not_covered',
  'serial_unknown',
  /** The organisation has contracts, but none covers this asset (nor its site). */
  'asset_not_covered',
  /** The asset was retired (e.g. swapped out by an RMA). */
  'asset_retired',
  /** The only contract is a draft, not yet signed. */
  'draft',
  /** Several assets of different vendors carry this serial; give the organisation. */
  'serial_ambiguous',
] as const;
export type EntitlementReason = (typeof ENTITLEMENT_REASONS)[number];

export const ENTITLEMENT_REASON_LABELS: Record<EntitlementReason, { 'zh-CN': string; en: string }> = {
  covered: { 'zh-CN': '服务合同有效', en: 'A valid service contract covers it' },
  no_contract: { 'zh-CN': '该客户没有服务合同', en: 'The customer has no service contract' },
  expired: { 'zh-CN': '服务合同已过期', en: 'The service contract has expired' },
  not_started: { 'zh-CN': '服务合同尚未生效', en: 'The service contract has not started yet' },
  site_not_covered: { 'zh-CN': '该站点不在服务合同范围内', en: 'This site is not covered by the contract' },
  serial_unknown: { 'zh-CN': '序列号未登记', en: 'The serial number is not registered' },
  asset_not_covered: { 'zh-CN': '该设备不在服务合同范围内', en: 'This device is not covered by a contract' },
  asset_retired: { 'zh-CN': '该设备已退役', en: 'This device has been retired' },
  draft: { 'zh-CN': '服务合同尚未生效（草稿）', en: 'The service contract is still a draft' },
  serial_ambiguous: {
    'zh-CN': '多个厂商的设备使用该序列号，请先选择客户',
    en: 'Devices of several vendors carry this serial; pick the customer',
  },
};

export const entitlementSchema = z.object({
  covered: z.boolean(),
  reason: z.enum(ENTITLEMENT_REASONS),
  reasonLabel: labels,
  organisationId: z.number().nullable(),
  contract: z
    .object({
      id: z.number(),
      number: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      state: z.enum(CONTRACT_STATES),
      originalEndsOn: z.string(),
      extensionDays: z.number(),
    })
    .nullable(),
  serviceLevel: z
    .object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable() })
    .nullable(),
  /** The asset the serial names, when found. */
  asset: z
    .object({
      id: z.number(),
      vendor: z.string(),
      model: z.string(),
      serial: z.string(),
      state: z.string(),
      site: z.object({ id: z.number(), name: z.string() }).nullable(),
    })
    .nullable(),
  /** How many assets carry the serial asked for (0 when not asked or unknown). */
  serialMatches: z.number(),
  /** The maker's warranty of the asset (null without an asset or a recorded end). */
  makerWarranty: z.object({ endsOn: z.string(), inWarranty: z.boolean() }).nullable(),
  /** The contract's service period on the day asked about. */
  contractWarranty: z.object({ startsOn: z.string(), endsOn: z.string(), inForce: z.boolean() }).nullable(),
  promises: z.object({ onsiteHours: z.number().nullable(), partsHours: z.number().nullable() }).nullable(),
  owner: personRef.nullable(),
});
export type Entitlement = z.infer<typeof entitlementSchema>;
