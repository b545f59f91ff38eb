/**
 * Who hears of what (issue: notifications). Runs inside the transaction of every domain event
 * and writes one outbox row per person and channel, so a message can never be lost between the
 * change and its sending. E-mail for the case life cycle and escalations; SMS and group robots
 * for P1/P2 (channels/channel-delivery-rules.ts). People's preferences decide which of their
 * messages are written (preferences/apply-preferences.ts).
 */
import type { PublishedEvent, UnitOfWork } from '../../../platform/events/domain-events.ts';
import {
  beijingTime,
  contactOf,
  staffByIds,
  staffByRoles,
  staffByRolesInBranch,
  type Recipient,
  type Trx,
} from './recipients.ts';
import { RECORD_EVENTS, writeRecordDeliveries } from './record-delivery-rules.ts';
import { channelDeliveries } from './channels/channel-delivery-rules.ts';
import { channelSettingsValue } from './channels/channel-settings.ts';
import { keepWanted } from './preferences/apply-preferences.ts';

const CASE_EVENTS = new Set([
  'case.opened',
  'case.assigned',
  'case.transferred',
  'case.replied',
  'case.resolved',
  'case.closed',
  'case.escalated',
]);

/** RMA events that reach people (the RMA hangs on a case: its number threads the mail). */
const RMA_EVENTS = new Set([
  'rma.requested',
  'rma.confirmed',
  'rma.issued_from_stock',
  'rma.vendor_part_received',
  'rma.return_due_soon',
  'rma.return_overdue',
]);

