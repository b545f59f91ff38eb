/**
 * The vocabulary of spare parts and stock, as data: what each stock movement does to the levels
 * and to a serialised unit, the unit states, purchase-order states and their steps, with the
 * labels people read (zh-CN and English). Shared by server and web.
 */

type Label = { 'zh-CN': string; en: string };

/** Roles that keep the stores: stock movements, parts, warehouses, purchase orders. Every staff member reads. */
export const STOCK_KEEPER_ROLES = [
  'admin',
  'spare_parts_clerk',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
] as const;

export const STOCK_MOVEMENT_KINDS = [
  'purchase_in',
  'reserve',
  'release',
  'issue',
  'return_faulty',
  'send_to_vendor',
  'receive_from_vendor',
  'scrap',
  'transfer',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/**
 * The buckets of a store's stock for one part: available (good, not reserved), reserved (good,
 * held for a case or RMA) and faulty (awaiting return to the vendor). `stock_level.good_on_hand`
 * is available + reserved.
 */
export const STOCK_BUCKETS = ['available', 'reserved', 'faulty'] as const;
export type StockBucket = (typeof STOCK_BUCKETS)[number];

export const STOCK_UNIT_STATES = [
  'available',
  'reserved',
  'issued',
  'faulty',
  'at_vendor',
  'scrapped',
] as const;
export type StockUnitState = (typeof STOCK_UNIT_STATES)[number];
export type StockUnitCondition = 'good' | 'faulty';

/** A unit state that means "in a store" (the unit has a warehouse). */
export const IN_STORE_STATES: readonly StockUnitState[] = ['available', 'reserved', 'faulty'];

export interface MovementRule {
  label: Label;
  /** Buckets the quantity may leave, in the order tried; empty = it comes from outside the store. */
  from: readonly StockBucket[];
  /** Bucket it enters (in the target store for a transfer); null = it leaves the store. */
  to: StockBucket | null;
  /** A serialised unit: states it may be in before ('new' = a serial the store has never held), and after. */
  unit: { before: ReadonlyArray<StockUnitState | 'new'>; after: StockUnitState };
  /** Must name the case or RMA it is for. */
  needsLink?: true;
  /** A serialised part may be moved without naming the unit (the oldest available one is taken). */
  serialOptional?: true;
  /** Names a second store (`toWarehouseId`). */
  transfer?: true;
}

/**
 * The semantics of every stock movement. Level changes follow from `from` and `to`: leaving
 * available takes good stock, leaving reserved takes good and reserved, leaving faulty takes
 * faulty; entering is the reverse. Taking from a bucket needs enough in it, under the row lock.
 */
export const MOVEMENT_RULES: Record<StockMovementKind, MovementRule> = {
  // Bought stock arrives (a purchase-order line or a manual stock-in); a serialised unit is new.
  purchase_in: {
    label: { 'zh-CN': '采购入库', en: 'Stock-in from purchase' },
    from: [],
    to: 'available',
    unit: { before: ['new'], after: 'available' },
  },
  // Held for a case / RMA; two reservations of the last unit cannot both succeed.
  reserve: {
    label: { 'zh-CN': '预留', en: 'Reserve' },
    from: ['available'],
    to: 'reserved',
    unit: { before: ['available'], after: 'reserved' },
    needsLink: true,
    serialOptional: true,
  },
  release: {
    label: { 'zh-CN': '取消预留', en: 'Release reservation' },
    from: ['reserved'],
    to: 'available',
    unit: { before: ['reserved'], after: 'available' },
  },
  // To the engineer for the case: the case's reservation when there is one, else available stock.
  issue: {
    label: { 'zh-CN': '领用出库', en: 'Issue to case' },
    from: ['reserved', 'available'],
    to: null,
    unit: { before: ['reserved', 'available'], after: 'issued' },
    needsLink: true,
  },
  // The customer's faulty part comes back to the clerk (the unit may be unknown to the store).
  return_faulty: {
    label: { 'zh-CN': '坏件退回', en: 'Faulty part returned' },
    from: [],
    to: 'faulty',
    unit: { before: ['new', 'issued'], after: 'faulty' },
  },
  send_to_vendor: {
    label: { 'zh-CN': '坏件返厂', en: 'Sent to vendor' },
    from: ['faulty'],
    to: null,
    unit: { before: ['faulty'], after: 'at_vendor' },
  },
  // The vendor's good part (reference = vendor RMA number), or a unit back from repair.
  receive_from_vendor: {
    label: { 'zh-CN': '厂商备件入库', en: 'Received from vendor' },
    from: [],
    to: 'available',
    unit: { before: ['new', 'at_vendor'], after: 'available' },
  },
  // Good or faulty stock written off: a unit by its condition, a quantity by `condition`.
  scrap: {
    label: { 'zh-CN': '报废', en: 'Scrap' },
    from: ['available', 'faulty'],
    to: null,
    unit: { before: ['available', 'faulty'], after: 'scrapped' },
  },
  // Good stock between stores (never reserved units).
  transfer: {
    label: { 'zh-CN': '调拨', en: 'Transfer' },
    from: ['available'],
    to: 'available',
    unit: { before: ['available'], after: 'available' },
    transfer: true,
  },
};

export const UNIT_STATE_LABELS: Record<StockUnitState, Label> = {
  available: { 'zh-CN': '可用', en: 'Available' },
  reserved: { 'zh-CN': '已预留', en: 'Reserved' },
  issued: { 'zh-CN': '已领用', en: 'Issued' },
  faulty: { 'zh-CN': '坏件在库', en: 'Faulty in store' },
  at_vendor: { 'zh-CN': '返厂中', en: 'At vendor' },
  scrapped: { 'zh-CN': '已报废', en: 'Scrapped' },
};

export const PART_UNITS = ['piece', 'set', 'box', 'metre', 'roll'] as const;
export type PartUnit = (typeof PART_UNITS)[number];
export const PART_UNIT_LABELS: Record<PartUnit, Label> = {
  piece: { 'zh-CN': '个', en: 'pcs' },
  set: { 'zh-CN': '套', en: 'set' },
  box: { 'zh-CN': '盒', en: 'box' },
  metre: { 'zh-CN': '米', en: 'm' },
  roll: { 'zh-CN': '卷', en: 'roll' },
};

export const PURCHASE_ORDER_STATES = [
  'draft',
  'ordered',
  'partially_received',
  'received',
  'cancelled',
] as const;
export type PurchaseOrderState = (typeof PURCHASE_ORDER_STATES)[number];

export const PURCHASE_ORDER_STATE_LABELS: Record<PurchaseOrderState, Label> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  ordered: { 'zh-CN': '已下单', en: 'Ordered' },
  partially_received: { 'zh-CN': '部分到货', en: 'Partially received' },
  received: { 'zh-CN': '已入库', en: 'Received' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** States in which an order still waits for goods: the due-date reminders watch these. */
export const OPEN_PURCHASE_ORDER_STATES: readonly PurchaseOrderState[] = [
  'draft',
  'ordered',
  'partially_received',
];

/** The steps of a purchase order and the states each may start from. */
export const PURCHASE_ORDER_STEPS = {
  order: { from: ['draft'] },
  receive: { from: ['ordered', 'partially_received'] },
  cancel: { from: ['draft', 'ordered', 'partially_received'] },
} as const satisfies Record<string, { from: readonly PurchaseOrderState[] }>;
export type PurchaseOrderStep = keyof typeof PURCHASE_ORDER_STEPS;

/** Seed 001: spares are bought and stocked within a week of signing the project. */
export const STOCK_IN_DAYS_AFTER_SIGNING = 7;

/** The day `days` after a 'YYYY-MM-DD' day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The default stock-in due date of a purchase order: a week after signing (seed 001). */
export const defaultDueOn = (signedOn: string) => addDays(signedOn, STOCK_IN_DAYS_AFTER_SIGNING);
