/**
 * The faulty part's way back (seed 004 step 5): the engineer hands it to the clerk, who sends it
 * to the vendor within 10 working days of the good part's arrival. Sending it completes the RMA.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { moveStock } from '../../../spares/server/index.ts';
import { runRmaStep } from '../rma-step.ts';

async function isSerialised(db: Kysely<Database>, partId: number): Promise<boolean> {
  const part = await db
    .selectFrom('spare_part')
    .select('serialised')
    .where('id', '=', partId)
    .executeTakeFirstOrThrow();
  return part.serialised;
}

export async function receiveFaultyPart(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  serial: string;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'receive_faulty' }, async ({ uow, rma, now, actorUserId }) => {
    if (opts.serial.toUpperCase() !== rma.faulty_serial.toUpperCase())
      throw invalidField(
        'body.serial',
        `the faulty part of this RMA is ${rma.faulty_serial}`,
        `此 RMA 的坏件序列号是 ${rma.faulty_serial}`,
      );
    const serialised = await isSerialised(uow.trx, rma.part_id);
    await moveStock(
      uow,
      {
        kind: 'return_faulty',
        warehouseId: rma.warehouse_id,
        partId: rma.part_id,
        quantity: rma.quantity,
        serial: serialised ? rma.faulty_serial : null,
        caseId: rma.case_id,
        rmaId: rma.id,
      },
      { actorUserId, now },
    );
    return {
      set: { state: 'faulty_received', faulty_received_at: now },
      timeline: {
        visibility: 'internal',
        data: { serial: rma.faulty_serial, warehouse: rma.warehouse_code },
      },
      event: 'faulty_received',
    };
  });
}

export async function returnToVendor(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  waybill: string;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'return_to_vendor' }, async ({ uow, rma, now, actorUserId }) => {
    const serialised = await isSerialised(uow.trx, rma.part_id);
    await moveStock(
      uow,
      {
        kind: 'send_to_vendor',
        warehouseId: rma.warehouse_id,
        partId: rma.part_id,
        quantity: rma.quantity,
        serial: serialised ? rma.faulty_serial : null,
        caseId: rma.case_id,
        rmaId: rma.id,
        reference: `${rma.vendor_rma_number} / ${opts.waybill}`,
      },
      { actorUserId, now },
    );
    const late = rma.return_due_at !== null && now > rma.return_due_at;
    return {
      set: { state: 'closed', returned_at: now, return_waybill: opts.waybill, closed_at: now },
      timeline: {
        visibility: 'internal',
        data: { serial: rma.faulty_serial, waybill: opts.waybill, late },
      },
      event: 'returned_to_vendor',
      data: { late },
    };
  });
}
