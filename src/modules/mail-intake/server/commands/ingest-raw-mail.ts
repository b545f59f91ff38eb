/**
 * Takes one raw message from IMAP or the mail-gate and records it exactly once (keyed by its
 * Message-ID), with the original and its attachments in the file store, then routes it
 * (route-mail.ts) in the same transaction. Bad input never throws: it ends as a rejected or
 * ignored record with the reason. Only infrastructure failures throw, so the caller keeps the
 * message and tries again later.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Database } from '../../../../app/database-schema.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import type { FileStore, StoredFile } from '../../../../platform/files/file-store.ts';
import type { MailReasonCode } from '../../mail-intake-rules.ts';
import type { MailIngestDeps, MailIngestResult, MailSource } from '../index.ts';
import { mailIntakeContext } from '../mail-case-actions.ts';
import { mailNoise } from '../mail-noise.ts';
import {
  clip,
  parseMail,
  parseMailHeaders,
  synthesisedMessageId,
  type MailPart,
  type ParsedInboundMail,
} from '../parse-mail.ts';
import { routeMail, type MailDecision } from '../route-mail.ts';
import { sanitizeMailHtml } from '../sanitize-mail-html.ts';
import { attachmentDownloadUrl } from '../mail-intake.presenter.ts';

/** TACDESK_MAIL_MAX_BYTES's default. */
export const DEFAULT_MAIL_MAX_BYTES = 30 * 1024 * 1024;

interface Rejection {
  code: Extract<MailReasonCode, 'too_large' | 'unparsable' | 'unstorable'>;
  detail: string;
}

interface KeptPart {
  part: MailPart;
  stored: StoredFile | null;
  skipped: string | null;
}

export async function ingestRawMail(
  deps: MailIngestDeps,
  raw: Buffer,
  source: MailSource,
): Promise<MailIngestResult> {
  const maxBytes = deps.maxBytes ?? DEFAULT_MAIL_MAX_BYTES;
  const now = deps.clock();
  const { mail, rejection: parseRejection } = await readMail(raw, maxBytes);

  // Seen before (an IMAP poll after a crash, an MTA retry): nothing to store or write.
  const seen = await findByMessageId(deps, mail.messageId);
  if (seen) return seen;

  let rejection = parseRejection;
  let rawFile: KeptRaw | null = null;
  if (!rejection) {
    try {
      rawFile = await keepRaw(deps.files, raw, maxBytes);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      rejection = { code: 'unstorable', detail: error.message };
    }
  }
  const parts = rejection ? [] : await keepAttachments(deps.files, mail.attachments, maxBytes);
  // Sanitised before the transaction; attachment ids are filled in once the rows exist.
  const html =
    !rejection && mail.html
      ? await sanitizeMailHtml(mail.html, (cid) => {
          const i = parts.findIndex((p) => p.stored && p.part.contentId === cid);
          return i < 0 ? null : attachmentDownloadUrl(placeholder(i));
        })
      : null;
  const noise = rejection ? null : mailNoise(mail);

  const row = { mail, source, raw, rawFile, parts, html, now };
  try {
    return await inTransaction(deps.db, mailIntakeContext(), (uow) =>
      recordMail(uow, row, async (forCase) => {
        if (rejection) return settled('rejected', rejection.code, rejection.detail);
        if (noise) return settled('ignored', noise.code, noise.detail);
        return routeMail(uow, { mail, forCase, now });
      }),
    );
  } catch (error) {
    // A refusal the checks before the writes did not foresee rolled everything back: the mail is
    // kept for a person rather than retried forever by the poller or the MTA.
    if (!(error instanceof AppError)) throw error;
    deps.log?.warn({ err: error, messageId: mail.messageId }, 'mail could not be routed; quarantined');
    return inTransaction(deps.db, mailIntakeContext(), (uow) =>
      recordMail(uow, row, async () => ({
        state: 'quarantined',
        reasonCode: 'case_refused',
        reason: error.message,
        caseId: null,
        organisationId: null,
      })),
    );
  }
}

function settled(state: 'rejected' | 'ignored', reasonCode: MailReasonCode, reason: string) {
  return { state, reasonCode, reason, caseId: null, organisationId: null };
}

/** The parsed mail, or as much of it as names it, with why it cannot be taken. */
async function readMail(
  raw: Buffer,
  maxBytes: number,
): Promise<{ mail: ParsedInboundMail; rejection: Rejection | null }> {
  if (raw.length === 0)
    return { mail: bareMail(raw), rejection: { code: 'unparsable', detail: 'empty message' } };
  if (raw.length > maxBytes) {
    const detail = `${raw.length} bytes; at most ${maxBytes} are accepted`;
    return {
      mail: await parseMailHeaders(raw).catch(() => bareMail(raw)),
      rejection: { code: 'too_large', detail },
    };
  }
  try {
    return { mail: await parseMail(raw), rejection: null };
  } catch (error) {
    const detail = error instanceof Error ? clip(error.message, 500) : 'unreadable';
    return {
      mail: await parseMailHeaders(raw).catch(() => bareMail(raw)),
      rejection: { code: 'unparsable', detail },
    };
  }
}

function bareMail(raw: Buffer): ParsedInboundMail {
  return {
    messageId: synthesisedMessageId(raw),
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    subject: '',
    date: null,
    text: '',
    html: null,
    headers: {
      inReplyTo: null,
      references: [],
      autoSubmitted: null,
      precedence: null,
      returnPath: null,
      mailer: null,
    },
    noise: { xAutoreply: null, xAutorespond: null, xAutoResponseSuppress: null, contentType: 'text/plain' },
    attachments: [],
  };
}

