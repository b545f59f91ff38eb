/**
 * Checking an installed-base import against the database: the rows read from the sheet
 * (asset-import-rows.ts) are matched to their organisation and site and product model, and
 * their serials must be unique per vendor within the file and against the assets registered.
 * Nothing is written (the import command does that); every problem is reported with its row,
 * column and a message in the caller's language. The lookups are a handful of set queries
 * whatever the number of rows.
 */
import type { ExcelJS } from '../../../platform/files/workbook.ts';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { addMonths, type ProductCategory } from '../asset-status.ts';
import {
  IMPORT_MESSAGES as MESSAGES,
  modelKey,
  readRows,
  rowProblem,
  serialKey,
  upper,
  type ImportProblem,
} from './asset-import-rows.ts';
import { IMPORT_COLUMNS, type ImportColumn, type Locale } from './asset-sheet.ts';

type Trx = Transaction<Database>;

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

/** Checks every row of the workbook against the database; writes nothing. */
export async function checkImport(trx: Trx, book: ExcelJS.Workbook, locale: Locale): Promise<CheckedImport> {
  const problems: ImportProblem[] = [];
  const { rows: parsed, ignored } = readRows(book, locale, problems);
  const result: CheckedImport = {
    rows: [],
    problems,
    rowCount: parsed.length,
    ignoredColumns: ignored,
    models: new Map(),
    newModels: [],
    organisations: new Map(),
  };
  if (parsed.length === 0) return result;
  const problem = rowProblem(problems, locale);

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
