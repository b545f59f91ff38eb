/**
 * The mail-intake module's public server surface: `ingestRawMail` (the mailboxes poller and
 * `tacdesk mail ingest` call it per message), the `tacdesk mail ingest` command, and the routes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { MailIngestOutcome } from '../mail-intake-rules.ts';
import { ingestRawMail as ingest } from './commands/ingest-raw-mail.ts';
import { registerInboundMailRoutes } from './inbound-mail.routes.ts';
import { registerMailGateRoutes } from './mail-gate.routes.ts';

export { DEFAULT_MAIL_MAX_BYTES } from './commands/ingest-raw-mail.ts';
export { runMailIngestCommand } from './mail-ingest-cli.ts';

/** Where a raw message came from: an IMAP mailbox (which message), or an MTA pipe / the mail-gate. */
export type MailSource = { kind: 'imap'; mailboxId: number; uid: number } | { kind: 'pipe' };

export interface MailIngestResult {
  outcome: MailIngestOutcome;
  inboundMailId: number | null;
  caseId: number | null;
  /** The reason code of a quarantined, ignored or rejected message. */
  reason: string | null;
}

export interface MailIngestDeps {
  db: Kysely<Database>;
  files: FileStore;
  clock: () => Date;
  log?: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };
  /** Largest message accepted (TACDESK_MAIL_MAX_BYTES); default 30 MiB. */
  maxBytes?: number;
}

/**
 * Records one raw RFC 822 message and does what it asks: a new case, a reply on a case, the
 * quarantine, or nothing (ignored / rejected, with the reason). Safe to call twice for one message
 * (the second answers `duplicate` and writes nothing); throws only when the infrastructure fails
 * (database, file store), so the caller keeps the message and retries later.
 */
export async function ingestRawMail(
  deps: MailIngestDeps,
  raw: Buffer,
  source: MailSource,
): Promise<MailIngestResult> {
  return ingest(deps, raw, source);
}

export function registerMailIntakeModule(
  app: HttpServer,
  deps: { db: Kysely<Database>; files: FileStore; clock: () => Date; config: { maxMailBytes: number } },
) {
  registerInboundMailRoutes(app, deps);
  registerMailGateRoutes(app, deps);
}
