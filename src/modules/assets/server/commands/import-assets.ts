/**
 * Imports assets from an xlsx workbook in one transaction: every row is checked first, and if
 * any is wrong nothing is written and the row-by-row problems come back. Product models not
 * known yet (vendor + model) are created with the category and part number the row gives
 * (category `other` when none) and listed in the answer, so a dry run shows them before anything
 * happens. Inserts go in batches; the audit trail gets one event for the whole import (with its
 * counts), each asset an `imported` history line.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { assetsPolicy } from '../assets.policy.ts';
import { checkImport } from '../asset-import.ts';
import {
  loadWorkbook,
  modelKey,
  serialKey,
  unreadableFile,
  type ImportProblem,
} from '../asset-import-rows.ts';
import type { Locale } from '../asset-sheet.ts';
import { actorUserIdOf, writeAssetEvents } from '../asset-events.ts';

/** Rows per insert statement (10 columns each: far under PostgreSQL's bind parameter limit). */
const BATCH = 500;

export interface ImportOutcome {
  dryRun: boolean;
  rows: number;
  created: number;
  modelsCreated: Array<{ vendor: string; model: string }>;
  ignoredColumns: string[];
  organisations: Array<{ id: number; name: string; assets: number }>;
  /** Non-empty: the import was refused and nothing was written. */
  problems: ImportProblem[];
}

export async function importAssets(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  file: { bytes: Buffer; name: string; sha256: string };
  locale: Locale;
  dryRun: boolean;
  now: Date;
}): Promise<ImportOutcome> {
  const { db, ctx, file, locale, dryRun, now } = opts;
  if (!assetsPolicy.canImport(ctx.actor)) throw new AppError('forbidden', 'installed-base managers only');
  const book = await loadWorkbook(file.bytes);
  const refused = (problems: ImportProblem[], rows = 0): ImportOutcome => ({
    dryRun,
    rows,
    created: 0,
    modelsCreated: [],
    ignoredColumns: [],
    organisations: [],
    problems,
  });
  if (!book) return refused([unreadableFile(locale)]);

  return inTransaction(db, ctx, async (uow) => {
    const checked = await checkImport(uow.trx, book, locale);
    if (checked.problems.length > 0) return refused(checked.problems, checked.rowCount);
    const perOrganisation = new Map<number, number>();
    for (const r of checked.rows)
      perOrganisation.set(r.organisationId, (perOrganisation.get(r.organisationId) ?? 0) + 1);
    const outcome: ImportOutcome = {
      dryRun,
      rows: checked.rowCount,
      created: checked.rows.length,
      modelsCreated: checked.newModels.map((m) => ({ vendor: m.vendor, model: m.model })),
      ignoredColumns: checked.ignoredColumns,
      organisations: [...perOrganisation].map(([id, assets]) => ({
        id,
        name: checked.organisations.get(id) ?? '',
        assets,
      })),
      problems: [],
    };
    if (dryRun) return outcome;

    const modelIds = new Map(checked.models);
    if (checked.newModels.length > 0) {
      const created = await uow.trx
        .insertInto('product_model')
        .values(
          checked.newModels.map((m) => ({
            vendor: m.vendor,
            model: m.model,
            part_number: m.partNumber,
            category: m.category,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(['id', 'vendor', 'model'])
        .execute();
      // Matched by name, not by position: RETURNING promises no order.
      const idOf = new Map(created.map((m) => [modelKey(m.vendor, m.model), m.id]));
      for (const m of checked.newModels) modelIds.set(m.key, idOf.get(modelKey(m.vendor, m.model))!);
    }

    const actorUserId = actorUserIdOf(ctx.actor);
    const assetIdOf = new Map<string, number>();
    for (let i = 0; i < checked.rows.length; i += BATCH) {
      const batch = checked.rows.slice(i, i + BATCH);
      const inserted = await uow.trx
        .insertInto('asset')
        .values(
          batch.map((r) => ({
            product_model_id: modelIds.get(r.modelKey)!,
            vendor: r.vendor,
            serial: r.serial,
            organisation_id: r.organisationId,
            site_id: r.siteId,
            installed_on: r.installedOn,
            warranty_ends_on: r.warrantyEndsOn,
            notes: r.notes,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(['id', 'vendor', 'serial'])
        .execute();
      for (const a of inserted) assetIdOf.set(serialKey(a.vendor, a.serial), a.id);
    }
    const assetIds = checked.rows.map((r) => assetIdOf.get(serialKey(r.vendor, r.serial))!);
    await writeAssetEvents(
      uow.trx,
      checked.rows.map((r, i) => ({
        assetId: assetIds[i]!,
        kind: 'imported' as const,
        actorUserId,
        at: now,
        data: { file: file.name, sha256: file.sha256, row: r.row },
      })),
    );
    const organisationIds = [...perOrganisation.keys()];
    await recordEvent(uow, {
      type: 'asset.imported',
      subjectType: 'asset_import',
      subjectId: file.sha256,
      organisationId: organisationIds.length === 1 ? organisationIds[0] : null,
      data: {
        file: file.name,
        sha256: file.sha256,
        rows: outcome.rows,
        created: outcome.created,
        firstAssetId: Math.min(...assetIds),
        lastAssetId: Math.max(...assetIds),
        modelsCreated: outcome.modelsCreated,
        organisations: outcome.organisations.map((o) => ({ id: o.id, assets: o.assets })),
      },
    });
    return outcome;
  });
}
