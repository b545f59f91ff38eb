/**
 * The engineer marks a hardware fault: a spare request (faulty serial, part, quantity, reason) on
 * the case, which goes to RMA pending. The faulty serial must be an in-service asset of the
 * case's customer; the spare store is the branch's own, else HQ's.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { STATE_INFO, findTransition } from '../../../cases/case-status.ts';
import { addCaseTimelineEntry, changeCaseStateIn, loadVisibleCase } from '../../../cases/server/index.ts';
import { findPartByNumber, warehouseForBranch } from '../../../spares/server/index.ts';
import { canRequestRma } from '../rma.policy.ts';
import { actorUserId } from '../rma-step.ts';
import { rmaYear } from './rma-number.ts';

export interface RequestRmaInput {
  faultySerial: string;
  partId?: number | undefined;
  partNumber?: string | undefined;
  quantity: number;
  reason: string;
}

export async function requestRma(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  input: RequestRmaInput;
  now: Date;
}): Promise<number> {
  const { ctx, input, now } = opts;
  return inTransaction(opts.db, ctx, async (uow) => {
    const trx = uow.trx;
    const c = await loadVisibleCase(trx, ctx.actor, opts.caseId, { forUpdate: true });
    if (!canRequestRma(ctx.actor)) throw new AppError('forbidden', 'your roles may not request spare parts');
    if (!input.partId && !input.partNumber)
      throw invalidField('body.partId', 'give partId or partNumber', '请选择备件');
    if (!STATE_INFO[c.state].open || c.merged_into_id !== null)
      throw new AppError('conflict', `case ${c.number} is ${c.state}: a spare request needs an open case`, {
        zh:
          c.merged_into_id !== null
            ? `案例 ${c.number} 已被合并，不能申请备件`
            : `案例 ${c.number} 状态为“${STATE_INFO[c.state].label['zh-CN']}”，只有未关闭的案例才能申请备件`,
      });

    const asset = await trx
      .selectFrom('asset')
      .select(['id', 'state', 'organisation_id', 'serial'])
      .where((eb) => eb(eb.fn('upper', ['serial']), '=', input.faultySerial.toUpperCase()))
      .where('organisation_id', '=', c.organisation_id)
      .orderBy('id', 'desc')
      // Two cases about the same unit request at once: the second waits here, then sees the first's RMA.
      .forUpdate()
      .executeTakeFirst();
    if (!asset)
      throw invalidField(
        'body.faultySerial',
        `serial ${input.faultySerial} is not in this customer's installed base`,
        `序列号 ${input.faultySerial} 不在该客户的设备档案中`,
      );
    if (asset.state === 'retired')
      throw invalidField(
        'body.faultySerial',
        `serial ${input.faultySerial} was already replaced (retired)`,
        `序列号 ${input.faultySerial} 已被更换（已退役）`,
      );
    const openForAsset = await trx
      .selectFrom('rma')
      .select('number')
      .where('asset_id', '=', asset.id)
      .where('state', 'not in', ['closed', 'cancelled'])
      .executeTakeFirst();
    if (openForAsset)
      throw new AppError(
        'conflict',
        `serial ${asset.serial} already has an open RMA (${openForAsset.number})`,
        {
          zh: `序列号 ${asset.serial} 已有进行中的 RMA ${openForAsset.number}`,
          fieldErrors: [
            {
              field: 'body.faultySerial',
              message: `open RMA ${openForAsset.number}`,
              zh: `已有进行中的 RMA ${openForAsset.number}`,
            },
          ],
        },
      );

    const part = input.partId
      ? await trx
          .selectFrom('spare_part')
          .select(['id', 'serialised', 'active'])
          .where('id', '=', input.partId)
          .executeTakeFirst()
      : await findPartByNumber(trx, input.partNumber!);
    const partField = input.partId ? 'body.partId' : 'body.partNumber';
    if (!part) throw invalidField(partField, 'no such spare part', '该备件不存在');
    if (part.serialised && input.quantity !== 1)
      throw invalidField(
        'body.quantity',
        'a serialised part is requested one unit per RMA',
        '按序列号管理的备件每个 RMA 只申请一件',
      );

    const warehouse = await warehouseForBranch(trx, c.organisation_branch_id);
    if (!warehouse)
      throw new AppError(
        'conflict',
        'no spare store is set up for this branch or for HQ: create a warehouse first',
        { zh: '本分支和总部都还没有备件库，请先新增备件库' },
      );

    const row = await trx
      .insertInto('rma')
      .values({
        // Replaced by the real number below, once the id is known.
        number: `pending-${randomUUID()}`,
        case_id: c.id,
        organisation_id: c.organisation_id,
        branch_id: c.organisation_branch_id,
        warehouse_id: warehouse.id,
        asset_id: asset.id,
        faulty_serial: asset.serial,
        part_id: part.id,
        quantity: input.quantity,
        reason: input.reason,
        state: 'requested',
        requested_by: actorUserId(ctx),
        created_at: now,
        updated_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const number = `RMA-${rmaYear(now)}-${String(row.id).padStart(6, '0')}`;
    await trx.updateTable('rma').set({ number }).where('id', '=', row.id).execute();

    // The case waits on the RMA; from a state that cannot go there directly, through "in progress".
    if (c.state !== 'rma_pending') {
      if (!findTransition(c.state, 'rma_pending', 'staff'))
        await changeCaseStateIn(uow, { caseId: c.id, to: 'in_progress', now, reopenDays: 0 });
      await changeCaseStateIn(uow, { caseId: c.id, to: 'rma_pending', now, reopenDays: 0 });
    }
    await addCaseTimelineEntry(uow, c.id, {
      kind: 'rma',
      visibility: 'public',
      body: input.reason,
      data: {
        rmaId: row.id,
        rma: number,
        step: 'request',
        faultySerial: asset.serial,
        quantity: input.quantity,
      },
    });
    await recordEvent(uow, {
      type: 'rma.requested',
      subjectType: 'rma',
      subjectId: row.id,
      organisationId: c.organisation_id,
      after: {
        number,
        state: 'requested',
        faultySerial: asset.serial,
        partId: part.id,
        quantity: input.quantity,
      },
      data: { caseId: c.id, number, branchId: c.organisation_branch_id },
    });
    return row.id;
  });
}
