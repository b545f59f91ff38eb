/**
 * Records and corrects product models. A vendor and model name pair exists once (any case); a
 * vendor already known keeps its first spelling ("cisco" files under "Cisco"), so lists and
 * filters by vendor stay whole. Renaming a vendor carries over to the model's assets, unless a
 * serial would then collide with one the new vendor already has.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { productModelBody, productModelPatch } from '../../assets.api.ts';
import { assetsPolicy } from '../assets.policy.ts';
import { duplicateField } from '../asset-checks.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The spelling of `vendor` already in use, or `vendor` itself when it is new. */
export async function canonicalVendor(db: Db, vendor: string, exceptModelId?: number): Promise<string> {
  let query = db
    .selectFrom('product_model')
    .select('vendor')
    .where(sql<boolean>`upper(vendor) = ${vendor.toUpperCase()}`);
  if (exceptModelId !== undefined) query = query.where('id', '<>', exceptModelId);
  const known = await query.orderBy('id').limit(1).executeTakeFirst();
  return known?.vendor ?? vendor;
}

async function checkNameFree(db: Db, vendor: string, model: string, exceptId?: number) {
  let query = db
    .selectFrom('product_model')
    .select('id')
    .where(sql<boolean>`upper(vendor) = ${vendor.toUpperCase()}`)
    .where(sql<boolean>`upper(model) = ${model.toUpperCase()}`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst())
    throw duplicateField(
      'body.model',
      `${vendor} ${model} is already a product model`,
      `产品型号 ${vendor} ${model} 已存在`,
    );
}

export async function createProductModel(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof productModelBody>;
}): Promise<number> {
  const { db, ctx, input } = opts;
  if (!assetsPolicy.canWriteModels(ctx.actor))
    throw new AppError('forbidden', 'installed-base managers only');
  return inTransaction(db, ctx, async (uow) => {
    const vendor = await canonicalVendor(uow.trx, input.vendor);
    await checkNameFree(uow.trx, vendor, input.model);
    const row = await uow.trx
      .insertInto('product_model')
      .values({
        vendor,
        model: input.model,
        part_number: input.partNumber ?? null,
        category: input.category,
        description: input.description || null,
        warranty_months: input.warrantyMonths ?? null,
        active: input.active,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'product_model.created',
      subjectType: 'product_model',
      subjectId: row.id,
      after: row,
    });
    return row.id;
  });
}

export async function updateProductModel(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: z.output<typeof productModelPatch>;
  now: Date;
}): Promise<void> {
  const { db, ctx, input, now } = opts;
  if (!assetsPolicy.canWriteModels(ctx.actor))
    throw new AppError('forbidden', 'installed-base managers only');
  await inTransaction(db, ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('product_model')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('product model');
    const vendorChanged = input.vendor !== undefined && input.vendor !== before.vendor;
    const vendor = vendorChanged ? await canonicalVendor(uow.trx, input.vendor!, before.id) : before.vendor;
    const model = input.model ?? before.model;
    if (
      vendor.toUpperCase() !== before.vendor.toUpperCase() ||
      model.toUpperCase() !== before.model.toUpperCase()
    )
      await checkNameFree(uow.trx, vendor, model, before.id);
    if (vendor.toUpperCase() !== before.vendor.toUpperCase()) {
      const clash = await uow.trx
        .selectFrom('asset as mine')
        .innerJoin('asset as theirs', (join) =>
          join
            .on(sql<boolean>`upper(theirs.serial) = upper(mine.serial)`)
            .on(sql<boolean>`upper(theirs.vendor) = ${vendor.toUpperCase()}`),
        )
        .select('mine.serial')
        .where('mine.product_model_id', '=', before.id)
        .limit(1)
        .executeTakeFirst();
      if (clash)
        throw duplicateField(
          'body.vendor',
          `${vendor} already has an asset with serial ${clash.serial}`,
          `${vendor} 已有序列号为 ${clash.serial} 的设备`,
        );
    }
    const after = await uow.trx
      .updateTable('product_model')
      .set({
        vendor,
        model,
        part_number: input.partNumber !== undefined ? input.partNumber : before.part_number,
        category: input.category ?? before.category,
        description: input.description !== undefined ? input.description || null : before.description,
        warranty_months: input.warrantyMonths !== undefined ? input.warrantyMonths : before.warranty_months,
        active: input.active ?? before.active,
        updated_at: now,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // The vendor is copied onto assets so that a serial's uniqueness per vendor is a constraint.
    if (vendor !== before.vendor)
      await uow.trx
        .updateTable('asset')
        .set({ vendor, updated_at: now })
        .where('product_model_id', '=', before.id)
        .execute();
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter(
      (k) => k !== 'updated_at' && JSON.stringify(after[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length === 0) return;
    await recordEvent(uow, {
      type: 'product_model.updated',
      subjectType: 'product_model',
      subjectId: before.id,
      before,
      after,
      data: { changed },
    });
  });
}
