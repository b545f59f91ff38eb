/**
 * The installed base as a spreadsheet: the columns (titles in zh-CN and English, and the other
 * names a clerk's sheet may use for them), reading a cell whatever Excel made of it, and the
 * workbooks the API hands out: the export, the import template and the import's error report.
 */
import { newWorkbook, type ExcelJS } from '../../../platform/files/workbook.ts';
import {
  ASSET_STATE_LABELS,
  CATEGORY_LABELS,
  PRODUCT_CATEGORIES,
  type ProductCategory,
} from '../asset-status.ts';
import type { AssetRow } from './asset.repository.ts';

export type Locale = 'zh-CN' | 'en';
type Label = Record<Locale, string>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Columns the import reads. */
export const IMPORT_COLUMNS = [
  'vendor',
  'model',
  'serial',
  'organisation',
  'site',
  'installedOn',
  'warrantyEndsOn',
  'notes',
  // Only used when the row's product model is new: what to create it with.
  'partNumber',
  'category',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['vendor', 'model', 'serial', 'organisation'];

type SheetColumn = ImportColumn | 'organisationCode' | 'state';

export const COLUMN_TITLES: Record<SheetColumn, Label> = {
  vendor: { 'zh-CN': '厂商', en: 'Vendor' },
  model: { 'zh-CN': '型号', en: 'Model' },
  partNumber: { 'zh-CN': '部件号', en: 'Part number' },
  category: { 'zh-CN': '类别', en: 'Category' },
  serial: { 'zh-CN': '序列号', en: 'Serial number' },
  organisation: { 'zh-CN': '客户', en: 'Organisation' },
  organisationCode: { 'zh-CN': '客户编码', en: 'Organisation code' },
  site: { 'zh-CN': '站点', en: 'Site' },
  installedOn: { 'zh-CN': '安装日期', en: 'Installed on' },
  warrantyEndsOn: { 'zh-CN': '原厂保修截止', en: 'Warranty ends on' },
  state: { 'zh-CN': '状态', en: 'State' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
};

/** Other headings that mean the same column (compared after `normaliseHeading`). */
const ALIASES: Partial<Record<SheetColumn, string[]>> = {
  vendor: ['厂家', '品牌', 'manufacturer', 'maker', 'brand'],
  model: ['设备型号', '产品型号', 'product model'],
  partNumber: ['料号', '部件编号', 'pn', 'pid', 'part no', 'part'],
  category: ['设备类别', '设备类型', 'type'],
  serial: ['sn', '设备序列号', '序列号sn', 'serial', 'serial no', 's/n'],
  organisation: ['客户名称', '单位', '客户单位', 'organization', 'customer'],
  organisationCode: ['customer code', 'organization code'],
  site: ['安装地点', '站点名称', 'location'],
  installedOn: ['安装时间', '上线日期', 'install date', 'installed'],
  warrantyEndsOn: [
    '保修截止',
    '保修到期',
    '保修截止日期',
    '原厂保修到期',
    'warranty end',
    'warranty ends',
    'warranty',
  ],
  notes: ['说明', 'note', 'remarks', 'comment'],
};

/** Lower case, without spaces, punctuation, required marks or a parenthesised hint. */
export function normaliseHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*_\-:：.]/g, '');
}

const HEADING_INDEX = new Map<string, SheetColumn>();
for (const key of Object.keys(COLUMN_TITLES) as SheetColumn[]) {
  for (const name of [COLUMN_TITLES[key]['zh-CN'], COLUMN_TITLES[key].en, ...(ALIASES[key] ?? [])])
    HEADING_INDEX.set(normaliseHeading(name), key);
}

/** The column a heading names ("厂商", "Vendor", "厂商 / Vendor *"), if any. */
export function columnOfHeading(heading: string): SheetColumn | undefined {
  const whole = HEADING_INDEX.get(normaliseHeading(heading));
  if (whole) return whole;
  for (const part of heading.split(/[/／|]/)) {
    const found = HEADING_INDEX.get(normaliseHeading(part));
    if (found) return found;
  }
  return undefined;
}

/** A category from its code or its label in either language. */
/** What people also write in the category column of their own asset sheets. */
const CATEGORY_SYNONYMS: Record<string, ProductCategory> = {
  安防设备: 'security',
  安全: 'security',
  网络: 'network',
  交换机: 'network',
  路由器: 'network',
  防火墙: 'security',
  ups: 'power',
  电源: 'power',
  部件: 'component',
  备件: 'component',
};