async function findByMessageId(
  deps: Pick<MailIngestDeps, 'db'>,
  messageId: string,
): Promise<MailIngestResult | null> {
  const row = await deps.db
    .selectFrom('inbound_mail')
    .select(['id', 'case_id', 'reason_code'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row
    ? { outcome: 'duplicate', inboundMailId: row.id, caseId: row.case_id, reason: row.reason_code }
    : null;
}

/** Every part into the file store; one the store refuses (an executable, an empty file) is listed as skipped. */
async function keepAttachments(files: FileStore, parts: MailPart[], maxBytes: number): Promise<KeptPart[]> {
  const kept: KeptPart[] = [];
  for (const part of parts) {
    try {
      const stored = await files.put(Readable.from([part.content]), {
        maxBytes,
        declaredName: part.fileName,
        declaredType: part.contentType,
      });
      kept.push({ part, stored, skipped: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      kept.push({ part, stored: null, skipped: clip(error.message, 500) });
    }
  }
  return kept;
}

type KeptRaw = StoredFile & { gzip: boolean };

/**
 * The original into the file store as a mail; one the store will not take as text (8-bit binary
 * parts, stray NULs or control bytes) is kept gzipped rather than lost.
 */
async function keepRaw(files: FileStore, raw: Buffer, maxBytes: number): Promise<KeptRaw> {
  try {
    const stored = await files.put(Readable.from([raw]), {
      maxBytes,
      declaredName: 'message.eml',
      declaredType: 'message/rfc822',
    });
    return { ...stored, gzip: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'unsupported_media_type') throw error;
    const stored = await files.put(Readable.from([gzipSync(raw)]), {
      maxBytes,
      declaredName: 'message.eml.gz',
      declaredType: 'application/gzip',
    });
    return { ...stored, gzip: true };
  }
}

const placeholder = (position: number) => `__attachment_${position}__`;

/** Inserts the mail (or finds it recorded meanwhile), then settles it as `decide` says. */
async function recordMail(
  uow: UnitOfWork<Database>,
  row: {
    mail: ParsedInboundMail;
    source: MailSource;
    raw: Buffer;
    rawFile: KeptRaw | null;
    parts: KeptPart[];
    html: string | null;
    now: Date;
  },
  decide: (
    forCase: Parameters<typeof routeMail>[1]['forCase'],
  ) => Promise<MailDecision | ReturnType<typeof settled>>,
): Promise<MailIngestResult> {
  const { mail, source, parts } = row;
  const inserted = await uow.trx
    .insertInto('inbound_mail')
    .values({
      message_id: mail.messageId,
      source: source.kind,
      mailbox_id: source.kind === 'imap' ? source.mailboxId : null,
      imap_uid: source.kind === 'imap' ? source.uid : null,
      from_address: mail.from?.address ?? null,
      from_name: mail.from?.name ?? null,
      to_addresses: JSON.stringify(mail.to),
      cc_addresses: JSON.stringify(mail.cc),
      reply_to: JSON.stringify(mail.replyTo),
      subject: mail.subject,
      sent_at: mail.date,
      received_at: row.now,
      state: 'quarantined',
      raw_sha256: row.rawFile?.sha256 ?? null,
      raw_gzip: row.rawFile?.gzip ?? false,
      raw_size: row.raw.length,
      text_body: mail.text,
      headers: JSON.stringify(mail.headers),
    })
    // Two ingests of one message at once: the second waits for the first and finds it here.
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return (await findByMessageId({ db: uow.trx }, mail.messageId))!;
  const id = inserted.id;
  const attachments = parts.length
    ? await uow.trx
        .insertInto('inbound_mail_attachment')
        .values(
          parts.map((p, position) => ({
            inbound_mail_id: id,
            position,
            file_name: p.part.fileName,
            media_type: p.stored?.mediaType ?? p.part.contentType,
            extension: p.stored?.extension ?? '',
            size: p.stored?.size ?? p.part.content.length,
            sha256: p.stored?.sha256 ?? null,
            skipped: p.skipped,
            content_id: p.part.contentId,
            inline: p.part.inline,
          })),
        )
        .returning(['id', 'position'])
        .execute()
    : [];
  if (row.html !== null) {
    let html = row.html;
    for (const a of attachments) html = html.replaceAll(placeholder(a.position), String(a.id));
    await uow.trx.updateTable('inbound_mail').set({ html_body: html }).where('id', '=', id).execute();
  }
  const decision = await decide({
    inboundMailId: id,
    subject: mail.subject,
    text: mail.text,
    files: parts.filter((p) => p.stored !== null).map((p) => ({ ...p.stored!, fileName: p.part.fileName })),
  });
  await uow.trx
    .updateTable('inbound_mail')
    .set({
      state: decision.state,
      reason_code: decision.reasonCode,
      reason: decision.reason === null ? null : clip(decision.reason, 2000),
      case_id: decision.caseId,
      organisation_id: decision.organisationId,
    })
    .where('id', '=', id)
    .execute();
  await recordEvent(uow, {
    type: `inbound_mail.${decision.state}`,
    subjectType: 'inbound_mail',
    subjectId: id,
    // A customer's audit trail shows only what reached one of its cases.
    organisationId: decision.caseId === null ? null : decision.organisationId,
    after: {
      state: decision.state,
      reasonCode: decision.reasonCode,
      caseId: decision.caseId,
      messageId: mail.messageId,
      from: mail.from?.address ?? null,
      source: source.kind,
    },
  });
  const outcome = decision.state;
  return { outcome, inboundMailId: id, caseId: decision.caseId, reason: decision.reasonCode };
}
