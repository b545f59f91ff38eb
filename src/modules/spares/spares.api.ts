/** HTTP contracts of spare stores, parts, stock, the stock ledger, purchase orders and the stock report. */
import { z } from 'zod';
import { codeField, idField, idParams } from '../../platform/http/contract-fields.ts';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import {
  PART_UNITS,
  PURCHASE_ORDER_STATES,
  STOCK_BUCKETS,
  STOCK_MOVEMENT_KINDS,
  STOCK_UNIT_STATES,
} from './spares-model.ts';

export { idParams };

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n]*$/, withZh('one line', '不能换行'));
const serialField = oneLine(100);
const dateField = z.iso.date();
const limitField = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

// Warehouses (spare stores).

export const warehouseSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  branch: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    isHeadquarters: z.boolean(),
    vendorDirectDelivery: z.boolean(),
  }),
  isHq: z.boolean(),
  /** The vendor ships straight here (seed 004): a direct-delivery branch, or HQ. */
  vendorDirect: z.boolean(),
  address: z.string().nullable(),
  active: z.boolean(),
});

export const warehouseBody = z.object({
  code: codeField,
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullish(),
  branchId: idField,
  /** Default: the branch is HQ. */
  isHq: z.boolean().optional(),
  address: z.string().trim().max(300).nullish(),
  active: z.boolean().optional(),
});
export const warehousePatch = warehouseBody.partial();

// Spare parts.

const partNumberField = z.string().trim().min(1).max(60).regex(/^\S+$/, withZh('no blanks', '不能含空格'));

export const partSchema = z.object({
  id: z.number(),
  partNumber: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  vendor: z.string().nullable(),
  productModel: z.object({ id: z.number(), vendor: z.string(), model: z.string() }).nullable(),
  serialised: z.boolean(),
  unit: z.enum(PART_UNITS),
  minStock: z.number().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
});

export const partBody = z.object({
  partNumber: partNumberField,
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).nullish(),
  vendor: z.string().trim().max(100).nullish(),
  productModelId: idField.nullish(),
  serialised: z.boolean().default(true),
  unit: z.enum(PART_UNITS).default('piece'),
  /** Reorder level: the stock report flags a store with fewer available. */
  minStock: z.number().int().min(0).max(1_000_000).nullish(),
  description: z.string().trim().max(2000).nullish(),
  active: z.boolean().optional(),
});
export const partPatch = partBody
  .omit({ serialised: true, unit: true })
  .partial()
  .extend({
    /** Only while no stock of the part was ever recorded. */
    serialised: z.boolean().optional(),
    unit: z.enum(PART_UNITS).optional(),
  });

export const partListQuery = z.object({
  /** Part number, name or vendor contains… */
  q: z.string().trim().max(100).optional(),
  active: booleanQuery.optional(),
  serialised: booleanQuery.optional(),
  productModelId: idField.optional(),
  limit: limitField(500, 100),
  cursor: z.string().max(300).optional(),
});

// Stock.

const warehouseRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
const partRef = z.object({
  id: z.number(),
  partNumber: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  serialised: z.boolean(),
  unit: z.enum(PART_UNITS),
  minStock: z.number().nullable(),
});

export const stockLevelSchema = z.object({
  warehouse: warehouseRef,
  part: partRef,
  good: z.number(),
  reserved: z.number(),
  available: z.number(),
  faulty: z.number(),
  belowReorder: z.boolean(),
});

export const stockLevelQuery = z.object({
  warehouseId: idField.optional(),
  partId: idField.optional(),
  /** Part number or name contains… */
  q: z.string().trim().max(100).optional(),
  /** Only rows holding something (good or faulty). */
  inStock: booleanQuery.optional(),
  belowReorder: booleanQuery.optional(),
  limit: limitField(2000, 500),
});