export function categoryOf(text: string): ProductCategory | undefined {
  const wanted = normaliseHeading(text);
  const synonym = Object.entries(CATEGORY_SYNONYMS).find(([word]) => normaliseHeading(word) === wanted);
  if (synonym) return synonym[1];
  return PRODUCT_CATEGORIES.find(
    (c) =>
      c === wanted ||
      normaliseHeading(CATEGORY_LABELS[c]['zh-CN']) === wanted ||
      normaliseHeading(CATEGORY_LABELS[c].en) === wanted,
  );
}

/** What a cell holds, whatever Excel stored: text, number, date, rich text, formula result. */
export type CellContent = { text: string } | { date: Date } | { number: number } | null;

export function readCell(value: ExcelJS.CellValue): CellContent {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { date: value };
  if (typeof value === 'number') return { number: value };
  if (typeof value === 'string') return value.trim() ? { text: value.trim() } : null;
  if (typeof value === 'boolean') return { text: String(value) };
  if (typeof value === 'object') {
    if ('richText' in value) return readCell(value.richText.map((r) => r.text).join(''));
    if ('result' in value) return readCell((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return readCell(value.text as ExcelJS.CellValue);
    if ('error' in value) return { text: String(value.error) };
  }
  return null;
}

/** A cell shown as the user would read it (for error reports). */
export function cellDisplay(content: CellContent): string | null {
  if (!content) return null;
  if ('text' in content) return content.text;
  if ('date' in content) return content.date.toISOString().slice(0, 10);
  return String(content.number);
}

/** A cell value a spreadsheet will show as text, never evaluate. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function sheetOf(
  book: ExcelJS.Workbook,
  name: string,
  columns: Array<{ header: string; key: string; width: number }>,
) {
  const sheet = book.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

const newBook = async () => {
  const book = await newWorkbook();
  book.creator = 'TACdesk';
  return book;
};

const EXPORT_COLUMNS: Array<{ key: SheetColumn; width: number; staffOnly?: boolean }> = [
  { key: 'vendor', width: 12 },
  { key: 'model', width: 24 },
  { key: 'partNumber', width: 20 },
  { key: 'category', width: 14 },
  { key: 'serial', width: 24 },
  { key: 'organisation', width: 30 },
  { key: 'organisationCode', width: 14 },
  { key: 'site', width: 24 },
  { key: 'installedOn', width: 14 },
  { key: 'warrantyEndsOn', width: 16 },
  { key: 'state', width: 10 },
  { key: 'notes', width: 40, staffOnly: true },
];

/** The asset list as xlsx, headed in the caller's language; the import reads it back. */
export async function assetsToXlsx(
  rows: AssetRow[],
  locale: Locale,
  opts: { notes: boolean },
): Promise<Buffer> {
  const book = await newBook();
  const columns = EXPORT_COLUMNS.filter((c) => !c.staffOnly || opts.notes);
  const sheet = sheetOf(
    book,
    locale === 'en' ? 'Installed base' : '设备台账',
    columns.map((c) => ({ header: COLUMN_TITLES[c.key][locale], key: c.key, width: c.width })),
  );
  for (const key of ['serial', 'partNumber'] as const) sheet.getColumn(key).numFmt = '@';
  for (const r of rows) {
    const values: Record<SheetColumn, string> = {
      vendor: r.vendor,
      model: r.model,
      partNumber: r.part_number ?? '',
      category: CATEGORY_LABELS[r.category][locale],
      serial: r.serial,
      organisation: r.organisation_name,
      organisationCode: r.organisation_code ?? '',
      site: r.site_name ?? '',
      installedOn: r.installed_on ?? '',
      warrantyEndsOn: r.warranty_ends_on ?? '',
      state: ASSET_STATE_LABELS[r.state][locale],
      notes: r.notes ?? '',
    };
    sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, neutralise(values[c.key])])));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const TEMPLATE_HELP: Array<[ImportColumn, Label]> = [
  ['vendor', { 'zh-CN': '必填。如 Cisco、Huawei、H3C', en: 'Required. E.g. Cisco, Huawei, H3C' }],
  [
    'model',
    {
      'zh-CN': '必填。系统中尚无此厂商型号时，导入将自动新建产品型号（导入结果中列出）',
      en: 'Required. A vendor and model not known yet is created as a new product model (listed in the result)',
    },
  ],
  [
    'serial',
    {
      'zh-CN': '必填。同一厂商内唯一（不区分大小写），不能含空格；请将此列设为文本格式',
      en: 'Required. Unique per vendor (any case), no spaces; keep this column formatted as text',
    },
  ],
  ['organisation', { 'zh-CN': '必填。客户编码或客户全称', en: 'Required. Organisation code or exact name' }],
  [
    'site',
    { 'zh-CN': '可选。该客户下已登记的站点名称', en: 'Optional. Name of a site of that organisation' },
  ],
  ['installedOn', { 'zh-CN': '可选。日期，如 2025-03-15', en: 'Optional. A date, e.g. 2025-03-15' }],
  [
    'warrantyEndsOn',
    {
      'zh-CN': '可选。不填时按安装日期加产品型号的保修月数计算',
      en: 'Optional. When empty: installation date plus the model’s warranty months',
    },
  ],
  [
    'notes',
    { 'zh-CN': '可选。内部备注，客户不可见', en: 'Optional. Internal notes, not shown to customers' },
  ],
  [
    'partNumber',
    {
      'zh-CN': '可选。仅在新建产品型号时使用',
      en: 'Optional. Used only when a new product model is created',
    },
  ],
  [
    'category',
    {
      'zh-CN': `可选。仅在新建产品型号时使用：${PRODUCT_CATEGORIES.map((c) => CATEGORY_LABELS[c]['zh-CN']).join('、')}`,
      en: `Optional. Used only when a new product model is created: ${PRODUCT_CATEGORIES.map((c) => CATEGORY_LABELS[c].en).join(', ')}`,
    },
  ],
];

