/** HTTP contracts of cases: intake, queues, life cycle, assignment, timeline, links, vendor cases. */
import { codeField, idField, idParams } from '../../platform/http/contract-fields.ts';
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { CASE_STATES, CHANNELS, IMPACTS } from './case-status.ts';

const id = idField;
export { idParams };
export const caseStateSchema = z.enum(CASE_STATES);
const P1_P4 = withZh('P1-P4', '应为 P1–P4');
const ONE_LINE = withZh('one line', '不能换行');
export const prioritySchema = z.number().int().min(1, P1_P4).max(4, P1_P4);

export const openCaseBody = z.object({
  /** Staff pick the customer; a contact always opens for its own organisation. */
  organisationId: id.optional(),
  siteId: id.nullish(),
  contactId: id.nullish(),
  channel: z.enum(CHANNELS).optional(),
  category: z.string().trim().max(100).nullish(),
  assetSerial: z.string().trim().max(100).nullish(),
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, ONE_LINE),
  description: z.string().trim().min(1).max(20_000),
  priority: prioritySchema,
  impact: z.enum(IMPACTS).nullish(),
  assigneeId: id.nullish(),
  groupId: id.nullish(),
});

/**
 * A faxed request as the operator records it (multipart part `case`, JSON): the case fields, the
 * number it came from and when the machine printed it. The scans are the request's file parts.
 */
export const faxCaseFields = openCaseBody.omit({ channel: true }).extend({
  faxNumber: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+()\- ]*$/, withZh('digits, +, -, ( ) and spaces', '只能填数字、+、-、( ) 和空格'))
    .nullish(),
  receivedAt: z.iso.datetime({ offset: true }).nullish(),
});

const person = z.object({ id: z.number(), name: z.string() }).nullable();

export const caseAbilitiesSchema = z.object({
  transitions: z.array(z.object({ to: caseStateSchema, needsReason: z.boolean() })),
  assign: z.boolean(),
  accept: z.boolean(),
  reply: z.boolean(),
  note: z.boolean(),
  logCall: z.boolean(),
  watch: z.boolean(),
  link: z.boolean(),
  merge: z.boolean(),
  manageVendorCases: z.boolean(),
  changePriority: z.boolean(),
  diagnose: z.boolean(),
});

export const caseSchema = z.object({
  id: z.number(),
  number: z.string(),
  organisation: z.object({ id: z.number(), name: z.string() }),
  siteId: z.number().nullable(),
  contact: person,
  channel: z.enum(CHANNELS),
  category: z.string().nullable(),
  assetSerial: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  priority: z.number(),
  impact: z.enum(IMPACTS).nullable(),
  state: caseStateSchema,
  serviceContractId: z.number().nullable(),
  serviceLevelId: z.number().nullable(),
  commercialHold: z.boolean(),
  owner: person,
  ownerAccepted: z.boolean(),
  assignee: person,
  group: z.object({ id: z.number(), name: z.string() }).nullable(),
  mergedIntoId: z.number().nullable(),
  openedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The earliest SLA target not met yet (null when none runs: met, paused or closed). */
  slaNextDueAt: z.string().nullable(),
  updatedAt: z.string(),
  abilities: caseAbilitiesSchema,
});

export const openCaseResult = caseSchema.extend({
  /** Set when the customer must also phone the hotline (P1/P2 opened on the portal, seed 004). */
  notice: z.object({ code: z.literal('call_hotline'), hotline: z.string().nullable() }).nullable(),
});

export const CASE_SORTS = ['newest', 'sla', 'relevance'] as const;

