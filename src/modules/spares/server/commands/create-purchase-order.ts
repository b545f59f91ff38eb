/**
 * Records a purchase order for spares (seed 001: after signing a project, spares are bought and
 * stocked in within a week). The due date defaults to a week after signing; the reminder job
 * warns a day before it and once it has passed.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { serviceDay } from '../../../contracts/server/index.ts';
import type { purchaseOrderBody } from '../../spares.api.ts';
import { defaultDueOn } from '../../spares-model.ts';
import { actorUserId, assertCanKeepStock } from '../spares.policy.ts';

type Input = z.output<typeof purchaseOrderBody>;

async function checkReferences(db: Kysely<Database>, input: Input) {
  const store = await db
    .selectFrom('warehouse')
    .select(['active', 'code'])
    .where('id', '=', input.warehouseId)
    .executeTakeFirst();
  if (!store)
    throw invalidField(
      'body.warehouseId',
      `no warehouse with id ${input.warehouseId}`,
      `没有 ID 为 ${input.warehouseId} 的备件库`,
    );
  if (!store.active)
    throw invalidField('body.warehouseId', `store ${store.code} is closed`, `备件库 ${store.code} 已关闭`);
  if (input.serviceContractId) {
    const contract = await db
      .selectFrom('service_contract')
      .select('id')
      .where('id', '=', input.serviceContractId)
      .executeTakeFirst();
    if (!contract)
      throw invalidField(
        'body.serviceContractId',
        `no service contract with id ${input.serviceContractId}`,
        `没有 ID 为 ${input.serviceContractId} 的服务合同`,
      );
  }
  const parts = await db
    .selectFrom('spare_part')
    .select(['id', 'part_number', 'active'])
    .where(
      'id',
      'in',
      input.lines.map((l) => l.partId),
    )
    .execute();
  const seen = new Set<number>();
  for (const [i, line] of input.lines.entries()) {
    const part = parts.find((p) => p.id === line.partId);
    if (!part)
      throw invalidField(
        `body.lines.${i}.partId`,
        `no spare part with id ${line.partId}`,
        `没有 ID 为 ${line.partId} 的备件`,
      );
    if (!part.active)
      throw invalidField(
        `body.lines.${i}.partId`,
        `${part.part_number} is discontinued`,
        `备件 ${part.part_number} 已停用`,
      );
    if (seen.has(line.partId))
      throw invalidField(
        `body.lines.${i}.partId`,
        `${part.part_number} is listed twice`,
        `备件 ${part.part_number} 重复`,
      );
    seen.add(line.partId);
  }
}

export async function createPurchaseOrder(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: Input;
  now: Date;
}): Promise<number> {
  assertCanKeepStock(opts.ctx.actor);
  const { input, now } = opts;
  const signedOn = input.signedOn ?? serviceDay(now);
  const dueOn = input.dueOn ?? defaultDueOn(signedOn);
  if (dueOn < signedOn)
    throw invalidField(
      'body.dueOn',
      `must not be before the signing date ${signedOn}`,
      `不能早于签约日期 ${signedOn}`,
    );
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    await checkReferences(uow.trx, input);
    const number = input.number?.trim();
    if (number) {
      const taken = await uow.trx
        .selectFrom('purchase_order')
        .select('id')
        .where((eb) => eb(eb.fn('upper', ['number']), '=', number.toUpperCase()))
        .executeTakeFirst();
      if (taken)
        throw new AppError('conflict', `purchase order ${number} already exists`, {
          zh: `采购单号 ${number} 已被使用`,
          fieldErrors: [{ field: 'body.number', message: 'already taken', zh: '采购单号已被使用' }],
        });
    }
    const row = await uow.trx
      .insertInto('purchase_order')
      .values({
        // Replaced below by PO-<year>-<id> once the id is known, unless the purchasing system gave one.
        number: number || `pending-${randomUUID()}`,
        supplier: input.supplier,
        warehouse_id: input.warehouseId,
        service_contract_id: input.serviceContractId ?? null,
        project: input.project ?? null,
        signed_on: signedOn,
        due_on: dueOn,
        note: input.note ?? null,
        created_by: actorUserId(opts.ctx.actor),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!number)
      await uow.trx
        .updateTable('purchase_order')
        .set({ number: `PO-${serviceDay(now).slice(0, 4)}-${String(row.id).padStart(6, '0')}` })
        .where('id', '=', row.id)
        .execute();
    await uow.trx
      .insertInto('purchase_order_line')
      .values(
        input.lines.map((l) => ({
          purchase_order_id: row.id,
          part_id: l.partId,
          quantity_ordered: l.quantity,
        })),
      )
      .execute();
    const after = await uow.trx
      .selectFrom('purchase_order')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'purchase_order.created',
      subjectType: 'purchase_order',
      subjectId: row.id,
      after,
      data: { lines: input.lines },
    });
    return row.id;
  });
}
