/**
 * `tacdesk mail ingest [--url URL --token TOKEN]`: one RFC 822 message on stdin, as an MTA's pipe
 * (Postfix `mailbox_command`, an aliases entry) delivers it. With a URL it posts to the running
 * server's mail-gate, as Request Tracker's rt-mailgate does — the embedded database belongs to
 * that server; without, it opens the database itself (PostgreSQL, or a stopped embedded one).
 * Exit codes follow sysexits.h, which MTAs understand: 0 recorded (whatever became of it),
 * 75 EX_TEMPFAIL (try again later: server unreachable or failing, database unavailable),
 * 65 EX_DATAERR (empty input, a message the mail-gate refuses as such).
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { mailIngestResultSchema } from '../mail-intake.api.ts';
import { ingestRawMail } from './commands/ingest-raw-mail.ts';
import { MAIL_GATE_PATH } from './mail-gate.routes.ts';

export const EX_OK = 0;
export const EX_DATAERR = 65;
export const EX_TEMPFAIL = 75;

export interface MailIngestCommandOptions {
  args: string[];
  stdin: AsyncIterable<Buffer | string>;
  env: Record<string, string | undefined>;
  maxBytes: number;
  /** Opens the configured database and file store (throws while the data directory is locked). */
  openDirect: () => Promise<{ db: Kysely<Database>; files: FileStore; close: () => Promise<void> }>;
  out: (line: string) => void;
}

/** Runs the command; resolves to the exit code. */
export async function runMailIngestCommand(o: MailIngestCommandOptions): Promise<number> {
  const { values } = parseArgs({
    args: o.args,
    options: { url: { type: 'string' }, token: { type: 'string' } },
  });
  const url = values.url ?? o.env.TACDESK_MAILGATE_URL;
  const token = values.token ?? o.env.TACDESK_MAILGATE_TOKEN;
  const raw = await readInput(o.stdin, o.maxBytes + 1);
  if (raw.length === 0) return done(o, EX_DATAERR, 'empty input: expected one RFC 822 message on stdin');
  return url ? postToGate(o, raw, url, token) : ingestDirectly(o, raw);
}

function done(o: MailIngestCommandOptions, code: number, line: string): number {
  o.out(`tacdesk mail ingest: ${line}`);
  return code;
}

/** Reads stdin, keeping at most `limit` bytes (enough to tell a message is too large). */
async function readInput(stdin: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    size += bytes.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

function describe(result: unknown): string {
  const r = mailIngestResultSchema.parse(result);
  const ids = `inbound_mail=${r.inboundMailId ?? '-'} case=${r.caseId ?? '-'}`;
  return `${r.outcome} ${ids}${r.reason ? ` reason=${r.reason}` : ''}`;
}

async function postToGate(o: MailIngestCommandOptions, raw: Buffer, url: string, token: string | undefined) {
  if (!token) return done(o, EX_TEMPFAIL, 'a mail-gate URL needs --token or TACDESK_MAILGATE_TOKEN');
  let target: URL;
  try {
    const base = new URL(url);
    target = base.pathname.endsWith(MAIL_GATE_PATH) ? base : new URL(MAIL_GATE_PATH, base);
  } catch {
    return done(o, EX_TEMPFAIL, `not a URL: ${url}`);
  }
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
      body: new Uint8Array(raw),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    const why =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    return done(o, EX_TEMPFAIL, `mail-gate ${target.origin} unreachable (${why}); the MTA will retry`);
  }
  const text = await response.text();
  if (response.status === 202) return done(o, EX_OK, describe(JSON.parse(text)));
  const detail = problemDetail(text);
  // The message itself is refused (too large, not a message): retrying cannot help.
  if ([400, 413, 415].includes(response.status))
    return done(o, EX_DATAERR, `mail-gate refused the message (${response.status}): ${detail}`);
  // A wrong token or a server error: kept in the MTA's queue until someone fixes it.
  return done(o, EX_TEMPFAIL, `mail-gate answered ${response.status}: ${detail}; the MTA will retry`);
}

function problemDetail(body: string): string {
  try {
    const problem = JSON.parse(body) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

async function ingestDirectly(o: MailIngestCommandOptions, raw: Buffer): Promise<number> {
  let handle: Awaited<ReturnType<MailIngestCommandOptions['openDirect']>>;
  try {
    handle = await o.openDirect();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const locked = error instanceof Error && error.name === 'DataDirLockedError';
    const hint = locked
      ? " Use --url (or TACDESK_MAILGATE_URL) to post to the running server's mail-gate."
      : '';
    return done(o, EX_TEMPFAIL, `database unavailable: ${message}${hint}`);
  }
  try {
    const result = await ingestRawMail(
      { db: handle.db, files: handle.files, clock: () => new Date(), maxBytes: o.maxBytes },
      raw,
      { kind: 'pipe' },
    );
    return done(o, EX_OK, describe(result));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return done(o, EX_TEMPFAIL, `could not record the message: ${message}`);
  } finally {
    await handle.close();
  }
}
