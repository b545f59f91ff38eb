/** Takes a quarantined mail for settling, in the caller's transaction: only one operator wins. */
import type { Selectable } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { UnitOfWork } from '../../../../platform/events/domain-events.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { mailIntakePolicy } from '../mail-intake.policy.ts';
import type { InboundMailTable } from '../mail-intake.tables.ts';

export type InboundMailRow = Selectable<InboundMailTable>;

/** The mail, locked, if the actor may settle it; 409 when it is not (or no longer) in quarantine. */
export async function claimQuarantinedMail(uow: UnitOfWork<Database>, id: number): Promise<InboundMailRow> {
  if (!mailIntakePolicy.canSettleMail(uow.ctx.actor))
    throw new AppError('forbidden', 'intake staff and administrators only');
  const mail = await uow.trx
    .selectFrom('inbound_mail')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!mail) throw notFound('mail');
  if (mail.state !== 'quarantined')
    throw new AppError(
      'conflict',
      `the mail is ${mail.state}; only a quarantined mail can be accepted or rejected`,
      { zh: '此邮件已处理，只有待处理的邮件可以接收或拒收' },
    );
  return mail;
}
