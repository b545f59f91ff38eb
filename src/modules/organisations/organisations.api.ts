/** HTTP contracts for customer organisations, their sites and contacts. */
import { idParams } from '../../platform/http/contract-fields.ts';
import { z } from 'zod';

export { idParams };
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const organisationSchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  name: z.string(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  branchId: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), addSite: z.boolean(), addContact: z.boolean() }),
});

export const organisationBody = z.object({
  code: optionalText(40),
  name: text(200),
  industry: optionalText(100),
  address: optionalText(300),
  phone: optionalText(40),
  notes: optionalText(2000),
  branchId: z.coerce.number().int().positive().nullish(),
  active: z.boolean().optional(),
});
export const organisationPatch = organisationBody.partial();

export const organisationListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().positive().optional(),
});

export const siteSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  notes: z.string().nullable(),
  active: z.boolean(),
});
export const siteBody = z.object({
  name: text(200),
  address: optionalText(300),
  city: optionalText(100),
  notes: optionalText(2000),
  active: z.boolean().optional(),
});
export const sitePatch = siteBody.partial();

export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'wecom', 'portal'] as const;
export const contactSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  siteId: z.number().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  preferredChannel: z.enum(CONTACT_CHANNELS),
  isPrimary: z.boolean(),
  active: z.boolean(),
});
export const contactBody = z.object({
  siteId: z.coerce.number().int().positive().nullish(),
  name: text(100),
  title: optionalText(100),
  phone: optionalText(40),
  mobile: optionalText(40),
  email: z.email().max(200).nullish(),
  preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
  isPrimary: z.boolean().optional(),
  active: z.boolean().optional(),
});
export const contactPatch = contactBody.partial();
