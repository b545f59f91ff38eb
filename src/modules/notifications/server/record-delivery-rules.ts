/**
 * Who hears of the records beside the cases: a contract due for renewal reaches its owner (服务专员;
 * the branch's first-line managers when it has none); a purchase order due or overdue reaches whoever
 * raised it and the spare-parts clerks of the receiving store's branch, an overdue one the regional
 * manager as well. One outbox row per person who has not switched these reminders off, in the same
 * transaction as the event.
 */
import type { PublishedEvent, UnitOfWork } from '../../../platform/events/domain-events.ts';
import type { ContractMailData, PurchaseOrderMailData, RecordMailTemplate } from '../mail-templates.ts';
import { staffByIds, staffByRolesInBranch, type Recipient, type Trx } from './recipients.ts';
import { keepWanted } from './preferences/apply-preferences.ts';

export const RECORD_EVENTS = new Set<string>([
  'contract.renewal_due',
  'purchase_order.due_soon',
  'purchase_order.overdue',
]);

interface Plan {
  to: Recipient[];
  template: RecordMailTemplate;
  thread: string;
  linkPath: string;
  organisationId: number | null;
  data: Omit<ContractMailData, 'link'> | Omit<PurchaseOrderMailData, 'link'>;
}

interface RenewalDue {
  contractId: number;
  number: string;
  ownerId: number | null;
  organisationId: number;
  organisationName: string;
  endsOn: string;
  daysToEnd: number;
}

interface PurchaseOrderDue {
  purchaseOrderId: number;
  number: string;
  supplier: string;
  dueOn: string;
  createdBy: number | null;
  warehouse: { code: string; name: string; branchId: number | null };
  outstanding: { partNumber: string; quantity: number }[];
}

async function renewalPlan(trx: Trx, d: RenewalDue): Promise<Plan> {
  const branch = await trx
    .selectFrom('organisation')
    .select('branch_id')
    .where('id', '=', d.organisationId)
    .executeTakeFirst();
  const owner = d.ownerId !== null ? await staffByIds(trx, [d.ownerId]) : [];
  return {
    to: owner.length ? owner : await staffByRolesInBranch(trx, ['manager1'], branch?.branch_id ?? null),
    template: 'contract.renewal_due',
    thread: `contract-${d.contractId}`,
    linkPath: `/contracts/${d.contractId}`,
    organisationId: d.organisationId,
    data: {
      number: d.number,
      organisation: d.organisationName,
      endsOn: d.endsOn,
      daysToEnd: d.daysToEnd,
    },
  };
}

async function purchaseOrderPlan(trx: Trx, type: string, d: PurchaseOrderDue): Promise<Plan> {
  const overdue = type === 'purchase_order.overdue';
  const roles = overdue ? ['spare_parts_clerk', 'regional_manager'] : ['spare_parts_clerk'];
  const to = [
    ...(d.createdBy !== null ? await staffByIds(trx, [d.createdBy]) : []),
    ...(await staffByRolesInBranch(trx, roles, d.warehouse.branchId)),
  ];
  return {
    to,
    template: overdue ? 'purchase_order.overdue' : 'purchase_order.due_soon',
    thread: `purchase-order-${d.purchaseOrderId}`,
    linkPath: `/stock/purchase-orders/${d.purchaseOrderId}`,
    organisationId: null,
    data: {
      number: d.number,
      supplier: d.supplier,
      dueOn: d.dueOn,
      warehouse: `${d.warehouse.name}（${d.warehouse.code}）`,
      outstanding: d.outstanding.map((l) => `${l.partNumber} × ${l.quantity}`),
    },
  };
}

/** The event hook's part for contract and purchase-order events. */
export async function writeRecordDeliveries(uow: UnitOfWork<unknown>, event: PublishedEvent): Promise<void> {
  const trx = uow.trx as unknown as Trx;
  const plan =
    event.type === 'contract.renewal_due'
      ? await renewalPlan(trx, event.data as RenewalDue)
      : await purchaseOrderPlan(trx, event.type, event.data as PurchaseOrderDue);
  const seen = new Set<string>();
  const planned = plan.to
    .filter((r): r is Recipient & { email: string } => Boolean(r.email))
    .filter((r) => !seen.has(r.email) && Boolean(seen.add(r.email)))
    .map((r) => ({
      event_id: event.id,
      case_id: null,
      organisation_id: plan.organisationId,
      channel: 'email' as const,
      recipient: r.email,
      recipient_user_id: r.userId,
      template: plan.template,
      locale: r.locale,
      payload: JSON.stringify({ ...plan.data, thread: plan.thread, linkPath: plan.linkPath }),
    }));
  const rows = await keepWanted(trx, planned, null);
  if (rows.length) {
    await trx
      .insertInto('delivery')
      .values(rows)
      .onConflict((oc) => oc.columns(['event_id', 'channel', 'recipient']).doNothing())
      .execute();
  }
}
