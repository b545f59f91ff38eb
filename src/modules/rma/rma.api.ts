/** HTTP contracts of RMAs: the spare request on a case and each step of the seed 004 flow. */
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { z } from 'zod';
import { RMA_STATE_GROUPS, RMA_STATES, RMA_STEPS } from './rma-status.ts';

export { idParams };
const id = idField;
const serial = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\r\n]*$/, withZh('one line', '不能换行'));
const shortText = z.string().trim().min(1).max(100);

export const rmaStateSchema = z.enum(RMA_STATES);

export const requestRmaBody = z.object({
  /** The faulty unit, a serial of the case's organisation in the installed base. */
  faultySerial: serial,
  /** The spare part to replace it with, by id or part number. */
  partId: id.optional(),
  partNumber: shortText.optional(),
  quantity: z.number().int().min(1).max(1000).default(1),
  reason: z.string().trim().min(1).max(4000),
});

export const confirmRmaBody = z.object({
  /** Staff recording a confirmation given by phone or fax say how and by whom. */
  note: z.string().trim().max(1000).nullish(),
});

export const fulfilRmaBody = z.object({}).strict().default({});

export const vendorRmaBody = z.object({
  vendorRmaNumber: shortText,
  /** Default from the branch: vendors ship straight to direct-delivery branches, else to HQ. */
  route: z.enum(['direct', 'via_hq']).optional(),
});

export const receivePartBody = z.object({
  serial,
  /** Must match the vendor RMA number on record (it is on the vendor's packing slip). */
  vendorRmaNumber: shortText,
  /** Where the part arrived; default: the branch's store when direct, HQ's otherwise. */
  warehouseId: id.optional(),
});

export const replaceBody = z.object({
  /** The serial put in, when the store did not record one (parts held by quantity). */
  newSerial: serial.nullish(),
  note: z.string().trim().max(4000).nullish(),
});

export const receiveFaultyBody = z.object({
  /** The serial on the part handed back, checked against the faulty serial of the request. */
  serial,
});

export const returnToVendorBody = z.object({
  waybill: shortText,
});

export const cancelRmaBody = z.object({
  reason: z.string().trim().min(1).max(1000),
});

export const rmaListQuery = z.object({
  state: z.union([rmaStateSchema, z.literal('open')]).optional(),
  /** A tab of the board: several states (RMA_GROUP_STATES). */
  group: z.enum(RMA_STATE_GROUPS).optional(),
  /** Also answer how many RMAs each group holds under the other filters (state, group and paging aside). */
  withCounts: z.stringbool().optional(),
  caseId: id.optional(),
  branchId: id.optional(),
  organisationId: id.optional(),
  /** Faulty part still not back at the vendor after its due time. */
  lateReturn: z.stringbool().optional(),
  q: z.string().trim().max(100).optional(),
  /** Keyset cursor: the last id of the previous page. */
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const rmaReportQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, withZh('YYYY-MM', '应为年月（YYYY-MM）')),
  branchId: id.optional(),
});

const ref = z.object({ id: z.number(), name: z.string() }).nullable();

export const rmaSchema = z.object({
  id: z.number(),
  number: z.string(),
  state: rmaStateSchema,
  case: z.object({ id: z.number(), number: z.string(), title: z.string() }),
  organisation: z.object({ id: z.number(), name: z.string() }),
  branch: ref,
  warehouse: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  asset: z.object({ id: z.number(), vendor: z.string(), serial: z.string(), model: z.string() }),
  faultySerial: z.string(),
  part: z.object({ id: z.number(), partNumber: z.string(), name: z.string() }),
  quantity: z.number(),
  reason: z.string(),
  source: z.enum(['branch_stock', 'vendor']).nullable(),
  requestedBy: ref,
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmationNote: z.string().nullable(),
  issuedSerial: z.string().nullable(),
  vendorRmaNumber: z.string().nullable(),
  route: z.enum(['direct', 'via_hq']).nullable(),
  goodSerial: z.string().nullable(),
  goodReceivedAt: z.string().nullable(),
  replacedAt: z.string().nullable(),
  newAssetId: z.number().nullable(),
  faultyReceivedAt: z.string().nullable(),
  returnDueAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnWaybill: z.string().nullable(),
  /** The faulty part is (or went) back to the vendor after its due time. */
  returnLate: z.boolean(),
  /** Not back yet and due within two working days (the return watch has sent its reminder). */
  returnDueSoon: z.boolean(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  /** The steps this caller may take now (from the state table and the caller's roles). */
  abilities: z.object({ steps: z.array(z.enum(RMA_STEPS)) }),
});
export type RmaView = z.infer<typeof rmaSchema>;

export const rmaListSchema = z.object({
  items: z.array(rmaSchema),
  nextBefore: z.number().nullable(),
  /** With `withCounts`: RMAs per board tab under the same filters. */
  counts: z.record(z.enum(RMA_STATE_GROUPS), z.number()).optional(),
});

export const rmaReportRowSchema = z.object({
  branch: ref,
  requested: z.number(),
  fromBranchStock: z.number(),
  fromVendor: z.number(),
  replaced: z.number(),
  /** Mean hours from the request to the part being replaced at the customer. */
  meanHoursToReplace: z.number().nullable(),
  returned: z.number(),
  returnedLate: z.number(),
  /** Due by the end of the month and not yet back at the vendor. */
  overdueOpen: z.number(),
});

export const rmaReportSchema = z.object({
  month: z.string(),
  rows: z.array(rmaReportRowSchema),
  total: rmaReportRowSchema,
});
