/** HTTP contracts of SLA clocks, the escalation schedule and the escalation matrix. */
import { z } from 'zod';
import { TRACKS } from './escalation-matrix.ts';

export const actionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notify'),
    roles: z.array(z.string().min(1).max(50)).max(20),
    userIds: z.array(z.number().int().positive()).max(50).optional(),
  }),
  z.object({ kind: z.literal('reassign_group'), groupId: z.number().int().positive() }),
  z.object({ kind: z.literal('raise_priority'), to: z.union([z.literal(1), z.literal(2), z.literal(3)]) }),
  z.object({ kind: z.literal('require_vendor_case') }),
]);

export const matrixStepSchema = z.object({
  track: z.enum(TRACKS),
  elapsedMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 365),
  actions: z.array(actionSchema).min(1).max(10),
});

export const matrixSchema = z.object({
  serviceLevelId: z.number().nullable(),
  isDefault: z.boolean(),
  steps: z.array(matrixStepSchema.extend({ key: z.string() })),
});

export const matrixBody = z.object({ steps: z.array(matrixStepSchema).max(100) });
export const matrixQuery = z.object({ serviceLevelId: z.coerce.number().int().positive().optional() });

const clockSchema = z.object({
  kind: z.enum(['response', 'diagnosis', 'resolution']),
  targetMinutes: z.number(),
  dueAt: z.string(),
  metAt: z.string().nullable(),
  businessMinutesLeft: z.number(),
  breached: z.boolean(),
  paused: z.boolean(),
});

export const escalationEntrySchema = z.object({
  id: z.number().nullable(),
  key: z.string(),
  track: z.string(),
  elapsedMinutes: z.number(),
  dueAt: z.string(),
  status: z.enum(['pending', 'fired', 'acknowledged', 'stopped']),
  firedAt: z.string().nullable(),
  late: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.number().nullable(),
  actions: z.array(actionSchema),
  recipients: z.array(z.number()),
});

export const caseSlaSchema = z.object({
  caseId: z.number(),
  track: z.string(),
  calendarId: z.number().nullable(),
  paused: z.boolean(),
  pausedBusinessMinutes: z.number(),
  elapsedBusinessMinutes: z.number(),
  clocks: z.array(clockSchema),
  escalations: z.array(escalationEntrySchema),
});
