/**
 * An operator takes a mail out of quarantine: as a new case for the customer they chose (with a
 * chosen contact, or the sender added as a new contact), or as the customer's reply on a case they
 * chose. The claim, the case or reply and the record's new state commit together; a mail already
 * settled (by someone else meanwhile, too) answers 409.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { Actor, RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import type { acceptInboundMailBody } from '../../mail-intake.api.ts';
import {
  addMailReplyIn,
  loadReplyTarget,
  openMailCaseIn,
  replyRefusal,
  senderAsParty,
  type MailForCase,
} from '../mail-case-actions.ts';
import { clip } from '../parse-mail.ts';
import { addContactIn } from '../../../organisations/server/index.ts';
import { claimQuarantinedMail, type InboundMailRow } from './claim-quarantined-mail.ts';

export async function acceptInboundMail(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  mailId: number;
  input: z.output<typeof acceptInboundMailBody>;
  now: Date;
}): Promise<void> {
  const { db, ctx, input, now } = opts;
  await inTransaction(db, ctx, async (uow) => {
    const mail = await claimQuarantinedMail(uow, opts.mailId);
    const forCase = await mailForCase(uow, mail);
    let caseId: number;
    let organisationId: number;
    if (input.as === 'case') {
      organisationId = input.organisationId;
      const contactId = input.createContact
        ? await addSenderAsContact(uow, mail, organisationId, input.contactName)
        : (input.contactId ?? null);
      caseId = await openMailCaseIn(uow, {
        mail: forCase,
        organisationId,
        contactId,
        priority: input.priority,
        now,
      });
    } else {
      const target = await loadReplyTarget(uow.trx, input.caseId);
      if (!target) throw invalidField('body.caseId', 'no such case', '没有这个案例');
      const refusal = await replyRefusal(uow.trx, target, now);
      if (refusal)
        throw new AppError('conflict', `${refusal.message}; open a new case instead`, {
          zh: `${refusal.zh}，请改为作为新案例接收`,
        });
      const actor =
        (mail.from_address && (await senderAsParty(uow.trx, mail.from_address, target.organisation_id))) ||
        senderOutsideContacts(mail, target.organisation_id);
      await addMailReplyIn({ ...uow, ctx: { ...ctx, actor } }, { target, mail: forCase, now });
      caseId = target.id;
      organisationId = target.organisation_id;
    }
    await uow.trx
      .updateTable('inbound_mail')
      .set({
        state: 'accepted',
        case_id: caseId,
        organisation_id: organisationId,
        settled_by: settler(ctx),
        settled_at: now,
      })
      .where('id', '=', mail.id)
      .execute();
    await recordEvent(uow, {
      type: 'inbound_mail.accepted',
      subjectType: 'inbound_mail',
      subjectId: mail.id,
      organisationId,
      before: { state: 'quarantined', reasonCode: mail.reason_code },
      after: { state: 'accepted', as: input.as, caseId },
    });
  });
}

export const settler = (ctx: RequestContext) => (ctx.actor.kind === 'staff' ? ctx.actor.userId : null);

async function mailForCase(uow: UnitOfWork<Database>, mail: InboundMailRow): Promise<MailForCase> {
  const files = await uow.trx
    .selectFrom('inbound_mail_attachment')
    .select(['sha256', 'size', 'media_type', 'file_name'])
    .where('inbound_mail_id', '=', mail.id)
    .where('sha256', 'is not', null)
    .orderBy('position')
    .execute();
  return {
    inboundMailId: mail.id,
    subject: mail.subject,
    text: mail.text_body,
    files: files.map((f) => ({
      sha256: f.sha256!,
      size: Number(f.size),
      mediaType: f.media_type,
      fileName: f.file_name,
    })),
  };
}

/**
 * The sender as a new contact of the customer, so their next mail opens a case by itself; through
 * the organisations module, so its rules (who may add contacts) hold here too.
 */
async function addSenderAsContact(
  uow: UnitOfWork<Database>,
  mail: InboundMailRow,
  organisationId: number,
  name: string | undefined,
): Promise<number> {
  if (!mail.from_address)
    throw invalidField('body.createContact', 'the mail names no sender address', '邮件没有发件人地址');
  const contact = await addContactIn(uow, organisationId, {
    name: clip(name ?? mail.from_name ?? mail.from_address, 100),
    email: mail.from_address,
    preferredChannel: 'email',
  });
  return contact.id;
}

/** Someone of the customer's side who is not (yet) a contact: the reply is theirs, not the operator's. */
function senderOutsideContacts(mail: InboundMailRow, organisationId: number): Actor {
  const address = mail.from_address ?? '?';
  return {
    kind: 'contact',
    userId: null,
    organisationId,
    contactId: null,
    label: mail.from_name ? `${mail.from_name} <${address}>` : address,
    tokenId: null,
  };
}