/** The event hook: writes the deliveries an event calls for. */
export async function writeDeliveries(uow: UnitOfWork<unknown>, event: PublishedEvent): Promise<void> {
  if (RECORD_EVENTS.has(event.type)) return writeRecordDeliveries(uow, event);
  const isRma = RMA_EVENTS.has(event.type);
  if (!CASE_EVENTS.has(event.type) && !isRma) return;
  const trx = uow.trx as unknown as Trx;
  const rmaData = isRma
    ? (event.data as {
        caseId: number;
        number: string;
        branchId: number | null;
        returnDueAt?: string;
        roles?: string[];
      })
    : undefined;
  const c = await trx
    .selectFrom('support_case')
    .innerJoin('organisation', 'organisation.id', 'support_case.organisation_id')
    .select([
      'support_case.id',
      'support_case.number',
      'support_case.title',
      'support_case.priority',
      'support_case.channel',
      'support_case.contact_id',
      'support_case.assignee_id',
      'support_case.owner_id',
      'support_case.organisation_id',
      'organisation.name as organisation',
      // Read here, in the same statement: the SMS and robot rules need it for every case event.
      channelSettingsValue.as('channel_settings'),
    ])
    .where('support_case.id', '=', rmaData ? rmaData.caseId : Number(event.subjectId))
    .executeTakeFirst();
  if (!c) return;
  const base = { number: c.number, title: c.title, priority: c.priority, organisation: c.organisation };
  const plan: Array<{
    to: Recipient[];
    template: string;
    portal: boolean;
    /** Appended to the link, e.g. the portal's survey prompt. */
    query?: string;
    extra?: Record<string, unknown>;
  }> = [];
  const byCustomer = uow.ctx.actor.kind === 'contact';

  switch (event.type) {
    case 'case.opened':
      plan.push({ to: await contactOf(trx, c.contact_id), template: 'case.opened', portal: true });
      if (c.assignee_id)
        plan.push({ to: await staffByIds(trx, [c.assignee_id]), template: 'case.assigned', portal: false });
      // A case from the web portal: the hotline and the duty engineer must pick it up.
      if (c.channel === 'web')
        plan.push({
          to: await staffByRoles(trx, ['hotline_operator', 'duty_engineer']),
          template: 'case.new_web',
          portal: false,
        });
      break;
    case 'case.assigned':
    case 'case.transferred': {
      const to = (event.after as { assigneeId?: number | null } | undefined)?.assigneeId;
      if (to) plan.push({ to: await staffByIds(trx, [to]), template: 'case.assigned', portal: false });
      break;
    }
    case 'case.replied': {
      const entryId = (event.after as { entryId?: number } | undefined)?.entryId;
      const entry = entryId
        ? await trx.selectFrom('case_entry').select('body').where('id', '=', entryId).executeTakeFirst()
        : undefined;
      const extra = { body: entry?.body ?? '' };
      if (byCustomer) {
        const staffId = c.assignee_id ?? c.owner_id;
        if (staffId)
          plan.push({ to: await staffByIds(trx, [staffId]), template: 'case.replied', portal: false, extra });
      } else
        plan.push({ to: await contactOf(trx, c.contact_id), template: 'case.replied', portal: true, extra });
      break;
    }
    case 'case.resolved':
      plan.push({ to: await contactOf(trx, c.contact_id), template: 'case.resolved', portal: true });
      break;
    case 'case.closed':
      // A customer who closed the case themselves is on the portal already.
      if (!byCustomer)
        plan.push({
          to: await contactOf(trx, c.contact_id),
          template: 'case.closed',
          portal: true,
          query: '?survey=1',
        });
      break;
    case 'case.escalated': {
      const data = event.data as { recipients?: number[]; elapsedMinutes?: number };
      plan.push({
        to: await staffByIds(trx, data.recipients ?? []),
        template: 'case.escalated',
        portal: false,
        extra: { elapsedMinutes: data.elapsedMinutes },
      });
      break;
    }
  }

  if (rmaData) {
    const rma = await trx
      .selectFrom('rma')
      .innerJoin('spare_part', 'spare_part.id', 'rma.part_id')
      .select(['rma.source', 'spare_part.part_number'])
      .where('rma.id', '=', Number(event.subjectId))
      .executeTakeFirst();
    const extra = {
      rma: rmaData.number,
      part: rma?.part_number ?? '',
      dueAt: rmaData.returnDueAt ? beijingTime(rmaData.returnDueAt) : '',
    };
    const engineer = c.assignee_id ?? c.owner_id;
    const clerks = () => staffByRolesInBranch(trx, ['spare_parts_clerk'], rmaData.branchId);
    switch (event.type) {
      case 'rma.requested':
        plan.push({
          to: await contactOf(trx, c.contact_id),
          template: 'rma.confirm_request',
          portal: true,
          extra,
        });
        break;
      case 'rma.confirmed':
        plan.push({ to: await clerks(), template: 'rma.stock_check', portal: false, extra });
        break;
      case 'rma.vendor_part_received':
      case 'rma.issued_from_stock':
        // With a spare already issued from stock, the vendor's part only replenishes the store.
        if (event.type === 'rma.vendor_part_received' && rma?.source !== 'vendor') break;
        if (engineer)
          plan.push({
            to: await staffByIds(trx, [engineer]),
            template: 'rma.part_ready',
            portal: false,
            extra,
          });
        break;
      case 'rma.return_due_soon':
        plan.push({ to: await clerks(), template: 'rma.return_due_soon', portal: false, extra });
        break;
      case 'rma.return_overdue': {
        const managers = (rmaData.roles ?? []).filter((r) => r !== 'spare_parts_clerk');
        plan.push({
          to: [...(await clerks()), ...(await staffByRolesInBranch(trx, managers, rmaData.branchId))],
          template: 'rma.return_overdue',
          portal: false,
          extra,
        });
        break;
      }
    }
  }

  // The link is a path; the sender makes it absolute with the configured public URL.
  const payload = (p: { portal: boolean; query?: string; extra?: Record<string, unknown> }) =>
    JSON.stringify({
      ...base,
      ...p.extra,
      caseId: c.id,
      linkPath: `${p.portal ? `/portal/cases/${c.id}` : `/cases/${c.id}`}${p.query ?? ''}`,
    });
  const planned = [
    ...plan.flatMap((p) =>
      p.to
        .filter((r): r is Recipient & { email: string } => Boolean(r.email))
        .map((r) => ({
          event_id: event.id,
          case_id: c.id,
          organisation_id: c.organisation_id,
          channel: 'email' as const,
          recipient: r.email,
          recipient_user_id: r.userId,
          template: p.template,
          locale: r.locale,
          payload: payload(p),
        })),
    ),
    // P1/P2 by SMS too, and the group robots and webhooks that follow the event.
    ...(isRma ? [] : await channelDeliveries(trx, event, c, plan, payload)),
  ];
  // What a person switched off is not written at all (mandatory messages always are).
  const rows = await keepWanted(trx, planned, c.priority);
  if (rows.length) {
    await trx
      .insertInto('delivery')
      .values(rows)
      .onConflict((oc) => oc.columns(['event_id', 'channel', 'recipient']).doNothing())
      .execute();
  }
}
