/**
 * Reading an installed-base import: the workbook's first sheet into rows, each row checked on its
 * own (required cells, lengths, serial format, dates, category), and the problems worded in the
 * caller's language with their row and column. No database here: the checks against the
 * database (organisations, sites, models, registered serials) are in asset-import.ts.
 */
import { newWorkbook, type ExcelJS } from '../../../platform/files/workbook.ts';
import type { ProductCategory } from '../asset-status.ts';
import {
  COLUMN_TITLES,
  IMPORT_COLUMNS,
  REQUIRED_COLUMNS,
  categoryOf,
  cellDisplay,
  columnOfHeading,
  readCell,
  type CellContent,
  type ImportColumn,
  type Locale,
} from './asset-sheet.ts';

export const MAX_IMPORT_ROWS = 10_000;

export type Label = Record<Locale, string>;

export interface ImportProblem {
  row: number;
  column: ImportColumn | 'file';
  columnTitle: string;
  value: string | null;
  message: string;
}

/** The problems of an import in both languages. */
export const IMPORT_MESSAGES = {
  noSheet: { 'zh-CN': '文件中没有工作表', en: 'The workbook has no sheet' },
  notXlsx: {
    'zh-CN': '无法读取：请上传 .xlsx 格式的 Excel 文件',
    en: 'Cannot be read: upload an .xlsx Excel workbook',
  },
  missingColumn: {
    'zh-CN': '缺少必填列（请使用导入模板的表头）',
    en: 'Required column missing (use the headings of the import template)',
  },
  duplicateColumn: { 'zh-CN': '该列出现了不止一次', en: 'This column appears more than once' },
  tooManyRows: {
    'zh-CN': `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`,
    en: `At most ${MAX_IMPORT_ROWS} rows per import; split the file`,
  },
  noRows: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  required: { 'zh-CN': '必填', en: 'Required' },
  tooLong: (max: number) => ({ 'zh-CN': `不能超过 ${max} 个字符`, en: `At most ${max} characters` }),
  serialSpaces: { 'zh-CN': '序列号不能包含空格', en: 'A serial number has no spaces' },
  serialAsNumber: {
    'zh-CN': '序列号被 Excel 存成了数字，可能已丢失位数；请将该列设为文本格式后重新填写',
    en: 'Excel stored the serial as a number and may have lost digits; format the column as text and type it again',
  },
  notDate: {
    'zh-CN': '不是有效日期（请写成 2025-03-15 这样的格式）',
    en: 'Not a valid date (write it like 2025-03-15)',
  },
  warrantyBeforeInstall: {
    'zh-CN': '保修截止日期早于安装日期',
    en: 'The warranty ends before the installation date',
  },
  unknownOrganisation: {
    'zh-CN': '找不到该客户（请填写客户编码或完整的客户名称）',
    en: 'No such organisation (give its code or exact name)',
  },
  ambiguousOrganisation: {
    'zh-CN': '有多个客户同名，请改填客户编码',
    en: 'Several organisations have this name; give the organisation code',
  },
  unknownSite: (org: string) => ({
    'zh-CN': `客户“${org}”下没有此站点`,
    en: `“${org}” has no site of this name`,
  }),
  ambiguousSite: (org: string) => ({
    'zh-CN': `客户“${org}”下有多个同名站点`,
    en: `“${org}” has several sites of this name`,
  }),
  unknownCategory: {
    'zh-CN': '不是已知的类别（服务器、存储、网络设备……）',
    en: 'Not a known category (server, storage, network…)',
  },
  duplicateInFile: (row: number) => ({
    'zh-CN': `与第 ${row} 行重复（同一厂商的序列号不能重复）`,
    en: `Same as row ${row} (a vendor's serial numbers are unique)`,
  }),
  duplicateInDatabase: (vendor: string, org: string) => ({
    'zh-CN': `该 ${vendor} 序列号已登记（客户：${org}）`,
    en: `This ${vendor} serial is already registered (organisation: ${org})`,
  }),
} satisfies Record<string, Label | ((...args: never[]) => Label)>;

const LIMITS: Partial<Record<ImportColumn, number>> = {
  vendor: 60,
  model: 100,
  serial: 100,
  partNumber: 60,
  site: 200,
  organisation: 200,
  notes: 2000,
};

export const upper = (s: string) => s.toUpperCase();
/** Keys that compare names the way the unique indexes do (upper case). */
export const modelKey = (vendor: string, model: string) => `${upper(vendor)}\u0000${upper(model)}`;
export const serialKey = (vendor: string, serial: string) => `${upper(vendor)}\u0000${upper(serial)}`;

