/**
 * One poll of one claimed mailbox: connect, open the folder, take a batch of UNSEEN messages
 * oldest first, hand each to mail-intake's `ingestRawMail`, and only after it returned (its
 * transaction committed) flag the message \Seen, or move it. Fetching uses BODY.PEEK, so a
 * message whose ingest threw stays unseen and comes back next poll; one recorded before a
 * crash comes back too, ingest answers `duplicate`, and then it is flagged. A message larger
 * than the mail limit is fetched only up to one byte past it, enough for ingest to record it
 * as rejected without holding it in memory.
 */
import type { Kysely } from 'kysely';
import type { ImapFlow } from 'imapflow';
import type { Database } from '../../../app/database-schema.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { openSecret, SecretUnreadable } from '../../../platform/crypto/secret-box.ts';
import { ingestRawMail, type MailIngestResult } from '../../mail-intake/server/index.ts';
import type { MailIngestOutcome } from '../../mail-intake/mail-intake-rules.ts';
import { connectImap, describeImapError, disconnectImap, MailboxFailure } from './imap-connection.ts';
import { finishPoll, renewLease, type PollEnd } from './mailbox-lease.ts';
import type { MailboxRow } from './mailboxes.repository.ts';

/** Messages taken per poll; the rest wait for the next one, due at once. */
const BATCH = 50;

export interface PollLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailboxPollDeps {
  db: Kysely<Database>;
  files: FileStore;
  clock: () => Date;
  log: PollLog;
  /** The mail limit (TACDESK_MAIL_MAX_BYTES): larger messages are recorded as rejected. */
  maxMailBytes: number;
  /** TACdesk's version, for the IMAP ID command. */
  clientVersion: string;
}

export type PollReport = PollEnd & {
  outcomes: Partial<Record<MailIngestOutcome, number>>;
  /** The mailbox after the poll; null when it was deleted meanwhile. */
  mailbox: MailboxRow | null;
};

/** Polls a mailbox this poller has claimed, records the outcome and frees it. Never throws for mail trouble. */
export async function pollClaimedMailbox(
  deps: MailboxPollDeps,
  mailbox: MailboxRow,
  owner: string,
): Promise<PollReport> {
  const outcomes: PollReport['outcomes'] = {};
  const end: PollEnd = { taken: 0, left: 0, error: null };
  const taken = (result: MailIngestResult) => {
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    end.taken += 1;
  };
  try {
    await takeMessages(deps, mailbox, owner, taken, end);
  } catch (error) {
    const failure = describeImapError(error);
    end.error = { problem: failure.problem, message: failure.message };
  }
  const log = { mailboxId: mailbox.id, mailbox: mailbox.name, taken: end.taken, left: end.left, outcomes };
  if (end.error) deps.log.warn({ ...log, ...end.error }, 'mailbox poll failed');
  else if (end.taken > 0) deps.log.info(log, 'mailbox polled');
  const row = await finishPoll(deps.db, mailbox, owner, deps.clock(), end);
  return { ...end, outcomes, mailbox: row };
}

async function takeMessages(
  deps: MailboxPollDeps,
  mailbox: MailboxRow,
  owner: string,
  taken: (result: MailIngestResult) => void,
  end: PollEnd,
): Promise<void> {
  const client = await connectImap(
    { ...mailbox, password: passwordOf(mailbox) },
    { clientVersion: deps.clientVersion, maxLiteralBytes: deps.maxMailBytes + 1 },
  );
  try {
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const unseen = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      const batch = unseen.slice(0, BATCH);
      end.left = unseen.length - batch.length;
      if (batch.length === 0) return;
      if (mailbox.after_processing === 'move') await ensureFolder(client, mailbox.move_to_folder!);
      const sizes = new Map(
        (await client.fetchAll(batch, { uid: true, size: true }, { uid: true })).map((m) => [
          m.uid,
          m.size ?? 0,
        ]),
      );
      for (const uid of batch) {
        if (!sizes.has(uid)) continue; // expunged by another client meanwhile
        const oversize = sizes.get(uid)! > deps.maxMailBytes;
        const message = await client.fetchOne(
          String(uid),
          { uid: true, source: oversize ? { maxLength: deps.maxMailBytes + 1 } : true },
          { uid: true },
        );
        if (!message || !message.source) continue;
        const result = await ingest(deps, message.source, { kind: 'imap', mailboxId: mailbox.id, uid });
        await markProcessed(client, uid, mailbox);
        taken(result);
        if (!(await renewLease(deps.db, mailbox.id, owner, deps.clock()))) return;
      }
    } finally {
      lock.release();
    }
  } finally {
    await disconnectImap(client);
  }
}

function passwordOf(mailbox: MailboxRow): string {
  try {
    return openSecret(mailbox.password_sealed);
  } catch (error) {
    if (error instanceof SecretUnreadable) throw new MailboxFailure('secret', error.message);
    throw error;
  }
}

/** Ingest; a throw (database down) stops the poll and leaves the message unseen for the next one. */
async function ingest(
  deps: MailboxPollDeps,
  raw: Buffer,
  source: { kind: 'imap'; mailboxId: number; uid: number },
): Promise<MailIngestResult> {
  try {
    return await ingestRawMail(
      { db: deps.db, files: deps.files, clock: deps.clock, log: deps.log, maxBytes: deps.maxMailBytes },
      raw,
      source,
    );
  } catch (error) {
    deps.log.error({ err: error, mailboxId: source.mailboxId, uid: source.uid }, 'mail ingest failed');
    const message = error instanceof Error ? error.message : String(error);
    throw new MailboxFailure(
      'ingest',
      `message ${source.uid} could not be recorded: ${message}`.slice(0, 1000),
    );
  }
}

async function markProcessed(client: ImapFlow, uid: number, mailbox: MailboxRow): Promise<void> {
  await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  if (mailbox.after_processing === 'move')
    await client.messageMove(String(uid), mailbox.move_to_folder!, { uid: true });
}

/** The folder processed messages move to, created when missing. */
async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((f) => f.path === path)) await client.mailboxCreate(path);
}
