/**
 * A raw RFC 822 message as TACdesk keeps it: mailparser decodes the MIME structure and the
 * character sets (GBK, GB18030 and Big5 through iconv-lite; RFC 2047 subjects, RFC 2231 file
 * names); this file picks what the intake needs and cleans it, so nothing downstream sees control
 * characters, header folding or an unbounded value.
 */
import crypto from 'node:crypto';
import type { AddressObject, HeaderValue, ParsedMail } from 'mailparser';
import type { MailAddress, MailHeaders } from './mail-intake.tables.ts';

export interface MailPart {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** Without angle brackets, as `cid:` URLs name it. */
  contentId: string | null;
  inline: boolean;
}

export interface ParsedInboundMail {
  messageId: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  date: Date | null;
  text: string;
  /** Unsanitised: only ever stored through sanitizeMailHtml. */
  html: string | null;
  headers: MailHeaders;
  /** Loop-guard facts (mail-noise.ts). */
  noise: {
    xAutoreply: string | null;
    xAutorespond: string | null;
    xAutoResponseSuppress: string | null;
    contentType: string;
  };
  attachments: MailPart[];
}

const PARSER_OPTIONS = {
  keepCidLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  checksumAlgo: false,
  // html-to-text on a multi-megabyte hostile HTML part takes seconds; such a mail keeps its HTML.
  maxHtmlLengthToParse: 2_000_000,
  maxChildNodes: 200,
  maxHeadSize: 256 * 1024,
} as const;

/** The Message-ID TACdesk files a message under when it has none (or an unusable one). */
export function synthesisedMessageId(raw: Buffer): string {
  return `<${crypto.createHash('sha256').update(raw).digest('hex')}@tacdesk.invalid>`;
}

/** Parses a whole message; throws when mailparser cannot make sense of it. */
export async function parseMail(raw: Buffer): Promise<ParsedInboundMail> {
  return fromParsed(await (await mailparser()).simpleParser(raw, PARSER_OPTIONS), raw);
}

/**
 * Only the header block of a message, for one too large to parse whole: who sent it and its
 * Message-ID, so the rejection is recorded once and can be told apart.
 */
export async function parseMailHeaders(raw: Buffer): Promise<ParsedInboundMail> {
  const limit = Math.min(raw.length, 256 * 1024);
  let end = raw.subarray(0, limit).indexOf('\r\n\r\n');
  if (end < 0) end = raw.subarray(0, limit).indexOf('\n\n');
  const head = raw.subarray(0, end < 0 ? limit : end);
  const parsed = await (
    await mailparser()
  ).simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), PARSER_OPTIONS);
  return { ...fromParsed(parsed, raw), text: '', html: null, attachments: [] };
}

function fromParsed(parsed: ParsedMail, raw: Buffer): ParsedInboundMail {
  const header = (name: string) => headerText(parsed.headers.get(name));
  const references = [parsed.references ?? []].flat().flatMap((r) => messageIds(r));
  const rawReturnPath = parsed.headerLines.find((l) => l.key === 'return-path')?.line;
  const attachments = parsed.attachments.map((a, i) => ({
    fileName: fileNameOf(a.filename, i),
    contentType: oneLine(a.contentType, 200) || 'application/octet-stream',
    content: a.content,
    contentId: a.cid ? oneLine(a.cid, 500) : null,
    inline: Boolean(a.related) || a.contentDisposition === 'inline',
  }));
  const contentType = parsed.headers.get('content-type');
  return {
    messageId: cleanMessageId(parsed.messageId) ?? synthesisedMessageId(raw),
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    subject: oneLine(parsed.subject ?? '', 998),
    date: plausibleDate(parsed.date),
    text: cleanText(parsed.text ?? ''),
    html: typeof parsed.html === 'string' && parsed.html.trim() ? cleanText(parsed.html) : null,
    headers: {
      inReplyTo: messageIds(parsed.inReplyTo ?? '')[0] ?? null,
      references: references.slice(0, 100),
      autoSubmitted: header('auto-submitted'),
      precedence: header('precedence'),
      returnPath: rawReturnPath ? oneLine(rawReturnPath.replace(/^return-path:/i, ''), 500) : null,
      mailer: header('x-mailer') ?? header('user-agent'),
    },
    noise: {
      xAutoreply: header('x-autoreply'),
      xAutorespond: header('x-autorespond'),
      xAutoResponseSuppress: header('x-auto-response-suppress'),
      contentType:
        contentType && typeof contentType === 'object' && 'value' in contentType
          ? String(contentType.value).toLowerCase()
          : 'text/plain',
    },
    attachments,
  };
}

/** One line, no control characters, at most `max` characters. */
export function oneLine(value: string, max: number): string {
  // A broken multi-byte or UTF-16 sequence decodes to lone surrogates, which no database stores.
  return clip(
    value
      .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    max,
  );
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair; no NULs (PostgreSQL refuses them). */
export function clip(value: string, max: number): string {
  return value.replaceAll('\0', '').slice(0, max).toWellFormed();
}

/** Text without NULs and other controls a database or a terminal would choke on. */
function cleanText(value: string): string {
  return clip(value.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, ''), 1_000_000);
}

function headerText(value: HeaderValue | undefined): string | null {
  if (value === undefined) return null;
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return null;
  return oneLine(first, 500) || null;
}

const MESSAGE_ID = /<([^<>\s\p{Cc}]{1,500})>/gu;

/** The `<…>` ids in a header value (References may hold many; some clients drop the brackets). */
function messageIds(value: string): string[] {
  const found = [...value.matchAll(MESSAGE_ID)].map((m) => `<${m[1]}>`);
  if (found.length > 0) return found;
  const bare = value.trim();
  return /^[^\s<>\p{Cc}]{1,500}@[^\s<>\p{Cc}]{1,500}$/u.test(bare) ? [`<${bare}>`] : [];
}

function cleanMessageId(value: string | undefined): string | null {
  const id = value ? messageIds(value)[0] : undefined;
  return id && /^<[\x21-\x7e]+>$/.test(id) && id.length <= 500 ? id : null;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]{1,200}@[^\s@<>()[\]\\,;:"]{1,255}$/;

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = [value ?? []]
    .flat()
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]));
  const result: MailAddress[] = [];
  for (const a of list.slice(0, 100)) {
    const address = oneLine(a.address ?? '', 500).toLowerCase();
    if (!ADDRESS.test(address)) continue;
    result.push({ address, name: oneLine(a.name ?? '', 200) || null });
  }
  return result;
}

/** A file name safe to keep: no path, no controls, bounded; `attachment-N` when the part named none. */
function fileNameOf(name: string | undefined, index: number): string {
  const base = oneLine((name ?? '').split(/[/\\]/).pop() ?? '', 200);
  return base || `attachment-${index + 1}`;
}

/**
 * The Date header when it is a date a mail could carry: a damaged header can parse to year 22026,
 * which the database refuses (the message must still be recorded), so such a date counts as none.
 */
function plausibleDate(date: Date | undefined): Date | null {
  if (!date) return null;
  const year = date.getUTCFullYear();
  return Number.isNaN(year) || year < 1970 || year > 9999 ? null : date;
}

/** mailparser is loaded with the first message: a process that receives no mail never carries it. */
const mailparser = () => import('mailparser');
