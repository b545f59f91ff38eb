/** Row types of received e-mail and its attachments. */
import type { ColumnType, Generated } from 'kysely';
import type { InboundMailState, MailReasonCode } from '../mail-intake-rules.ts';

/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface MailAddress {
  address: string;
  name: string | null;
}

/** The headers an operator judges a mail by. */
export interface MailHeaders {
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: string | null;
  precedence: string | null;
  returnPath: string | null;
  mailer: string | null;
}

export interface InboundMailTable {
  id: Generated<number>;
  message_id: string;
  source: 'imap' | 'pipe';
  mailbox_id: number | null;
  imap_uid: number | null;
  from_address: string | null;
  from_name: string | null;
  to_addresses: Json<MailAddress[]>;
  cc_addresses: Json<MailAddress[]>;
  reply_to: Json<MailAddress[]>;
  subject: string;
  sent_at: Date | null;
  received_at: Date;
  state: InboundMailState;
  reason_code: MailReasonCode | null;
  reason: string | null;
  case_id: number | null;
  organisation_id: number | null;
  raw_sha256: string | null;
  raw_gzip: Generated<boolean>;
  raw_size: number;
  text_body: string;
  html_body: string | null;
  headers: Json<MailHeaders>;
  settled_by: number | null;
  settled_at: Date | null;
  settle_note: string | null;
}

export interface InboundMailAttachmentTable {
  id: Generated<number>;
  inbound_mail_id: number;
  position: number;
  file_name: string;
  media_type: string;
  extension: string;
  size: number;
  sha256: string | null;
  skipped: string | null;
  content_id: string | null;
  inline: boolean;
}

export interface MailIntakeTables {
  inbound_mail: InboundMailTable;
  inbound_mail_attachment: InboundMailAttachmentTable;
}
