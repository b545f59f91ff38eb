/**
 * The engineer replaces the faulty unit at the customer (seed 004 step 4): the good part leaves
 * the store for the case, the installed base swaps serials (the old asset retired, the new one in
 * service, history kept on both), and the case goes back to work once no spare is outstanding.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { swapAsset } from '../../../assets/server/index.ts';
import { moveStock } from '../../../spares/server/index.ts';
import { runRmaStep } from '../rma-step.ts';
import { resumeCaseWhenNoSpareOutstanding } from './rma-case.ts';

export async function replacePart(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  newSerial?: string | null | undefined;
  note?: string | null | undefined;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'replace' }, async ({ uow, rma, now, actorUserId }) => {
    if (rma.source === 'vendor') {
      const part = await uow.trx
        .selectFrom('spare_part')
        .select('serialised')
        .where('id', '=', rma.part_id)
        .executeTakeFirstOrThrow();
      await moveStock(
        uow,
        {
          kind: 'issue',
          warehouseId: rma.good_warehouse_id!,
          partId: rma.part_id,
          quantity: rma.quantity,
          serial: part.serialised ? rma.good_serial : null,
          caseId: rma.case_id,
          rmaId: rma.id,
        },
        { actorUserId, now },
      );
    }
    const newSerial = opts.newSerial ?? (rma.source === 'vendor' ? rma.good_serial : rma.issued_serial);
    if (!newSerial)
      throw invalidField(
        'body.newSerial',
        'give the serial number of the unit put in',
        '请填写装上的备件序列号',
      );
    const newAssetId = await swapAsset(uow.trx, {
      oldAssetId: rma.asset_id,
      newSerial,
      caseId: rma.case_id,
      actorUserId,
      now,
      note: opts.note ?? null,
    });
    await resumeCaseWhenNoSpareOutstanding(uow, rma, now);
    return {
      set: { state: 'replaced', replaced_at: now, new_asset_id: newAssetId },
      timeline: {
        visibility: 'public',
        body: opts.note ?? null,
        data: { oldSerial: rma.faulty_serial, newSerial },
      },
      event: 'replaced',
    };
  });
}