/** An empty import sheet headed in both languages, with a sheet of instructions. */
export async function importTemplateXlsx(): Promise<Buffer> {
  const book = await newBook();
  const sheet = sheetOf(
    book,
    '设备导入 Import',
    IMPORT_COLUMNS.map((key) => ({
      header: `${COLUMN_TITLES[key]['zh-CN']} / ${COLUMN_TITLES[key].en}${REQUIRED_COLUMNS.includes(key) ? ' *' : ''}`,
      key,
      width: key === 'notes' || key === 'organisation' ? 32 : 22,
    })),
  );
  for (const key of ['serial', 'partNumber'] as const) sheet.getColumn(key).numFmt = '@';
  for (const key of ['installedOn', 'warrantyEndsOn'] as const) sheet.getColumn(key).numFmt = 'yyyy-mm-dd';
  const help = sheetOf(book, '填写说明 Instructions', [
    { header: '列 Column', key: 'column', width: 30 },
    { header: '说明', key: 'zh', width: 60 },
    { header: 'Instructions', key: 'en', width: 60 },
  ]);
  for (const [key, text] of TEMPLATE_HELP)
    help.addRow({
      column: `${COLUMN_TITLES[key]['zh-CN']} / ${COLUMN_TITLES[key].en}`,
      zh: text['zh-CN'],
      en: text.en,
    });
  help.addRow({});
  help.addRow({
    column: '示例 Example',
    zh: 'Cisco | C9300-48P | FOC2231X0AB | HNZQ | 总部数据中心 | 2025-03-15 | 2026-03-15',
    en: 'Cisco | C9300-48P | FOC2231X0AB | HNZQ | Head office data centre | 2025-03-15 | 2026-03-15',
  });
  help.addRow({
    column: '导入规则 Rules',
    zh: '先校验全部行；任何一行有误则整批不导入，并返回逐行错误报告。可先“试导入”（dryRun）只校验。',
    en: 'All rows are checked first; if any row is wrong nothing is imported and a row-by-row report comes back. A dry run only checks.',
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface ReportProblem {
  row: number;
  columnTitle: string;
  value: string | null;
  message: string;
}

/** The import's row-by-row error report as a workbook, in the caller's language. */
export async function importReportXlsx(problems: ReportProblem[], locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const book = await newBook();
  const sheet = sheetOf(book, en ? 'Import errors' : '导入错误', [
    { header: en ? 'Row' : '行号', key: 'row', width: 8 },
    { header: en ? 'Column' : '列', key: 'column', width: 18 },
    { header: en ? 'Value' : '单元格内容', key: 'value', width: 28 },
    { header: en ? 'Problem' : '问题', key: 'message', width: 70 },
  ]);
  for (const p of problems)
    sheet.addRow({ row: p.row, column: p.columnTitle, value: neutralise(p.value ?? ''), message: p.message });
  return Buffer.from(await book.xlsx.writeBuffer());
}
