/**
 * The installed base's vocabulary as data: product categories, asset states and the kinds of
 * history entry, each with its zh-CN and English label. Pure: shared by server and web.
 */

type Label = { 'zh-CN': string; en: string };

export const PRODUCT_CATEGORIES = [
  'server',
  'storage',
  'network',
  'security',
  'software',
  'power',
  'component',
  'other',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<ProductCategory, Label> = {
  server: { 'zh-CN': '服务器', en: 'Server' },
  storage: { 'zh-CN': '存储', en: 'Storage' },
  network: { 'zh-CN': '网络设备', en: 'Network' },
  security: { 'zh-CN': '安全设备', en: 'Security' },
  software: { 'zh-CN': '软件', en: 'Software' },
  power: { 'zh-CN': '电源/UPS', en: 'Power / UPS' },
  component: { 'zh-CN': '部件（电源模块、板卡等）', en: 'Component (PSU, line card…)' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const ASSET_STATES = ['in_service', 'in_repair', 'retired'] as const;
export type AssetState = (typeof ASSET_STATES)[number];

export const ASSET_STATE_LABELS: Record<AssetState, Label> = {
  in_service: { 'zh-CN': '在用', en: 'In service' },
  in_repair: { 'zh-CN': '维修中', en: 'In repair' },
  retired: { 'zh-CN': '已退役', en: 'Retired' },
};

/** Kinds of the asset's own events (table asset_event). */
export const ASSET_EVENT_KINDS = [
  'registered',
  'imported',
  'updated',
  'moved',
  'state_changed',
  'swapped_out',
  'swapped_in',
] as const;
export type AssetEventKind = (typeof ASSET_EVENT_KINDS)[number];

/**
 * Labels of history entry kinds known today: the asset's own events and the cases that name its
 * serial. Other sources (RMAs) bring their own kinds and labels with their entries.
 */
export const HISTORY_KIND_LABELS: Record<AssetEventKind | 'case_opened', Label> = {
  registered: { 'zh-CN': '登记入库', en: 'Registered' },
  imported: { 'zh-CN': '批量导入', en: 'Imported' },
  updated: { 'zh-CN': '信息变更', en: 'Updated' },
  moved: { 'zh-CN': '迁移站点', en: 'Moved' },
  state_changed: { 'zh-CN': '状态变更', en: 'State changed' },
  swapped_out: { 'zh-CN': '被更换下线', en: 'Swapped out' },
  swapped_in: { 'zh-CN': '更换上线', en: 'Swapped in' },
  case_opened: { 'zh-CN': '报修案例', en: 'Case opened' },
};

/** Roles that maintain product models and import the installed base in bulk. */
export const INSTALLED_BASE_MANAGER_ROLES = [
  'admin',
  'spare_parts_clerk',
  'project_manager',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
] as const;

/**
 * Roles that register and correct single assets: the managers above, the hotline (CaseAdmin keeps
 * customer data) and field engineers (they read the labels on site).
 */
export const ASSET_WRITER_ROLES = [
  ...INSTALLED_BASE_MANAGER_ROLES,
  'hotline_operator',
  'field_engineer',
] as const;

/** 'YYYY-MM-DD' plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}