/** Loads the workbook; null when it is not a readable xlsx. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook | null> {
  const book = await newWorkbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    return book;
  } catch {
    return null;
  }
}

/** 'YYYY-MM-DD' from a cell, or undefined when it is not a real date. */
export function dateOfCell(content: CellContent): string | undefined {
  if (!content) return undefined;
  if ('date' in content)
    return Number.isNaN(content.date.getTime()) ? undefined : content.date.toISOString().slice(0, 10);
  if ('number' in content) {
    // An Excel day number (days since 1899-12-30) in a cell formatted as a number.
    if (!Number.isInteger(content.number) || content.number < 10_000 || content.number > 100_000)
      return undefined;
    return new Date(Date.UTC(1899, 11, 30) + content.number * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(content.text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export interface RawRow {
  row: number;
  cells: Partial<Record<ImportColumn, CellContent>>;
}

/** A row read and checked on its own; `ok` when none of those checks found a problem. */
export interface ParsedRow {
  raw: RawRow;
  vendor: string;
  model: string;
  serial: string;
  organisation: string;
  site: string | null;
  installedOn: string | null;
  warrantyEndsOn: string | null;
  notes: string | null;
  partNumber: string | null;
  category: ProductCategory | null;
  ok: boolean;
}

/** Adds to `problems` a problem at one row's cell, showing the cell's value. */
export function rowProblem(problems: ImportProblem[], locale: Locale) {
  return (row: RawRow, column: ImportColumn, message: Label) => {
    problems.push({
      row: row.row,
      column,
      columnTitle: COLUMN_TITLES[column][locale],
      value: cellDisplay(row.cells[column] ?? null),
      message: message[locale],
    });
  };
}

/** Reads the first sheet: its heading row and data rows (blank rows skipped). */
function readSheet(book: ExcelJS.Workbook, locale: Locale, problems: ImportProblem[]) {
  const sheet = book.worksheets[0];
  const fileProblem = (message: Label, column: ImportColumn | 'file' = 'file', title?: string) =>
    problems.push({
      row: 1,
      column,
      columnTitle: title ?? (column === 'file' ? '' : COLUMN_TITLES[column][locale]),
      value: null,
      message: message[locale],
    });
  if (!sheet) {
    fileProblem(IMPORT_MESSAGES.noSheet);
    return { rows: [] as RawRow[], ignored: [] as string[] };
  }
  const columnAt = new Map<number, ImportColumn>();
  const ignored: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const heading = cellDisplay(readCell(cell.value));
    if (!heading) return;
    const key = columnOfHeading(heading);
    if (!key || !(IMPORT_COLUMNS as readonly string[]).includes(key)) {
      ignored.push(heading);
      return;
    }
    const column = key as ImportColumn;
    if ([...columnAt.values()].includes(column))
      fileProblem(IMPORT_MESSAGES.duplicateColumn, column, heading);
    else columnAt.set(col, column);
  });
  const present = new Set(columnAt.values());
  for (const column of REQUIRED_COLUMNS)
    if (!present.has(column)) fileProblem(IMPORT_MESSAGES.missingColumn, column);
  if (problems.length > 0) return { rows: [], ignored };

  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: RawRow['cells'] = {};
    let filled = false;
    for (const [col, key] of columnAt) {
      const content = readCell(r.getCell(col).value);
      cells[key] = content;
      if (content) filled = true;
    }
    if (filled) rows.push({ row: rowNumber, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) fileProblem(IMPORT_MESSAGES.tooManyRows);
  else if (rows.length === 0) fileProblem(IMPORT_MESSAGES.noRows);
  return { rows: problems.length > 0 ? [] : rows, ignored };
}

/**
 * Reads the first sheet and checks each row on its own, adding what is wrong to `problems`.
 * No rows when the file itself is wrong (no sheet, missing columns, too many or no rows).
 */
export function readRows(book: ExcelJS.Workbook, locale: Locale, problems: ImportProblem[]) {
  const { rows: raw, ignored } = readSheet(book, locale, problems);
  const problem = rowProblem(problems, locale);
  const text = (row: RawRow, column: ImportColumn): string | null => {
    const content = row.cells[column] ?? null;
    if (!content) return null;
    const value =
      'date' in content ? cellDisplay(content)! : 'number' in content ? String(content.number) : content.text;
    const max = LIMITS[column];
    if (max && value.length > max) {
      problem(row, column, IMPORT_MESSAGES.tooLong(max));
      return null;
    }
    return value;
  };

  const parsed: ParsedRow[] = [];
  for (const row of raw) {
    const before = problems.length;
    for (const column of REQUIRED_COLUMNS)
      if (!row.cells[column]) problem(row, column, IMPORT_MESSAGES.required);
    const vendor = text(row, 'vendor');
    const model = text(row, 'model');
    const organisation = text(row, 'organisation');
    let serial = text(row, 'serial');
    const serialCell = row.cells.serial;
    if (serialCell && 'number' in serialCell && !Number.isSafeInteger(serialCell.number)) {
      problem(row, 'serial', IMPORT_MESSAGES.serialAsNumber);
      serial = null;
    } else if (serial && /\s/.test(serial)) {
      problem(row, 'serial', IMPORT_MESSAGES.serialSpaces);
      serial = null;
    }
    const dates: Partial<Record<'installedOn' | 'warrantyEndsOn', string | null>> = {};
    for (const column of ['installedOn', 'warrantyEndsOn'] as const) {
      const cell = row.cells[column] ?? null;
      const date = dateOfCell(cell);
      if (cell && !date) problem(row, column, IMPORT_MESSAGES.notDate);
      dates[column] = date ?? null;
    }
    if (dates.installedOn && dates.warrantyEndsOn && dates.warrantyEndsOn < dates.installedOn)
      problem(row, 'warrantyEndsOn', IMPORT_MESSAGES.warrantyBeforeInstall);
    const categoryText = text(row, 'category');
    const category = categoryText ? (categoryOf(categoryText) ?? null) : null;
    if (categoryText && !category) problem(row, 'category', IMPORT_MESSAGES.unknownCategory);
    parsed.push({
      raw: row,
      vendor: vendor ?? '',
      model: model ?? '',
      serial: serial ?? '',
      organisation: organisation ?? '',
      site: text(row, 'site'),
      installedOn: dates.installedOn ?? null,
      warrantyEndsOn: dates.warrantyEndsOn ?? null,
      notes: text(row, 'notes'),
      partNumber: text(row, 'partNumber'),
      category,
      ok: problems.length === before,
    });
  }
  return { rows: parsed, ignored };
}

/** The message when a file cannot be read at all. */
export function unreadableFile(locale: Locale): ImportProblem {
  return { row: 1, column: 'file', columnTitle: '', value: null, message: IMPORT_MESSAGES.notXlsx[locale] };
}
