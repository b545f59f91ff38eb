/**
 * Reading and checking an installed-base import: every row is checked (formats, organisation
 * and site, product model, serial unique per vendor within the file and against the database)
 * before anything is written, and every problem is reported with its row, column and a message
 * in the caller's language. Pure but for the lookups, which are a handful of set queries
 * whatever the number of rows.
 */
import { newWorkbook, type ExcelJS } from '../../../platform/files/workbook.ts';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { addMonths, type ProductCategory } from '../asset-status.ts';
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

type Trx = Transaction<Database>;
type Label = Record<Locale, string>;

export interface ImportProblem {
  row: number;
  column: ImportColumn | 'file';
  columnTitle: string;
  value: string | null;
  message: string;
}

/** A row that passed every check, ready to insert. */
export interface CheckedRow {
  row: number;
  vendor: string;
  model: string;
  /** Key of the product model (upper vendor + model), existing or to be created. */
  modelKey: string;
  serial: string;
  organisationId: number;
  siteId: number | null;
  installedOn: string | null;
  warrantyEndsOn: string | null;
  notes: string | null;
}

export interface NewModel {
  key: string;
  vendor: string;
  model: string;
  partNumber: string | null;
  category: ProductCategory;
}

export interface CheckedImport {
  rows: CheckedRow[];
  problems: ImportProblem[];
  /** Data rows read (blank ones skipped). */
  rowCount: number;
  ignoredColumns: string[];
  /** Existing product models by key. */
  models: Map<string, number>;
  newModels: NewModel[];
  organisations: Map<number, string>;
}

const MESSAGES = {
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

const upper = (s: string) => s.toUpperCase();
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

interface RawRow {
  row: number;
  cells: Partial<Record<ImportColumn, CellContent>>;
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
    fileProblem(MESSAGES.noSheet);
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
    if ([...columnAt.values()].includes(column)) fileProblem(MESSAGES.duplicateColumn, column, heading);
    else columnAt.set(col, column);
  });
  const present = new Set(columnAt.values());
  for (const column of REQUIRED_COLUMNS)
    if (!present.has(column)) fileProblem(MESSAGES.missingColumn, column);
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
  if (rows.length > MAX_IMPORT_ROWS) fileProblem(MESSAGES.tooManyRows);
  else if (rows.length === 0) fileProblem(MESSAGES.noRows);
  return { rows: problems.length > 0 ? [] : rows, ignored };
}

