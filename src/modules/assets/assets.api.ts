/**
 * HTTP contracts of the installed base: product models, assets (serial unique per vendor), their
 * history, and the xlsx import / export.
 */
import { z } from 'zod';
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { ASSET_STATES, PRODUCT_CATEGORIES } from './asset-status.ts';

const id = idField;
export { idParams };

const isoDate = z.iso.date();
const labels = z.object({ 'zh-CN': z.string(), en: z.string() });
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n\t]*$/, withZh('one line', '不能换行'));

/** A maker's serial number: no spaces; compared without regard to case. */
export const serialField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^\S+$/, withZh('no spaces in a serial number', '序列号不能包含空格'));

const warrantyInOrder = (a: {
  installedOn?: string | null | undefined;
  warrantyEndsOn?: string | null | undefined;
}) => !a.installedOn || !a.warrantyEndsOn || a.warrantyEndsOn >= a.installedOn;
const warrantyOrder = {
  path: ['warrantyEndsOn'],
  message: withZh('must not be before installedOn', '保修截止日期不能早于安装日期'),
};

// ---------------------------------------------------------------- product models

const productModelFields = {
  vendor: oneLine(60),
  model: oneLine(100),
  /** The maker's orderable part number (PID / FRU). */
  partNumber: oneLine(60).nullish(),
  category: z.enum(PRODUCT_CATEGORIES),
  description: z.string().trim().max(1000).nullish(),
  /** The maker's warranty from installation; the default warranty end of new assets. */
  warrantyMonths: z.number().int().min(0).max(240).nullish(),
  active: z.boolean(),
};

export const productModelBody = z.object({
  ...productModelFields,
  active: productModelFields.active.default(true),
});

export const productModelPatch = z.object(productModelFields).partial();

export const productModelSchema = z.object({
  id: z.number(),
  vendor: z.string(),
  model: z.string(),
  partNumber: z.string().nullable(),
  category: z.enum(PRODUCT_CATEGORIES),
  categoryLabel: labels,
  description: z.string().nullable(),
  warrantyMonths: z.number().nullable(),
  active: z.boolean(),
  /** Assets of this model, retired ones included. */
  assetCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});

/** What the caller may do on the product-model list (the console offers only these actions). */
export const productModelListAbilities = z.object({ create: z.boolean() });

export const productModelListQuery = z.object({
  vendor: z.string().trim().min(1).max(60).optional(),
  category: z.enum(PRODUCT_CATEGORIES).optional(),
  /** Part of the vendor, model, part number or description. */
  q: z.string().trim().min(1).max(100).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(400).optional(),
});

// ---------------------------------------------------------------- assets

const assetFields = {
  productModelId: id,
  serial: serialField,
  organisationId: id,
  siteId: id.nullish(),
  installedOn: isoDate.nullish(),
  /** The maker's warranty end; default: installedOn + the model's warranty months. */
  warrantyEndsOn: isoDate.nullish(),
  state: z.enum(ASSET_STATES),
  notes: z.string().trim().max(2000).nullish(),
};

export const assetBody = z
  .object({ ...assetFields, state: assetFields.state.default('in_service') })
  .refine(warrantyInOrder, warrantyOrder);

/** A partial correction; moving to another site records `moved`, a new state `state_changed`. */
export const assetPatch = z.object(assetFields).partial().refine(warrantyInOrder, warrantyOrder);

const ref = z.object({ id: z.number(), name: z.string() });

export const assetSchema = z.object({
  id: z.number(),
  vendor: z.string(),
  serial: z.string(),
  model: z.object({
    id: z.number(),
    model: z.string(),
    partNumber: z.string().nullable(),
    category: z.enum(PRODUCT_CATEGORIES),
    categoryLabel: labels,
  }),
  organisation: ref,
  site: ref.nullable(),
  installedOn: z.string().nullable(),
  warrantyEndsOn: z.string().nullable(),
  /** Whether the maker's warranty runs today (Beijing time); null when its end is unknown. */
  inWarranty: z.boolean().nullable(),
  state: z.enum(ASSET_STATES),
  stateLabel: labels,
  /** The asset this one replaced in a swap, and the one that replaced it. */
  replacesAssetId: z.number().nullable(),
  replacedByAssetId: z.number().nullable(),
  /** Internal: staff only (null for customers). */
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});

