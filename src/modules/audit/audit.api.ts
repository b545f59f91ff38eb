/** HTTP contracts of the audit trail (read-only by design: no route changes or deletes it). */
import { z } from 'zod';

export const auditQuery = z.object({
  type: z.string().trim().max(100).optional(),
  subjectType: z.string().trim().max(50).optional(),
  subjectId: z.string().trim().max(100).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Keyset paging: events with a smaller id than this (newest first). */
  before: z.coerce.number().int().positive().optional(),
});

export const auditEventSchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  type: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  organisationId: z.number().nullable(),
  actor: z.object({
    kind: z.enum(['user', 'token', 'system']),
    id: z.number().nullable(),
    label: z.string(),
  }),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  data: z.unknown(),
});
