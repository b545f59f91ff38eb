/** Received mail as the API shows it: the list rows and the full record an operator reads. */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import type { inboundMailSchema, inboundMailSummarySchema } from '../mail-intake.api.ts';
import { mailDisplayHtml } from './mail-display-html.ts';
import { mailIntakePolicy } from './mail-intake.policy.ts';

type Summary = z.output<typeof inboundMailSummarySchema>;
type Detail = z.output<typeof inboundMailSchema>;

export const attachmentDownloadUrl = (attachmentId: number | string) =>
  `/api/inbound-mail/attachments/${attachmentId}/download`;
export const rawDownloadUrl = (mailId: number) => `/api/inbound-mail/${mailId}/raw`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('inbound_mail')
    .leftJoin('organisation', 'organisation.id', 'inbound_mail.organisation_id')
    .leftJoin('support_case', 'support_case.id', 'inbound_mail.case_id')
    .leftJoin('app_user as settler', 'settler.id', 'inbound_mail.settled_by')
    .selectAll('inbound_mail')
    .select([
      'organisation.name as organisation_name',
      'support_case.number as case_number',
      'settler.display_name as settled_by_name',
      sql<string>`(select count(*) from inbound_mail_attachment a where a.inbound_mail_id = inbound_mail.id)`.as(
        'attachment_count',
      ),
    ]);
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirst']>>>;

function summary(r: Row): Summary {
  return {
    id: r.id,
    state: r.state,
    reasonCode: r.reason_code,
    reason: r.reason,
    source: r.source,
    mailboxId: r.mailbox_id,
    messageId: r.message_id,
    from: r.from_address ? { address: r.from_address, name: r.from_name } : null,
    to: r.to_addresses,
    subject: r.subject,
    date: iso(r.sent_at),
    receivedAt: r.received_at.toISOString(),
    attachmentCount: Number(r.attachment_count),
    organisation:
      r.organisation_id === null ? null : { id: r.organisation_id, name: r.organisation_name ?? '' },
    case: r.case_id === null ? null : { id: r.case_id, number: r.case_number ?? '' },
  };
}

/** The list rows of these ids, in the order given. */
export async function presentInboundMails(db: Kysely<Database>, ids: number[]): Promise<Summary[]> {
  if (ids.length === 0) return [];
  const rows = await summaryQuery(db).where('inbound_mail.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [summary(r)] : [];
  });
}

/**
 * One mail with its bodies (and the HTML to display, inline images embedded: `files` reads them),
 * attachments and the contacts its sender's address belongs to.
 */
export async function presentInboundMail(
  db: Kysely<Database>,
  files: FileStore,
  id: number,
  actor: Actor,
): Promise<Detail | undefined> {
  const r = await summaryQuery(db).where('inbound_mail.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const attachments = await db
    .selectFrom('inbound_mail_attachment')
    .selectAll()
    .where('inbound_mail_id', '=', id)
    .orderBy('position')
    .execute();
  const senderContacts = r.from_address
    ? await db
        .selectFrom('contact')
        .innerJoin('organisation', 'organisation.id', 'contact.organisation_id')
        .select([
          'contact.id',
          'contact.name',
          'organisation.id as organisation_id',
          'organisation.name as organisation_name',
          'organisation.active as organisation_active',
        ])
        .where(sql<string>`lower(contact.email)`, '=', r.from_address)
        .where('contact.active', '=', true)
        .orderBy('contact.id')
        .limit(20)
        .execute()
    : [];
  const open = r.state === 'quarantined';
  const views = attachments.map((a) => ({
    id: a.id,
    fileName: a.file_name,
    mediaType: a.media_type,
    size: Number(a.size),
    inline: a.inline,
    downloadUrl: a.sha256 ? attachmentDownloadUrl(a.id) : null,
    skipped: a.skipped,
  }));
  return {
    ...summary(r),
    cc: r.cc_addresses,
    replyTo: r.reply_to,
    headers: r.headers,
    text: r.text_body,
    html: r.html_body,
    displayHtml:
      r.html_body === null
        ? null
        : await mailDisplayHtml(
            r.html_body,
            views.map((v, i) => ({ ...v, sha256: attachments[i]!.sha256 })),
            files,
          ),
    attachments: views,
    rawDownloadUrl: r.raw_sha256 ? rawDownloadUrl(r.id) : null,
    rawSize: Number(r.raw_size),
    senderContacts: senderContacts.map((c) => ({
      id: c.id,
      name: c.name,
      organisation: { id: c.organisation_id, name: c.organisation_name, active: c.organisation_active },
    })),
    settledBy: r.settled_by === null ? null : { id: r.settled_by, name: r.settled_by_name ?? '' },
    settledAt: iso(r.settled_at),
    settleNote: r.settle_note,
    abilities: {
      accept: open && mailIntakePolicy.canSettleMail(actor),
      reject: open && mailIntakePolicy.canSettleMail(actor),
    },
  };
}
