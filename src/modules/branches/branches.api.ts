/** HTTP contracts for the integrator's branches / regions. */
import { codeField } from '../../platform/http/contract-fields.ts';
import { z } from 'zod';

export const branchSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  isHeadquarters: z.boolean(),
  vendorDirectDelivery: z.boolean(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});

export const branchBody = z.object({
  code: codeField,
  name: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100).nullish(),
  isHeadquarters: z.boolean().optional(),
  vendorDirectDelivery: z.boolean().optional(),
  address: z.string().trim().max(300).nullish(),
  phone: z.string().trim().max(40).nullish(),
  active: z.boolean().optional(),
});
export const branchPatch = branchBody.partial();
