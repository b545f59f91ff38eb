/**
 * The outbox list for administrators: filters and keyset paging in the query, the case number by
 * a join, and a digest's lines read from its payload (what the robot was sent, or will be). A
 * problem code this version does not know (or none, on rows failed before codes) leaves the
 * last error's own words to tell it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { isChannelProblem } from '../channel-problems.api.ts';
import type { Delivery, DeliveryListQuery } from '../deliveries.api.ts';
import type { DigestItem } from './channels/chat-templates.ts';
import { DIGEST_TEMPLATE } from './channels/channel-dispatcher.ts';

export async function listDeliveries(db: Kysely<Database>, f: DeliveryListQuery): Promise<Delivery[]> {
  let query = db
    .selectFrom('delivery as d')
    .leftJoin('support_case as c', 'c.id', 'd.case_id')
    .selectAll('d')
    .select('c.number as case_number');
  if (f.status) query = query.where('d.status', '=', f.status);
  if (f.channel) query = query.where('d.channel', '=', f.channel);
  if (f.caseId) query = query.where('d.case_id', '=', f.caseId);
  if (f.before) query = query.where('d.id', '<', f.before);
  const rows = await query.orderBy('d.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    channel: r.channel,
    recipient: r.recipient,
    template: r.template,
    locale: r.locale,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    lastError: r.last_error,
    lastProblem: isChannelProblem(r.last_error_problem)
      ? { problem: r.last_error_problem, params: r.last_error_params ?? {} }
      : null,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    foldedIntoId: r.folded_into_id,
    digest: r.template === DIGEST_TEMPLATE ? digestLines(r.payload) : null,
  }));
}

function digestLines(payload: unknown): Delivery['digest'] {
  const items = (payload as { items?: unknown }).items;
  if (!Array.isArray(items)) return [];
  return (items as Partial<DigestItem>[]).map((i) => ({
    deliveryId: Number(i.deliveryId ?? 0),
    title: String(i.title ?? ''),
  }));
}
