/** An operator rejects a quarantined mail (spam, a wrong address): kept for the record, opens nothing. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { claimQuarantinedMail } from './claim-quarantined-mail.ts';
import { settler } from './accept-inbound-mail.ts';

export async function rejectInboundMail(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  mailId: number;
  reason: string;
  now: Date;
}): Promise<void> {
  const { db, ctx, now } = opts;
  await inTransaction(db, ctx, async (uow) => {
    const mail = await claimQuarantinedMail(uow, opts.mailId);
    await uow.trx
      .updateTable('inbound_mail')
      .set({
        state: 'rejected',
        reason_code: 'operator',
        reason: opts.reason,
        settle_note: opts.reason,
        settled_by: settler(ctx),
        settled_at: now,
      })
      .where('id', '=', mail.id)
      .execute();
    await recordEvent(uow, {
      type: 'inbound_mail.rejected',
      subjectType: 'inbound_mail',
      subjectId: mail.id,
      before: { state: 'quarantined', reasonCode: mail.reason_code, reason: mail.reason },
      after: { state: 'rejected', reasonCode: 'operator' },
      data: { reason: opts.reason },
    });
  });
}