export const caseListQuery = z.object({
  state: z.union([caseStateSchema, z.array(caseStateSchema)]).optional(),
  open: z.stringbool().optional(),
  priority: z.coerce.number().int().min(1).max(4).optional(),
  organisationId: id.optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), id]).optional(),
  /** A support group, or `mine`: the groups the caller belongs to. */
  group: z.union([z.literal('mine'), id]).optional(),
  /** Region: cases of customers served by this branch. */
  branchId: id.optional(),
  channel: z.enum(CHANNELS).optional(),
  /** Open cases whose earliest unmet SLA target falls due within this many minutes (or is past). */
  breachingWithin: z.coerce
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .optional(),
  /** Full text: case number, title, description, timeline (Chinese substrings and words). */
  q: z.string().trim().max(100).optional(),
  /** newest first; sla: most urgent first; relevance: best match first (needs q). */
  sort: z.enum(CASE_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset paging: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const caseListItem = caseSchema.omit({ description: true, abilities: true });

export const transitionBody = z.object({
  to: caseStateSchema,
  reason: z.string().trim().max(2000).optional(),
});

export const assignBody = z
  .object({
    assigneeId: id.nullish(),
    groupId: id.nullish(),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.assigneeId !== undefined || b.groupId !== undefined, {
    message: withZh('give assigneeId or groupId', '请选择工程师或小组'),
  });

export const ENTRY_KINDS = ['reply', 'note', 'call'] as const;
export const entryBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), body: z.string().trim().min(1).max(50_000) }),
  z.object({ kind: z.literal('note'), body: z.string().trim().min(1).max(50_000) }),
  z.object({
    kind: z.literal('call'),
    body: z.string().trim().min(1).max(50_000),
    direction: z.enum(['inbound', 'outbound']),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600),
    /** A call counts as diagnosis when the engineer found the cause or a workaround on it. */
    diagnosed: z.boolean().optional(),
    /** A call log is internal unless it says it is for the customer's eyes (calls to vendors…). */
    visibility: z.enum(['public', 'internal']).default('internal'),
  }),
]);

export const entrySchema = z.object({
  id: z.number(),
  kind: z.string(),
  visibility: z.enum(['public', 'internal']),
  author: z.object({
    kind: z.enum(['staff', 'contact', 'system']),
    id: z.number().nullable(),
    label: z.string(),
  }),
  body: z.string().nullable(),
  data: z.unknown(),
  createdAt: z.string(),
});

export const linkBody = z.object({
  otherCaseId: id,
  kind: z.enum(['related', 'duplicate', 'caused_by']).default('related'),
});
export const mergeBody = z.object({ intoCaseId: id, reason: z.string().trim().max(2000).optional() });

const vendorCaseFields = {
  vendor: z.string().trim().min(1).max(100),
  vendorCaseNumber: z.string().trim().max(100).nullish(),
  status: z.enum(['requested', 'open', 'closed']),
  /** Internal: what the vendor said; never shown to the customer. */
  notes: z.string().max(5000).nullish(),
};
export const vendorCaseBody = z.object({
  ...vendorCaseFields,
  status: vendorCaseFields.status.default('open'),
});
/** No defaults here: a patch changes only what it names. */
export const vendorCasePatch = z.object(vendorCaseFields).partial();
export const vendorCaseSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  vendor: z.string(),
  vendorCaseNumber: z.string().nullable(),
  status: z.enum(['requested', 'open', 'closed']),
  openedAt: z.string(),
  notes: z.string().nullable(),
});

export const supportGroupBody = z.object({
  code: codeField,
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullish(),
  branchId: z.coerce.number().int().positive().nullish(),
  memberIds: z.array(z.coerce.number().int().positive()).max(500).default([]),
});

export const updateCaseBody = z
  .object({
    title: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\r\n]*$/, ONE_LINE),
    description: z.string().trim().min(1).max(20_000),
    category: z.string().trim().max(100).nullable(),
    assetSerial: z.string().trim().max(100).nullable(),
    siteId: id.nullable(),
    contactId: id.nullable(),
    impact: z.enum(IMPACTS).nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: withZh('nothing to change', '没有要修改的内容') });

export const priorityBody = z.object({
  priority: prioritySchema,
  reason: z.string().trim().min(1).max(2000),
});
export const diagnosisBody = z.object({ summary: z.string().trim().min(1).max(20_000) });
