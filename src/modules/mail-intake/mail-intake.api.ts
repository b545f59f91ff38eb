/**
 * HTTP contracts of inbound e-mail: the mail-gate an MTA pipes messages to, and the record of every
 * message received (IMAP or pipe) with the quarantine an operator works through — read the mail
 * (sanitised HTML, text, attachments, the original .eml), accept it as a new case or as a reply on
 * a case, or reject it.
 */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { INBOUND_MAIL_STATES, MAIL_INGEST_OUTCOMES, MAIL_REASON_CODES } from './mail-intake-rules.ts';

export { idParams, INBOUND_MAIL_STATES, MAIL_INGEST_OUTCOMES, MAIL_REASON_CODES };
const id = idField;

/** `/api/inbound-mail/:id/attachments/:attachmentId` path parameters. */
export const attachmentParams = z.object({ id, attachmentId: id });

/** What became of one message given to the mail-gate (also `tacdesk mail ingest`'s answer). */
export const mailIngestResultSchema = z.object({
  outcome: z.enum(MAIL_INGEST_OUTCOMES),
  inboundMailId: z.number().nullable(),
  caseId: z.number().nullable(),
  /** The reason code of a quarantined, ignored or rejected message (null when opened or replied). */
  reason: z.string().nullable(),
});

export const inboundMailListQuery = z.object({
  /** Omitted: every state. The quarantine screen asks for `quarantined`. */
  state: z.enum(INBOUND_MAIL_STATES).optional(),
  /** Keyset cursor: the last id of the previous page. */
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const address = z.object({ address: z.string(), name: z.string().nullable() });
const named = z.object({ id: z.number(), name: z.string() });

/** One row of the list. */
export const inboundMailSummarySchema = z.object({
  id: z.number(),
  state: z.enum(INBOUND_MAIL_STATES),
  /** Why it was quarantined, ignored or rejected (kept after an operator accepts it). */
  reasonCode: z.enum(MAIL_REASON_CODES).nullable(),
  /** Details of the reason, e.g. which organisations share the address; not translated. */
  reason: z.string().nullable(),
  source: z.enum(['imap', 'pipe']),
  mailboxId: z.number().nullable(),
  messageId: z.string(),
  from: address.nullable(),
  to: z.array(address),
  subject: z.string(),
  /** The Date header, when it parsed. */
  date: z.string().nullable(),
  receivedAt: z.string(),
  attachmentCount: z.number(),
  organisation: named.nullable(),
  case: z.object({ id: z.number(), number: z.string() }).nullable(),
});

export const inboundMailListSchema = z.object({
  items: z.array(inboundMailSummarySchema),
  nextBefore: z.number().nullable(),
});

export const inboundMailAttachmentSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  /** Shown in the body (`cid:`) rather than listed as a file by the sender's client. */
  inline: z.boolean(),
  /** Null when the file was not kept (see `skipped`). */
  downloadUrl: z.string().nullable(),
  /** Why the file was not kept, e.g. an executable the attachment store refuses. */
  skipped: z.string().nullable(),
});

/** A contact whose e-mail address is the sender's (several when the address is ambiguous). */
export const senderContactSchema = z.object({
  id: z.number(),
  name: z.string(),
  organisation: named.extend({ active: z.boolean() }),
});

export const inboundMailSchema = inboundMailSummarySchema.extend({
  cc: z.array(address),
  replyTo: z.array(address),
  /** Headers an operator judges a mail by. */
  headers: z.object({
    inReplyTo: z.string().nullable(),
    references: z.array(z.string()),
    autoSubmitted: z.string().nullable(),
    precedence: z.string().nullable(),
    returnPath: z.string().nullable(),
    mailer: z.string().nullable(),
  }),
  /** Plain-text part (or the HTML part turned into text). */
  text: z.string(),
  /**
   * The HTML part, sanitised: no scripts, event handlers, frames, forms or remote loads; inline
   * images point at `downloadUrl`s of this mail's attachments. Null when the mail had none.
   */
  html: z.string().nullable(),
  /**
   * `html` as the quarantine viewer shows it in its sandboxed frame: the mail's inline raster
   * images (up to 1 MiB each, 4 MiB a mail) embedded as `data:` URIs, since a sandboxed frame's
   * requests carry no session. Larger images keep their `downloadUrl`. Null when `html` is.
   */
  displayHtml: z.string().nullable(),
  attachments: z.array(inboundMailAttachmentSchema),
  /** The original message as received (.eml); null if it could not be kept. */
  rawDownloadUrl: z.string().nullable(),
  rawSize: z.number(),
  senderContacts: z.array(senderContactSchema),
  /** Who accepted or rejected it, when, with what note. */
  settledBy: named.nullable(),
  settledAt: z.string().nullable(),
  settleNote: z.string().nullable(),
  abilities: z.object({ accept: z.boolean(), reject: z.boolean() }),
});

/**
 * Accepting a quarantined mail: as a new case for a chosen organisation (with a chosen contact,
 * a contact created from the sender, or none), or as a customer reply on a chosen case.
 */
export const acceptInboundMailBody = z.discriminatedUnion('as', [
  z
    .object({
      as: z.literal('case'),
      organisationId: id,
      contactId: id.nullish(),
      /** Add the sender as a contact of the organisation and open the case for them. */
      createContact: z.boolean().default(false),
      /** The new contact's name; else the sender's display name (or the address). */
      contactName: z.string().trim().min(1).max(100).optional(),
      priority: z.number().int().min(1).max(4).default(3),
    })
    .refine((b) => !(b.createContact && b.contactId), {
      message: withZh('either contactId or createContact', '选择已有联系人或新建联系人，二者只能选一'),
      path: ['createContact'],
    }),
  z.object({ as: z.literal('reply'), caseId: id }),
]);

export const rejectInboundMailBody = z.object({
  reason: z.string().trim().min(1).max(500),
});
