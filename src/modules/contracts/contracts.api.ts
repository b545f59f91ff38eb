/**
 * HTTP contracts of the minimal service model used at intake: service levels with per-priority
 * targets, service contracts covering sites or serial numbers, and the entitlement lookup.
 */
import { codeField, idField, idParams } from '../../platform/http/contract-fields.ts';
import { z } from 'zod';

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

export const serviceLevelBody = z.object({
  code: codeField,
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullish(),
  targets: z
    .array(serviceLevelTargetSchema)
    .length(4, 'one target per priority P1-P4')
    .refine((t) => new Set(t.map((x) => x.priority)).size === 4, 'one target per priority P1-P4'),
});

export const serviceLevelSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  active: z.boolean(),
  targets: z.array(serviceLevelTargetSchema.extend({ calendarId: z.number() })),
});

export const CONTRACT_STATES = ['draft', 'active', 'expired', 'renewed'] as const;

export const contractBody = z
  .object({
    number: z.string().trim().min(1).max(60),
    organisationId: id,
    serviceLevelId: id,
    startsOn: isoDate,
    endsOn: isoDate,
    state: z.enum(CONTRACT_STATES).default('active'),
    coversAllSites: z.boolean().default(true),
    siteIds: z.array(id).max(1000).default([]),
    serials: z.array(z.string().trim().min(1).max(100)).max(10000).default([]),
    notes: z.string().max(2000).nullish(),
  })
  .refine((c) => c.endsOn >= c.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' });

export const contractSchema = z.object({
  id: z.number(),
  number: z.string(),
  organisationId: z.number(),
  serviceLevelId: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(CONTRACT_STATES),
  coversAllSites: z.boolean(),
  siteIds: z.array(z.number()),
  serials: z.array(z.string()),
  notes: z.string().nullable(),
});

export const entitlementQuery = z
  .object({
    organisationId: id.optional(),
    siteId: id.optional(),
    serial: z.string().trim().min(1).max(100).optional(),
    /** The day to check, default today (Asia/Shanghai). */
    on: isoDate.optional(),
  })
  .refine((q) => q.organisationId || q.siteId || q.serial, {
    message: 'give organisationId, siteId or serial',
  });

export const ENTITLEMENT_REASONS = [
  'covered',
  'no_contract',
  'expired',
  'not_started',
  'site_not_covered',
  'serial_unknown',
] as const;

export const entitlementSchema = z.object({
  covered: z.boolean(),
  reason: z.enum(ENTITLEMENT_REASONS),
  organisationId: z.number().nullable(),
  contract: contractSchema
    .pick({ id: true, number: true, startsOn: true, endsOn: true, state: true })
    .nullable(),
  serviceLevel: z
    .object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable() })
    .nullable(),
});
export type Entitlement = z.infer<typeof entitlementSchema>;
