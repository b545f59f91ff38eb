/**
 * The vendor side (seed 004 steps 3–4): the vendor RMA number with its route — vendors ship
 * straight to the direct-delivery branches, to HQ for the others — and the good part's arrival,
 * registered with its serial and RMA number. From that arrival the faulty part has 10 working
 * days to get back to the vendor.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { hqWarehouse, moveStock } from '../../../spares/server/index.ts';
import { RETURN_WORKING_DAYS } from '../../rma-status.ts';
import { runRmaStep } from '../rma-step.ts';
import { returnDueAfter } from '../rma-calendar.ts';

export async function openVendorRma(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  vendorRmaNumber: string;
  route?: 'direct' | 'via_hq' | undefined;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'open_vendor_rma' }, async ({ uow, rma, now }) => {
    const branch = rma.branch_id
      ? await uow.trx
          .selectFrom('branch')
          .select(['is_headquarters', 'vendor_direct_delivery'])
          .where('id', '=', rma.branch_id)
          .executeTakeFirst()
      : undefined;
    const route =
      opts.route ??
      (branch && (branch.vendor_direct_delivery || branch.is_headquarters) ? 'direct' : 'via_hq');
    return {
      set: { vendor_rma_number: opts.vendorRmaNumber, vendor_rma_opened_at: now, route },
      timeline: { visibility: 'internal', data: { vendorRmaNumber: opts.vendorRmaNumber, route } },
      event: 'vendor_rma_opened',
    };
  });
}

export async function receiveVendorPart(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  serial: string;
  vendorRmaNumber: string;
  warehouseId?: number | undefined;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'receive_part' }, async ({ uow, rma, now, actorUserId }) => {
    if (opts.vendorRmaNumber.toUpperCase() !== rma.vendor_rma_number!.toUpperCase())
      throw invalidField(
        'body.vendorRmaNumber',
        `this RMA's vendor RMA number is ${rma.vendor_rma_number}`,
        `此 RMA 登记的厂商 RMA 号是 ${rma.vendor_rma_number}`,
      );
    let warehouseId = opts.warehouseId;
    if (!warehouseId) {
      const hq = rma.route === 'via_hq' ? await hqWarehouse(uow.trx) : undefined;
      warehouseId = hq?.id ?? rma.warehouse_id;
    }
    const part = await uow.trx
      .selectFrom('spare_part')
      .select('serialised')
      .where('id', '=', rma.part_id)
      .executeTakeFirstOrThrow();
    const move = {
      warehouseId,
      partId: rma.part_id,
      quantity: rma.quantity,
      serial: part.serialised ? opts.serial : null,
      caseId: rma.case_id,
      rmaId: rma.id,
      reference: rma.vendor_rma_number,
    };
    await moveStock(uow, { kind: 'receive_from_vendor', ...move }, { actorUserId, now });
    // Waiting for this very part: hold it for the RMA. With a spare already issued from stock,
    // the vendor's part simply replenishes the store.
    const forThisRma = rma.source === 'vendor';
    if (forThisRma) await moveStock(uow, { kind: 'reserve', ...move }, { actorUserId, now });
    const due = await returnDueAfter(uow.trx, now, RETURN_WORKING_DAYS);
    return {
      set: {
        good_serial: opts.serial,
        good_warehouse_id: warehouseId,
        good_received_at: now,
        return_due_at: due,
        ...(forThisRma && { state: 'part_ready' as const }),
      },
      // The vendor's side (RMA number, return deadline) is the service centre's business.
      timeline: {
        visibility: 'internal',
        data: { serial: opts.serial, vendorRmaNumber: rma.vendor_rma_number, returnDueAt: due.toISOString() },
      },
      event: 'vendor_part_received',
    };
  });
}