/** What the caller may do on the asset list: register single assets, import a workbook. */
export const assetListAbilities = z.object({ register: z.boolean(), import: z.boolean() });

export const ASSET_SORTS = ['newest', 'warranty'] as const;

/** Filters of the asset list (and its export). */
export const assetFilterQuery = z.object({
  organisationId: id.optional(),
  siteId: id.optional(),
  productModelId: id.optional(),
  vendor: z.string().trim().min(1).max(60).optional(),
  category: z.enum(PRODUCT_CATEGORIES).optional(),
  state: z.enum(ASSET_STATES).optional(),
  /** Exactly this serial (any case). */
  serial: z.string().trim().min(1).max(100).optional(),
  /** Part of the serial, model or part number. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Maker's warranty ending before this day (already ended ones included). */
  warrantyEndsBefore: isoDate.optional(),
  /** newest: last registered first; warranty: soonest warranty end first. */
  sort: z.enum(ASSET_SORTS).default('newest'),
});

export const assetListQuery = assetFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

// ---------------------------------------------------------------- history

/**
 * One line of an asset's history. `kind` is an open set: the asset's own events, `case_opened`,
 * and whatever another source (RMAs) contributes with its own `kindLabel`.
 */
export const assetHistoryEntrySchema = z.object({
  kind: z.string(),
  kindLabel: labels,
  /** Which source the entry comes from: `asset`, `case`, or the name of a registered source. */
  source: z.string(),
  at: z.string(),
  actor: ref.nullable(),
  case: z
    .object({
      id: z.number(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      stateLabel: labels,
      priority: z.number(),
    })
    .nullable(),
  otherAsset: z.object({ id: z.number(), vendor: z.string(), serial: z.string() }).nullable(),
  /** A record of another module the entry is about (e.g. an RMA number). */
  reference: z.object({ type: z.string(), id: z.number(), label: z.string() }).nullable(),
  /** Details by kind (changed fields, sites moved between, states); trimmed for customers. */
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const assetHistorySchema = z.object({
  asset: z.object({ id: z.number(), vendor: z.string(), serial: z.string() }),
  items: z.array(assetHistoryEntrySchema),
  /** More entries exist than the answer holds (the oldest were left off). */
  truncated: z.boolean(),
});

// ---------------------------------------------------------------- import / export

export const importQuery = z.object({
  /** Validate only: the answer says what would happen; nothing is written. */
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  /** On rejection, answer the row-by-row report as an xlsx workbook instead of JSON. */
  report: z.enum(['json', 'xlsx']).default('json'),
});

export const importProblemSchema = z.object({
  /** The spreadsheet row (1 = the header row). */
  row: z.number(),
  /** Column key (vendor, model, serial, organisation, site, installedOn, warrantyEndsOn, notes…). */
  column: z.string(),
  /** The column's title as the caller reads it. */
  columnTitle: z.string(),
  value: z.string().nullable(),
  message: z.string(),
});

export const importSummarySchema = z.object({
  dryRun: z.boolean(),
  /** Data rows read (blank rows skipped). */
  rows: z.number(),
  /** Assets created (or that would be, on a dry run). */
  created: z.number(),
  /** Product models the import created because no model of that vendor and name existed. */
  modelsCreated: z.array(z.object({ vendor: z.string(), model: z.string() })),
  /** Headers the import did not recognise and ignored. */
  ignoredColumns: z.array(z.string()),
  organisations: z.array(z.object({ id: z.number(), name: z.string(), assets: z.number() })),
});

/** The 422 answer: a problem+json body with the row-by-row report. */
export const importRejectionSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(422),
  code: z.literal('validation_failed'),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  report: z.object({
    rows: z.number(),
    rowsWithErrors: z.number(),
    problems: z.array(importProblemSchema),
  }),
});
