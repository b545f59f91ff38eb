/**
 * HTTP contract of the hotline finder: one query string (a phone number, a contact's name, a
 * customer's name or code, or a serial number) → the customers it may mean, each with the site,
 * contact or asset that matched, best first.
 */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';

/** What a candidate matched on; also the order of a tie (a serial names one box, a name many). */
export const INTAKE_MATCH_KINDS = ['serial', 'phone', 'contact', 'organisation'] as const;
export type IntakeMatchKind = (typeof INTAKE_MATCH_KINDS)[number];

/** How well: the whole value, its start (or a phone's end), anywhere in it. */
export const INTAKE_MATCH_QUALITIES = ['exact', 'prefix', 'partial'] as const;

export const intakeLookupQuery = z.object({
  /** At least two characters; a phone number matches from four digits (spaces and dashes ignored). */
  q: z.string().trim().min(2, withZh('at least 2 characters', '至少 2 个字符')).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

export const intakeCandidateSchema = z.object({
  kind: z.enum(INTAKE_MATCH_KINDS),
  quality: z.enum(INTAKE_MATCH_QUALITIES),
  organisation: z.object({
    id: z.number(),
    name: z.string(),
    code: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  site: z.object({ id: z.number(), name: z.string(), city: z.string().nullable() }).nullable(),
  contact: z
    .object({
      id: z.number(),
      name: z.string(),
      mobile: z.string().nullable(),
      phone: z.string().nullable(),
      siteId: z.number().nullable(),
    })
    .nullable(),
  asset: z
    .object({
      id: z.number(),
      serial: z.string(),
      vendor: z.string(),
      model: z.string(),
      state: z.string(),
      warrantyEndsOn: z.string().nullable(),
    })
    .nullable(),
});

export const intakeLookupResult = z.object({ items: z.array(intakeCandidateSchema) });
