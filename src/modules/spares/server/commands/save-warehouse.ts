/**
 * Adds or changes a spare store. Codes are unique; one active store is HQ's central store; a
 * store still holding stock cannot be closed (transfer the good parts, return the faulty first).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { warehouseBody, warehousePatch } from '../../spares.api.ts';
import { assertCanKeepStock } from '../spares.policy.ts';

type Patch = z.output<typeof warehousePatch>;

function columns(input: Patch) {
  return {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn ?? null }),
    ...(input.branchId !== undefined && { branch_id: input.branchId }),
    ...(input.isHq !== undefined && { is_hq: input.isHq }),
    ...(input.address !== undefined && { address: input.address ?? null }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

async function checkFree(
  db: Kysely<Database>,
  row: { code: string; is_hq: boolean; active: boolean },
  selfId?: number,
) {
  let taken = db.selectFrom('warehouse').select('id').where('code', '=', row.code);
  if (selfId) taken = taken.where('id', '!=', selfId);
  if (await taken.executeTakeFirst())
    throw new AppError('conflict', `warehouse code ${row.code} is taken`, {
      zh: `库代码 ${row.code} 已被使用`,
      fieldErrors: [{ field: 'body.code', message: 'already taken', zh: '库代码已被使用' }],
    });
  if (!row.is_hq || !row.active) return;
  let hq = db.selectFrom('warehouse').select('code').where('is_hq', '=', true).where('active', '=', true);
  if (selfId) hq = hq.where('id', '!=', selfId);
  const other = await hq.executeTakeFirst();
  if (other)
    throw new AppError('conflict', `HQ's central store is already ${other.code}`, {
      zh: `总部中心库已是 ${other.code}`,
      fieldErrors: [
        { field: 'body.isHq', message: `already ${other.code}`, zh: `总部中心库已是 ${other.code}` },
      ],
    });
}

async function branchOf(db: Kysely<Database>, branchId: number) {
  const branch = await db
    .selectFrom('branch')
    .select(['id', 'is_headquarters'])
    .where('id', '=', branchId)
    .executeTakeFirst();
  if (!branch)
    throw invalidField('body.branchId', `no branch with id ${branchId}`, `没有 ID 为 ${branchId} 的分支机构`);
  return branch;
}

export async function createWarehouse(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof warehouseBody>;
}): Promise<number> {
  assertCanKeepStock(opts.ctx.actor);
  const { input } = opts;
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const branch = await branchOf(uow.trx, input.branchId);
    const values = { ...columns(input), code: input.code, name: input.name, branch_id: branch.id };
    const isHq = input.isHq ?? branch.is_headquarters;
    await checkFree(uow.trx, { code: input.code, is_hq: isHq, active: input.active ?? true });
    const created = await uow.trx
      .insertInto('warehouse')
      .values({ ...values, is_hq: isHq })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'warehouse.created',
      subjectType: 'warehouse',
      subjectId: created.id,
      after: created,
    });
    return created.id;
  });
}

export async function updateWarehouse(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Patch;
  now: Date;
}): Promise<void> {
  assertCanKeepStock(opts.ctx.actor);
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('warehouse')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('warehouse');
    if (opts.input.branchId !== undefined) await branchOf(uow.trx, opts.input.branchId);
    const next = { ...before, ...columns(opts.input) };
    await checkFree(uow.trx, next, before.id);
    if (before.active && !next.active) {
      const held = await uow.trx
        .selectFrom('stock_level')
        .select((eb) => [
          eb.fn.sum<number>('good_on_hand').as('good'),
          eb.fn.sum<number>('faulty_on_hand').as('faulty'),
        ])
        .where('warehouse_id', '=', before.id)
        .executeTakeFirstOrThrow();
      const good = Number(held.good ?? 0);
      const faulty = Number(held.faulty ?? 0);
      if (good + faulty > 0)
        throw new AppError(
          'conflict',
          `store ${before.code} still holds ${good} good and ${faulty} faulty parts: transfer or return them before closing it`,
          {
            zh: `备件库 ${before.code} 仍有良品 ${good} 件、坏件 ${faulty} 件，请先调拨良品、退回坏件再关闭`,
            fieldErrors: [
              { field: 'body.active', message: 'the store still holds stock', zh: '该备件库仍有库存' },
            ],
          },
        );
    }
    const after = await uow.trx
      .updateTable('warehouse')
      .set({ ...columns(opts.input), updated_at: opts.now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'warehouse.updated',
      subjectType: 'warehouse',
      subjectId: before.id,
      before,
      after,
    });
  });
}