export const stockUnitSchema = z.object({
  id: z.number(),
  part: z.object({ id: z.number(), partNumber: z.string(), name: z.string() }),
  serial: z.string(),
  condition: z.enum(['good', 'faulty']),
  state: z.enum(STOCK_UNIT_STATES),
  warehouse: warehouseRef.nullable(),
  caseId: z.number().nullable(),
  rmaId: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const stockUnitQuery = z.object({
  partId: idField.optional(),
  warehouseId: idField.optional(),
  /** Serial contains… (case-insensitive). */
  serial: z.string().trim().max(100).optional(),
  state: z.enum(STOCK_UNIT_STATES).optional(),
  limit: limitField(1000, 200),
});

/** A clerk's manual movement; the RMA flow moves stock through its own steps. */
export const stockMovementBody = z.object({
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  warehouseId: idField,
  partId: idField,
  quantity: z.number().int().min(1).max(100_000).default(1),
  serial: serialField.nullish(),
  toWarehouseId: idField.nullish(),
  caseId: idField.nullish(),
  rmaId: idField.nullish(),
  reference: oneLine(200).nullish(),
  note: z.string().trim().max(2000).nullish(),
  condition: z.enum(['good', 'faulty']).nullish(),
});

const levelsSchema = z.object({
  warehouseId: z.number(),
  good: z.number(),
  reserved: z.number(),
  available: z.number(),
  faulty: z.number(),
});

export const stockMovementSchema = z.object({
  id: z.number(),
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  part: z.object({ id: z.number(), partNumber: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  warehouse: warehouseRef,
  toWarehouse: warehouseRef.nullable(),
  quantity: z.number(),
  fromStock: z.enum(STOCK_BUCKETS).nullable(),
  toStock: z.enum(STOCK_BUCKETS).nullable(),
  serial: z.string().nullable(),
  caseId: z.number().nullable(),
  /** The case's number (TAC-YYYY-NNNNNN), for the ledger's link. */
  caseNumber: z.string().nullable(),
  rmaId: z.number().nullable(),
  purchaseOrderId: z.number().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const stockMovementResult = z.object({
  movement: stockMovementSchema,
  serials: z.array(z.string()),
  levels: z.array(levelsSchema),
});

export const ledgerQuery = z.object({
  partId: idField.optional(),
  /** Movements leaving or entering this store. */
  warehouseId: idField.optional(),
  kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
  serial: z.string().trim().max(100).optional(),
  caseId: idField.optional(),
  rmaId: idField.optional(),
  purchaseOrderId: idField.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: limitField(500, 100),
  /** Keyset paging, newest first: the `nextCursor` of the previous page. */
  cursor: z.string().max(100).optional(),
});

// Purchase orders.

export const purchaseOrderLineSchema = z.object({
  id: z.number(),
  part: z.object({ id: z.number(), partNumber: z.string(), name: z.string(), serialised: z.boolean() }),
  quantityOrdered: z.number(),
  quantityReceived: z.number(),
  outstanding: z.number(),
});

export const purchaseOrderSchema = z.object({
  id: z.number(),
  number: z.string(),
  supplier: z.string(),
  warehouse: warehouseRef,
  serviceContract: z.object({ id: z.number(), number: z.string() }).nullable(),
  project: z.string().nullable(),
  signedOn: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(PURCHASE_ORDER_STATES),
  overdue: z.boolean(),
  orderedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
  lines: z.array(purchaseOrderLineSchema),
  /** The steps the caller may take now (keeper and state); the server checks again. */
  abilities: z.object({ order: z.boolean(), receive: z.boolean(), cancel: z.boolean() }),
});

export const purchaseOrderBody = z.object({
  /** The purchasing system's number; default PO-<year>-<id>. */
  number: oneLine(60).nullish(),
  supplier: oneLine(200),
  /** The store the goods are delivered to. */
  warehouseId: idField,
  serviceContractId: idField.nullish(),
  project: oneLine(200).nullish(),
  /** The project's signing date; default today. */
  signedOn: dateField.nullish(),
  /** Default: a week after signing (seed 001). */
  dueOn: dateField.nullish(),
  note: z.string().trim().max(2000).nullish(),
  lines: z
    .array(z.object({ partId: idField, quantity: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(200),
});

export const purchaseOrderListQuery = z.object({
  state: z.enum(PURCHASE_ORDER_STATES).optional(),
  /** Only orders still waiting for goods (draft, ordered, partially received). */
  open: booleanQuery.optional(),
  warehouseId: idField.optional(),
  serviceContractId: idField.optional(),
  limit: limitField(500, 100),
  /** Keyset paging, newest first: the `nextCursor` of the previous page. */
  cursor: z.string().max(100).optional(),
});

export const receivePurchaseOrderBody = z.object({
  lines: z
    .array(
      z.object({
        lineId: idField,
        quantity: z.number().int().min(1).max(100_000),
        /** Serialised parts: one serial per unit received. */
        serials: z.array(serialField).max(1000).optional(),
      }),
    )
    .min(1)
    .max(200),
  /** Default: the order's store. */
  warehouseId: idField.optional(),
  /** Delivery note or waybill. */
  reference: oneLine(200).nullish(),
  note: z.string().trim().max(2000).nullish(),
});

export const cancelPurchaseOrderBody = z.object({ reason: z.string().trim().min(1).max(1000) });

// The stock report.

export const stockReportQuery = z.object({ warehouseId: idField.optional() });

export const stockReportSchema = z.object({
  generatedAt: z.string(),
  warehouses: z.array(
    z.object({
      warehouse: warehouseRef,
      rows: z.array(
        z.object({
          partId: z.number(),
          partNumber: z.string(),
          name: z.string(),
          unit: z.string(),
          good: z.number(),
          reserved: z.number(),
          available: z.number(),
          faulty: z.number(),
          minStock: z.number().nullable(),
          belowReorder: z.boolean(),
        }),
      ),
    }),
  ),
});