/** Checks every row of the workbook against the database; writes nothing. */
export async function checkImport(trx: Trx, book: ExcelJS.Workbook, locale: Locale): Promise<CheckedImport> {
  const problems: ImportProblem[] = [];
  const { rows: raw, ignored } = readSheet(book, locale, problems);
  const result: CheckedImport = {
    rows: [],
    problems,
    rowCount: raw.length,
    ignoredColumns: ignored,
    models: new Map(),
    newModels: [],
    organisations: new Map(),
  };
  if (raw.length === 0) return result;

  const problem = (row: RawRow, column: ImportColumn, message: Label) => {
    problems.push({
      row: row.row,
      column,
      columnTitle: COLUMN_TITLES[column][locale],
      value: cellDisplay(row.cells[column] ?? null),
      message: message[locale],
    });
  };
  const text = (row: RawRow, column: ImportColumn): string | null => {
    const content = row.cells[column] ?? null;
    if (!content) return null;
    const value =
      'date' in content ? cellDisplay(content)! : 'number' in content ? String(content.number) : content.text;
    const max = LIMITS[column];
    if (max && value.length > max) {
      problem(row, column, MESSAGES.tooLong(max));
      return null;
    }
    return value;
  };

  // Pass 1: each row on its own.
  interface Parsed {
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
  const parsed: Parsed[] = [];
  for (const row of raw) {
    const before = problems.length;
    for (const column of REQUIRED_COLUMNS) if (!row.cells[column]) problem(row, column, MESSAGES.required);
    const vendor = text(row, 'vendor');
    const model = text(row, 'model');
    const organisation = text(row, 'organisation');
    let serial = text(row, 'serial');
    const serialCell = row.cells.serial;
    if (serialCell && 'number' in serialCell && !Number.isSafeInteger(serialCell.number)) {
      problem(row, 'serial', MESSAGES.serialAsNumber);
      serial = null;
    } else if (serial && /\s/.test(serial)) {
      problem(row, 'serial', MESSAGES.serialSpaces);
      serial = null;
    }
    const dates: Partial<Record<'installedOn' | 'warrantyEndsOn', string | null>> = {};
    for (const column of ['installedOn', 'warrantyEndsOn'] as const) {
      const cell = row.cells[column] ?? null;
      const date = dateOfCell(cell);
      if (cell && !date) problem(row, column, MESSAGES.notDate);
      dates[column] = date ?? null;
    }
    if (dates.installedOn && dates.warrantyEndsOn && dates.warrantyEndsOn < dates.installedOn)
      problem(row, 'warrantyEndsOn', MESSAGES.warrantyBeforeInstall);
    const categoryText = text(row, 'category');
    const category = categoryText ? (categoryOf(categoryText) ?? null) : null;
    if (categoryText && !category) problem(row, 'category', MESSAGES.unknownCategory);
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

  // Pass 2: organisations (by code, then exact name) and their sites.
  const orgTexts = [...new Set(parsed.map((p) => p.organisation).filter(Boolean))];
  const orgRows = orgTexts.length
    ? await trx
        .selectFrom('organisation')
        .select(['id', 'code', 'name'])
        .where((eb) =>
          eb.or([eb(sql<string>`upper(code)`, 'in', orgTexts.map(upper)), eb('name', 'in', orgTexts)]),
        )
        .execute()
    : [];
  const orgOf = new Map<string, number | 'ambiguous'>();
  for (const t of orgTexts) {
    const byCode = orgRows.filter((o) => o.code !== null && upper(o.code) === upper(t));
    const byName = orgRows.filter((o) => o.name === t);
    const found = byCode.length === 1 ? byCode : byName;
    if (found.length === 1) orgOf.set(t, found[0]!.id);
    else if (found.length > 1) orgOf.set(t, 'ambiguous');
  }
  for (const o of orgRows) result.organisations.set(o.id, o.name);
  const orgIds = [...new Set([...orgOf.values()].filter((v): v is number => typeof v === 'number'))];
  const siteRows = orgIds.length
    ? await trx
        .selectFrom('site')
        .select(['id', 'organisation_id', 'name'])
        .where('organisation_id', 'in', orgIds)
        .execute()
    : [];
  const sitesOf = new Map<string, number[]>();
  for (const s of siteRows) {
    const key = `${s.organisation_id}\u0000${s.name.trim().toLowerCase()}`;
    sitesOf.set(key, [...(sitesOf.get(key) ?? []), s.id]);
  }

  // Pass 3: product models (existing by vendor + model, any case; else to be created).
  const vendors = [...new Set(parsed.map((p) => upper(p.vendor)).filter(Boolean))];
  const modelRows = vendors.length
    ? await trx
        .selectFrom('product_model')
        .select(['id', 'vendor', 'model', 'warranty_months'])
        .where(sql<string>`upper(vendor)`, 'in', vendors)
        .orderBy('id')
        .execute()
    : [];
  const existing = new Map(modelRows.map((m) => [modelKey(m.vendor, m.model), m]));
  const vendorSpelling = new Map<string, string>();
  for (const m of modelRows)
    if (!vendorSpelling.has(upper(m.vendor))) vendorSpelling.set(upper(m.vendor), m.vendor);
  const newModels = new Map<string, NewModel>();

  // Pass 4: serials already registered for the same vendor.
  const serials = [...new Set(parsed.map((p) => upper(p.serial)).filter(Boolean))];
  const taken = new Map<string, string>();
  for (let i = 0; i < serials.length; i += 1000) {
    const found = await trx
      .selectFrom('asset')
      .innerJoin('organisation', 'organisation.id', 'asset.organisation_id')
      .select(['asset.vendor', 'asset.serial', 'organisation.name'])
      .where(sql<string>`upper(asset.serial)`, 'in', serials.slice(i, i + 1000))
      .execute();
    for (const a of found) taken.set(serialKey(a.vendor, a.serial), a.name);
  }

  const firstRowOf = new Map<string, number>();
  for (const p of parsed) {
    const before = problems.length;
    const orgId = p.organisation ? orgOf.get(p.organisation) : undefined;
    if (p.organisation && orgId === undefined) problem(p.raw, 'organisation', MESSAGES.unknownOrganisation);
    if (orgId === 'ambiguous') problem(p.raw, 'organisation', MESSAGES.ambiguousOrganisation);
    let siteId: number | null = null;
    if (typeof orgId === 'number' && p.site) {
      const ids = sitesOf.get(`${orgId}\u0000${p.site.trim().toLowerCase()}`) ?? [];
      const orgName = result.organisations.get(orgId) ?? p.organisation;
      if (ids.length === 0) problem(p.raw, 'site', MESSAGES.unknownSite(orgName));
      else if (ids.length > 1) problem(p.raw, 'site', MESSAGES.ambiguousSite(orgName));
      else siteId = ids[0]!;
    }
    let warrantyMonths: number | null = null;
    let vendor = p.vendor;
    let model = p.model;
    const key = modelKey(p.vendor, p.model);
    if (p.vendor && p.model) {
      const known = existing.get(key);
      if (known) {
        vendor = known.vendor;
        model = known.model;
        warrantyMonths = known.warranty_months;
        result.models.set(key, known.id);
      } else {
        vendor = vendorSpelling.get(upper(p.vendor)) ?? p.vendor;
        if (!vendorSpelling.has(upper(p.vendor))) vendorSpelling.set(upper(p.vendor), p.vendor);
        if (!newModels.has(key))
          newModels.set(key, {
            key,
            vendor,
            model,
            partNumber: p.partNumber,
            category: p.category ?? 'other',
          });
        model = newModels.get(key)!.model;
      }
    }
    if (p.vendor && p.serial) {
      const sk = serialKey(p.vendor, p.serial);
      const first = firstRowOf.get(sk);
      if (first !== undefined) problem(p.raw, 'serial', MESSAGES.duplicateInFile(first));
      else firstRowOf.set(sk, p.raw.row);
      const owner = taken.get(sk);
      if (owner !== undefined) problem(p.raw, 'serial', MESSAGES.duplicateInDatabase(vendor, owner));
    }
    if (!p.ok || problems.length > before || typeof orgId !== 'number') continue;
    result.rows.push({
      row: p.raw.row,
      vendor,
      model,
      modelKey: key,
      serial: p.serial,
      organisationId: orgId,
      siteId,
      installedOn: p.installedOn,
      warrantyEndsOn:
        p.warrantyEndsOn ??
        (p.installedOn && warrantyMonths !== null ? addMonths(p.installedOn, warrantyMonths) : null),
      notes: p.notes,
    });
  }
  result.newModels = [...newModels.values()];
  problems.sort(
    (a, b) =>
      a.row - b.row ||
      IMPORT_COLUMNS.indexOf(a.column as ImportColumn) - IMPORT_COLUMNS.indexOf(b.column as ImportColumn),
  );
  return result;
}

/** The message when a file cannot be read at all. */
export function unreadableFile(locale: Locale): ImportProblem {
  return { row: 1, column: 'file', columnTitle: '', value: null, message: MESSAGES.notXlsx[locale] };
}
