/**
 * One poll of one claimed mailbox: connect, open the folder, take a batch of messages in UID
 * order, hand each to mail-intake's `ingestRawMail`, and only after it returned (its transaction
 * committed) flag the message \Seen, or move it, and record its UID as taken.
 *
 * Which messages: those above the highest UID taken, seen or not (a message someone read in
 * webmail before the poll is still a customer's request). UIDs hold only while the folder's
 * UIDVALIDITY does, so the first poll of a mailbox, a poll after its server, account or folder
 * changed, and a poll after the server renumbered the folder take the UNSEEN messages instead,
 * as a mail client would, and then re-base on the folder's highest UID: the mailbox's history is
 * never imported. Fetching uses BODY.PEEK, so a message whose ingest threw is neither flagged
 * nor passed and comes back next poll; one recorded before a crash comes back too, ingest
 * answers `duplicate`, and then it is flagged. A message larger than the mail limit is fetched
 * only up to one byte past it, enough for ingest to record it as rejected without holding it in
 * memory.
 */
import type { Kysely } from 'kysely';
import type { ImapFlow } from 'imapflow';
import type { Database } from '../../../app/database-schema.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { openSecret, SecretUnreadable } from '../../../platform/crypto/secret-box.ts';
import { ingestRawMail, type MailIngestResult } from '../../mail-intake/server/index.ts';
import type { MailIngestOutcome } from '../../mail-intake/mail-intake-rules.ts';
import { connectImap, describeImapError, disconnectImap, MailboxFailure } from './imap-connection.ts';
import { finishPoll, renewLease, type PollEnd, type UidPosition } from './mailbox-lease.ts';
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
  let rebase: UidPosition | null = null;
  try {
    rebase = await takeMessages(deps, mailbox, owner, taken, end);
  } catch (error) {
    const failure = describeImapError(error);
    end.error = { problem: failure.problem, message: failure.message };
  }
  const log = { mailboxId: mailbox.id, mailbox: mailbox.name, taken: end.taken, left: end.left, outcomes };
  if (end.error) deps.log.warn({ ...log, ...end.error }, 'mailbox poll failed');
  else if (end.taken > 0) deps.log.info(log, 'mailbox polled');
  const row = await finishPoll(deps.db, mailbox, owner, deps.clock(), end, rebase);
  return { ...end, outcomes, mailbox: row };
}

/** Takes a batch; returns the position to re-base on after a complete poll of unseen mail, else null. */
async function takeMessages(
  deps: MailboxPollDeps,
  mailbox: MailboxRow,
  owner: string,
  taken: (result: MailIngestResult) => void,
  end: PollEnd,
): Promise<UidPosition | null> {
  const client = await connectImap(
    { ...mailbox, password: passwordOf(mailbox) },
    { clientVersion: deps.clientVersion, maxLiteralBytes: deps.maxMailBytes + 1 },
  );
  try {
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const opened = await openedFolder(client, mailbox);
      const position = trackedPosition(mailbox, opened);
      const candidates = position ? await uidsAfter(client, position.lastUid) : await unseenUids(client);
      const batch = candidates.slice(0, BATCH);
      end.left = candidates.length - batch.length;
      const held = await takeBatch(deps, client, { mailbox, owner, batch, position, taken });
      // Unseen mail all taken: from now on, whatever arrives above what the folder held.
      if (held && !position && end.left === 0 && opened.uidValidity !== null)
        return { folder: opened.key, uidValidity: opened.uidValidity, lastUid: opened.highestUid };
      return null;
    } finally {
      lock.release();
    }
  } finally {
    await disconnectImap(client);
  }
}

/**
 * Ingests, flags (or moves) and records each message of the batch in UID order; a throw stops
 * at the message that failed. Returns false when the lease was lost on the way.
 */
async function takeBatch(
  deps: MailboxPollDeps,
  client: ImapFlow,
  o: {
    mailbox: MailboxRow;
    owner: string;
    batch: number[];
    /** Set when polling by UID: each message taken advances it. */
    position: UidPosition | null;
    taken: (result: MailIngestResult) => void;
  },
): Promise<boolean> {
  const { mailbox, batch } = o;
  if (batch.length === 0) return true;
  if (mailbox.after_processing === 'move') await ensureFolder(client, mailbox.move_to_folder!);
  const sizes = new Map(
    (await client.fetchAll(batch, { uid: true, size: true }, { uid: true })).map((m) => [m.uid, m.size ?? 0]),
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
    o.taken(result);
    const reached = o.position ? { ...o.position, lastUid: uid } : undefined;
    if (!(await renewLease(deps.db, mailbox.id, o.owner, deps.clock(), reached))) return false;
  }
  return true;
}

interface OpenedFolder {
  key: string;
  /** Null when the server gives none (or one out of range): such a folder is polled by UNSEEN. */
  uidValidity: number | null;
  /** The highest UID in the folder when it was opened (0 when empty). */
  highestUid: number;
}

/** The selected folder as the poll found it, read before any fetch moves imapflow's UIDNEXT. */
async function openedFolder(client: ImapFlow, mailbox: MailboxRow): Promise<OpenedFolder> {
  const selected = client.mailbox || null;
  const validity = selected?.uidValidity;
  const uidValidity =
    validity !== undefined && validity > 0n && validity <= 0xffffffffn ? Number(validity) : null;
  let highestUid = selected && selected.uidNext > 0 ? selected.uidNext - 1 : 0;
  if (selected && !(selected.uidNext > 0) && selected.exists > 0) {
    // No UIDNEXT in the SELECT answer: the last message's UID.
    const last = await client.fetchOne('*', { uid: true });
    highestUid = last ? last.uid : 0;
  }
  return { key: uidFolderKey(mailbox), uidValidity, highestUid };
}

/** Names the server account and folder UIDs belong to: another one means starting over. */
export function uidFolderKey(mailbox: Pick<MailboxRow, 'host' | 'port' | 'username' | 'folder'>): string {
  return JSON.stringify([mailbox.host.toLowerCase(), mailbox.port, mailbox.username, mailbox.folder]);
}

/** The stored position if it still holds for the opened folder, else null (poll unseen mail). */
function trackedPosition(mailbox: MailboxRow, opened: OpenedFolder): UidPosition | null {
  if (mailbox.uid_folder !== opened.key || mailbox.last_uid === null) return null;
  if (opened.uidValidity === null || mailbox.uid_validity !== opened.uidValidity) return null;
  return { folder: opened.key, uidValidity: opened.uidValidity, lastUid: mailbox.last_uid };
}

/** UIDs above `lastUid`, oldest first, seen or not. */
async function uidsAfter(client: ImapFlow, lastUid: number): Promise<number[]> {
  const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
  // "n:*" with n above the highest UID still matches the highest message (RFC 3501 6.4.8).
  return found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
}

async function unseenUids(client: ImapFlow): Promise<number[]> {
  return ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
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
