/**
 * Adds or changes a spare part. Part numbers are unique regardless of case; whether a part is
 * held by serial or by quantity (and its unit) is fixed once any stock of it was recorded.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { partBody, partPatch } from '../../spares.api.ts';
import { assertCanKeepStock } from '../spares.policy.ts';

type Patch = z.output<typeof partPatch>;

function columns(input: Patch) {
  return {
    ...(input.partNumber !== undefined && { part_number: input.partNumber }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn ?? null }),
    ...(input.vendor !== undefined && { vendor: input.vendor ?? null }),
    ...(input.productModelId !== undefined && { product_model_id: input.productModelId ?? null }),
    ...(input.serialised !== undefined && { serialised: input.serialised }),
    ...(input.unit !== undefined && { unit: input.unit }),
    ...(input.minStock !== undefined && { min_stock: input.minStock ?? null }),
    ...(input.description !== undefined && { description: input.description ?? null }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

async function checkPartNumberFree(db: Kysely<Database>, partNumber: string, selfId?: number) {
  let query = db
    .selectFrom('spare_part')
    .select('id')
    .where((eb) => eb(eb.fn('upper', ['part_number']), '=', partNumber.toUpperCase()));
  if (selfId) query = query.where('id', '!=', selfId);
  if (await query.executeTakeFirst())
    throw new AppError('conflict', `part number ${partNumber} is already in the catalogue`, {
      zh: `备件编码 ${partNumber} 已被使用`,
      fieldErrors: [{ field: 'body.partNumber', message: 'already taken', zh: '备件编码已被使用' }],
    });
}

/** The product model's vendor, checking the model exists. */
async function modelVendor(db: Kysely<Database>, productModelId: number): Promise<string> {
  const model = await db
    .selectFrom('product_model')
    .select('vendor')
    .where('id', '=', productModelId)
    .executeTakeFirst();
  if (!model)
    throw invalidField(
      'body.productModelId',
      `no product model with id ${productModelId}`,
      `没有 ID 为 ${productModelId} 的产品型号`,
    );
  return model.vendor;
}

export async function createSparePart(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof partBody>;
}): Promise<number> {
  assertCanKeepStock(opts.ctx.actor);
  const { input } = opts;
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    await checkPartNumberFree(uow.trx, input.partNumber);
    const vendor = input.productModelId ? await modelVendor(uow.trx, input.productModelId) : null;
    const created = await uow.trx
      .insertInto('spare_part')
      .values({
        ...columns(input),
        part_number: input.partNumber,
        name: input.name,
        vendor: input.vendor ?? vendor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'spare_part.created',
      subjectType: 'spare_part',
      subjectId: created.id,
      after: created,
    });
    return created.id;
  });
}

export async function updateSparePart(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Patch;
  now: Date;
}): Promise<void> {
  assertCanKeepStock(opts.ctx.actor);
  const { input } = opts;
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('spare_part')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('spare part');
    if (input.partNumber !== undefined) await checkPartNumberFree(uow.trx, input.partNumber, before.id);
    if (input.productModelId) await modelVendor(uow.trx, input.productModelId);
    const holding =
      (input.serialised !== undefined && input.serialised !== before.serialised) ||
      (input.unit !== undefined && input.unit !== before.unit);
    if (holding) {
      const moved = await uow.trx
        .selectFrom('stock_movement')
        .select('id')
        .where('part_id', '=', before.id)
        .limit(1)
        .executeTakeFirst();
      if (moved) {
        const field =
          input.serialised !== undefined && input.serialised !== before.serialised ? 'serialised' : 'unit';
        throw new AppError(
          'conflict',
          `stock of ${before.part_number} has been recorded: its ${field} cannot change`,
          {
            zh: `备件 ${before.part_number} 已有出入库记录，不能再改${field === 'serialised' ? '是否按序列号管理' : '单位'}`,
            fieldErrors: [
              { field: `body.${field}`, message: 'stock has been recorded', zh: '已有出入库记录，不能再改' },
            ],
          },
        );
      }
    }
    const after = await uow.trx
      .updateTable('spare_part')
      .set({ ...columns(input), updated_at: opts.now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'spare_part.updated',
      subjectType: 'spare_part',
      subjectId: before.id,
      before,
      after,
    });
  });
}
