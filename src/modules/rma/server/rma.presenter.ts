/** RMA rows → the API view, with the steps the caller may take. */
import type { Actor } from '../../../platform/authz/actor.ts';
import type { RmaView } from '../rma.api.ts';
import { allowedSteps, factsOf } from './rma.policy.ts';
import type { RmaRow } from './rma.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentRma(r: RmaRow, actor: Actor, now: Date): RmaView {
  // The vendor's side (RMA number, return deadline, waybill) is the service centre's business.
  const internal = actor.kind !== 'contact';
  const late =
    r.return_due_at !== null && (r.returned_at ? r.returned_at > r.return_due_at : now > r.return_due_at);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    case: { id: r.case_id, number: r.case_number, title: r.case_title },
    organisation: { id: r.organisation_id, name: r.organisation_name },
    branch: r.branch_id && r.branch_name ? { id: r.branch_id, name: r.branch_name } : null,
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    asset: { id: r.asset_id, vendor: r.asset_vendor, serial: r.asset_serial, model: r.asset_model },
    faultySerial: r.faulty_serial,
    part: { id: r.part_id, partNumber: r.part_number, name: r.part_name },
    quantity: r.quantity,
    reason: r.reason,
    source: r.source,
    requestedBy: r.requested_by && r.requester_name ? { id: r.requested_by, name: r.requester_name } : null,
    confirmedAt: iso(r.confirmed_at),
    confirmedBy: r.confirming_contact_name ?? r.confirmer_name ?? null,
    confirmationNote: r.confirmation_note,
    issuedSerial: r.issued_serial,
    vendorRmaNumber: internal ? r.vendor_rma_number : null,
    route: r.route,
    goodSerial: r.good_serial,
    goodReceivedAt: iso(r.good_received_at),
    replacedAt: iso(r.replaced_at),
    newAssetId: r.new_asset_id,
    faultyReceivedAt: iso(r.faulty_received_at),
    returnDueAt: internal ? iso(r.return_due_at) : null,
    returnedAt: iso(r.returned_at),
    returnWaybill: internal ? r.return_waybill : null,
    returnLate: internal && late,
    returnDueSoon: internal && !late && r.returned_at === null && r.return_reminded_at !== null,
    closedAt: iso(r.closed_at),
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    createdAt: r.created_at.toISOString(),
    abilities: { steps: allowedSteps(actor, factsOf(r)) },
  };
}
