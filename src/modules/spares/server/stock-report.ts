/**
 * The stock report per store in the caller's language: on screen (JSON) and as xlsx, one sheet
 * per store. Cells a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 */
import { newWorkbook } from '../../../platform/files/workbook.ts';
import { PART_UNIT_LABELS } from '../spares-model.ts';
import type { StockReport } from './stock.repository.ts';

type Locale = 'zh-CN' | 'en';
type Row = StockReport['warehouses'][number]['rows'][number];

const COLUMNS: Array<{
  key: string;
  title: Record<Locale, string>;
  width: number;
  value: (r: Row, l: Locale) => string | number;
}> = [
  {
    key: 'partNumber',
    title: { 'zh-CN': '备件号', en: 'Part number' },
    width: 22,
    value: (r) => r.partNumber,
  },
  { key: 'name', title: { 'zh-CN': '名称', en: 'Name' }, width: 36, value: (r, l) => partName(r, l) },
  {
    key: 'unit',
    title: { 'zh-CN': '单位', en: 'Unit' },
    width: 8,
    value: (r, l) => PART_UNIT_LABELS[r.unit][l],
  },
  { key: 'good', title: { 'zh-CN': '完好在库', en: 'Good on hand' }, width: 12, value: (r) => r.good },
  { key: 'reserved', title: { 'zh-CN': '已预留', en: 'Reserved' }, width: 10, value: (r) => r.reserved },
  { key: 'available', title: { 'zh-CN': '可用', en: 'Available' }, width: 10, value: (r) => r.available },
  {
    key: 'faulty',
    title: { 'zh-CN': '待返厂坏件', en: 'Faulty awaiting return' },
    width: 14,
    value: (r) => r.faulty,
  },
  {
    key: 'minStock',
    title: { 'zh-CN': '最低库存', en: 'Reorder level' },
    width: 12,
    value: (r) => r.minStock ?? '',
  },
  {
    key: 'belowReorder',
    title: { 'zh-CN': '低于最低库存', en: 'Below reorder level' },
    width: 14,
    value: (r, l) => (r.belowReorder ? (l === 'en' ? 'yes' : '是') : ''),
  },
];

const partName = (r: { name: string; nameEn: string | null }, l: Locale) =>
  l === 'en' ? (r.nameEn ?? r.name) : r.name;

/** A cell value a spreadsheet will show as text, never evaluate. */
const neutralise = (value: string | number) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** The report as the JSON contract shows it, names and units in the caller's language. */
export function presentStockReport(report: StockReport, locale: Locale) {
  return {
    generatedAt: report.generatedAt.toISOString(),
    warehouses: report.warehouses.map((w) => ({
      warehouse: { id: w.warehouse.id, code: w.warehouse.code, name: partName(w.warehouse, locale) },
      rows: w.rows.map((r) => ({
        partId: r.partId,
        partNumber: r.partNumber,
        name: partName(r, locale),
        unit: PART_UNIT_LABELS[r.unit][locale],
        good: r.good,
        reserved: r.reserved,
        available: r.available,
        faulty: r.faulty,
        minStock: r.minStock,
        belowReorder: r.belowReorder,
      })),
    })),
  };
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not "History", and
 * unique regardless of case (store codes are unique only with case, e.g. hz01 and HZ01).
 */
function sheetName(code: string, taken: Set<string>): string {
  const clean = code.replace(/[:\\/?*[\]]/g, '_').replace(/^'|'$/g, '_') || '_';
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
    const suffix = ` (${n})`;
    name = clean.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

export async function stockReportToXlsx(report: StockReport, locale: Locale): Promise<Buffer> {
  const book = await newWorkbook();
  book.creator = 'TACdesk';
  book.created = report.generatedAt;
  const stores = report.warehouses.length
    ? report.warehouses
    : [{ warehouse: { id: 0, code: locale === 'en' ? 'Stock' : '库存', name: '', nameEn: null }, rows: [] }];
  const taken = new Set<string>();
  for (const { warehouse, rows } of stores) {
    const sheet = book.addWorksheet(sheetName(warehouse.code, taken));
    sheet.columns = COLUMNS.map((c) => ({ header: c.title[locale], key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows)
      sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, neutralise(c.value(r, locale))])));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
