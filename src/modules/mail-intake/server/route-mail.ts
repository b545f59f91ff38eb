/**
 * Where a received mail goes, decided and done inside the ingest's transaction: a reply on the
 * case it refers to (case number in the subject, or our Message-IDs in In-Reply-To/References)
 * when a party of that case sent it; else a new case for the sender's customer; else the
 * quarantine, with the reason. A flood of mail from one address stops at the quarantine too.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { UnitOfWork } from '../../../platform/events/domain-events.ts';
import type { MailReasonCode } from '../mail-intake-rules.ts';
import {
  addMailReplyIn,
  loadReplyTarget,
  openMailCaseIn,
  replyRefusal,
  senderAsParty,
  type MailForCase,
} from './mail-case-actions.ts';
import type { ParsedInboundMail } from './parse-mail.ts';
import { caseNumberIn } from '../../cases/case-number.ts';

/** What became of the mail: the row's new state, its reason, its case and customer. */
export interface MailDecision {
  state: 'opened' | 'replied' | 'quarantined';
  reasonCode: MailReasonCode | null;
  reason: string | null;
  caseId: number | null;
  organisationId: number | null;
}

/** More than this many mails from one address within FLOOD_WINDOW_MS: the rest wait in quarantine. */
export const FLOOD_LIMIT = 20;
export const FLOOD_WINDOW_MS = 10 * 60_000;
/** A new case from a mail: P3 until someone triages it (DOMAIN.md: a normal fault). */
const MAIL_CASE_PRIORITY = 3;

const quarantine = (
  reasonCode: MailReasonCode,
  reason: string,
  organisationId: number | null = null,
): MailDecision => ({ state: 'quarantined', reasonCode, reason, caseId: null, organisationId });

export async function routeMail(
  uow: UnitOfWork<Database>,
  opts: { mail: ParsedInboundMail; forCase: MailForCase; now: Date },
): Promise<MailDecision> {
  const { mail, forCase, now } = opts;
  const trx = uow.trx;
  const from = mail.from?.address;
  if (!from) return quarantine('no_sender', 'the From header names no usable address');
  const recent = await countRecentFrom(trx, from, now);
  if (recent > FLOOD_LIMIT)
    return quarantine('flood', `${recent} mails from ${from} within ${FLOOD_WINDOW_MS / 60_000} minutes`);

  const referenced = await referencedCaseId(trx, mail);
  const target = referenced === null ? undefined : await loadReplyTarget(trx, referenced);
  if (target) {
    const party = await senderAsParty(trx, from, target.organisation_id);
    if (!party)
      return quarantine(
        'not_case_party',
        `${from} is neither a contact of ${target.number}'s customer nor staff`,
      );
    const refusal = await replyRefusal(trx, target, now);
    if (refusal) return quarantine('case_closed', refusal.message, target.organisation_id);
    const asSender = { trx, pending: uow.pending, ctx: { ...uow.ctx, actor: party } };
    await addMailReplyIn(asSender, { target, mail: forCase, now });
    return {
      state: 'replied',
      reasonCode: null,
      reason: null,
      caseId: target.id,
      organisationId: target.organisation_id,
    };
  }

  const contacts = await contactsByAddress(trx, from);
  if (contacts.length === 0) return quarantine('unknown_sender', `${from} is not the e-mail of any contact`);
  const organisations = [...new Map(contacts.map((c) => [c.organisation_id, c])).values()];
  if (organisations.length > 1)
    return quarantine(
      'ambiguous_sender',
      `${from} is a contact of ${organisations.map((o) => o.organisation_name).join(', ')}`,
    );
  const contact = contacts[0]!;
  if (!contact.organisation_active)
    return quarantine(
      'inactive_organisation',
      `${contact.organisation_name} is inactive`,
      contact.organisation_id,
    );
  try {
    const caseId = await openMailCaseIn(uow, {
      mail: forCase,
      organisationId: contact.organisation_id,
      contactId: contact.id,
      priority: MAIL_CASE_PRIORITY,
      now,
    });
    return {
      state: 'opened',
      reasonCode: null,
      reason: null,
      caseId,
      organisationId: contact.organisation_id,
    };
  } catch (error) {
    // The cases module's checks refused it before writing anything: a person decides.
    if (!(error instanceof AppError)) throw error;
    return quarantine('case_refused', error.message, contact.organisation_id);
  }
}

async function countRecentFrom(trx: Transaction<Database>, address: string, now: Date): Promise<number> {
  const { n } = await trx
    .selectFrom('inbound_mail')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<string>`lower(from_address)`, '=', address)
    .where('received_at', '>', new Date(now.getTime() - FLOOD_WINDOW_MS))
    .executeTakeFirstOrThrow();
  return Number(n);
}

const CASE_THREAD = /^<tacdesk-case-(\d{1,15})@/i;
const DELIVERY = /^<tacdesk-delivery-(\d{1,15})@/i;

/** The case a mail answers: our thread or delivery ids (newest first), else a number in the subject. */
async function referencedCaseId(trx: Transaction<Database>, mail: ParsedInboundMail): Promise<number | null> {
  const ids = [mail.headers.inReplyTo, ...[...mail.headers.references].reverse()].filter(
    (id): id is string => id !== null,
  );
  for (const id of ids) {
    const thread = CASE_THREAD.exec(id);
    if (thread) return Number(thread[1]);
    const delivery = DELIVERY.exec(id);
    if (delivery) {
      const row = await trx
        .selectFrom('delivery')
        .select('case_id')
        .where('id', '=', Number(delivery[1]))
        .executeTakeFirst();
      if (row?.case_id) return row.case_id;
    }
  }
  const number = caseNumberIn(mail.subject);
  if (!number) return null;
  const c = await trx.selectFrom('support_case').select('id').where('number', '=', number).executeTakeFirst();
  return c?.id ?? null;
}

async function contactsByAddress(trx: Transaction<Database>, address: string) {
  return trx
    .selectFrom('contact')
    .innerJoin('organisation', 'organisation.id', 'contact.organisation_id')
    .select([
      'contact.id',
      'contact.organisation_id',
      'organisation.name as organisation_name',
      'organisation.active as organisation_active',
    ])
    .where(sql<string>`lower(contact.email)`, '=', address)
    .where('contact.active', '=', true)
    .orderBy('contact.id')
    .execute();
}
