/**
 * HTTP contracts of the IMAP mailboxes TACdesk polls for e-mail in (administrators): list,
 * create, change, delete, test a connection (saved or not yet saved), poll one now. The password
 * (for QQ Mail and 163 the authorisation code, 授权码) is write-only: a mailbox shows
 * `hasPassword`, never the value; a change that leaves it out keeps the stored one.
 */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { MAIL_INGEST_OUTCOMES } from '../mail-intake/mail-intake-rules.ts';

export { idParams };

/** tls: TLS from the first byte (993); starttls: upgrade on the plain port (143); none: plaintext. */
export const MAILBOX_SECURITY = ['tls', 'starttls', 'none'] as const;
export type MailboxSecurity = (typeof MAILBOX_SECURITY)[number];

/** What happens to a message once it is recorded: flagged \Seen, or flagged and moved to a folder. */
export const AFTER_PROCESSING = ['seen', 'move'] as const;

/**
 * Why a connection or a poll failed, for the UI to say in the reader's language: dns (host
 * unknown), connect (refused / unreachable), timeout, tls (handshake or certificate), starttls
 * (not offered by the server), authentication (user name or password refused), folder (the
 * folder to read does not exist), secret (the stored password cannot be decrypted with this
 * server's key), ingest (a message could not be recorded: database), protocol (anything else).
 */
export const MAILBOX_PROBLEMS = [
  'dns',
  'connect',
  'timeout',
  'tls',
  'starttls',
  'authentication',
  'folder',
  'secret',
  'ingest',
  'protocol',
] as const;
export type MailboxProblem = (typeof MAILBOX_PROBLEMS)[number];

/**
 * Settings of common Chinese enterprise mailboxes, for the form to fill in. `authCode`: the
 * provider wants an authorisation code generated in its web mail, not the login password.
 * `needsId`: the provider refuses clients that do not identify themselves with the IMAP ID
 * command (TACdesk always sends it).
 */
export const MAILBOX_PRESETS = [
  { key: 'exmail', host: 'imap.exmail.qq.com', port: 993, security: 'tls', authCode: false, needsId: false },
  {
    key: 'aliyun',
    host: 'imap.qiye.aliyun.com',
    port: 993,
    security: 'tls',
    authCode: false,
    needsId: false,
  },
  { key: 'netease', host: 'imaphz.qiye.163.com', port: 993, security: 'tls', authCode: false, needsId: true },
  { key: 'qq', host: 'imap.qq.com', port: 993, security: 'tls', authCode: true, needsId: false },
] as const satisfies ReadonlyArray<{
  key: string;
  host: string;
  port: number;
  security: MailboxSecurity;
  authCode: boolean;
  needsId: boolean;
}>;

/** The usual port of each security mode, taken when a request leaves the port out. */
export const DEFAULT_PORTS: Record<MailboxSecurity, number> = { tls: 993, starttls: 143, none: 143 };

const name = z.string().trim().min(1).max(100);
const host = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(
    /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+|[0-9a-f:]+)$/,
    withZh('a host name or an IP address', '应为主机名或 IP 地址'),
  );
const port = z.number().int().min(1).max(65535);
const username = z.string().trim().min(1).max(320);
const password = z.string().min(1).max(500);
const folder = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\r\n\0]+$/, withZh('one line', '不能换行'));
/** Between polls of one mailbox: 30 s to a day. */
const pollIntervalSeconds = z
  .number()
  .int()
  .min(30)
  .max(24 * 3600);

const moveNeedsFolder = (b: { afterProcessing?: string; moveToFolder?: string | null | undefined }) =>
  b.afterProcessing !== 'move' || !!b.moveToFolder;
const moveNeedsFolderIssue = {
  message: withZh(
    'the folder to move processed messages to (created if missing)',
    '请填写处理后要移入的文件夹（不存在时自动创建）',
  ),
  path: ['moveToFolder'],
};

/** A new mailbox; the port defaults to the security mode's usual one. */
export const createMailboxBody = z
  .object({
    name,
    host,
    port: port.optional(),
    security: z.enum(MAILBOX_SECURITY).default('tls'),
    username,
    password,
    /** The folder read for new mail. */
    folder: folder.default('INBOX'),
    afterProcessing: z.enum(AFTER_PROCESSING).default('seen'),
    moveToFolder: folder.nullish(),
    active: z.boolean().default(true),
    pollIntervalSeconds: pollIntervalSeconds.default(60),
  })
  .refine(moveNeedsFolder, moveNeedsFolderIssue);

/** A change; what is left out stays, the password included. */
export const updateMailboxBody = z
  .object({
    name,
    host,
    port,
    security: z.enum(MAILBOX_SECURITY),
    username,
    password,
    folder,
    afterProcessing: z.enum(AFTER_PROCESSING),
    moveToFolder: folder.nullable(),
    active: z.boolean(),
    pollIntervalSeconds,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, withZh('nothing to change', '没有要修改的内容'));

/**
 * Settings to try before saving them. `mailboxId`: a saved mailbox whose stored password is
 * used when `password` is left out (editing a mailbox without retyping it).
 */
export const testMailboxSettingsBody = z.object({
  host,
  port: port.optional(),
  security: z.enum(MAILBOX_SECURITY).default('tls'),
  username,
  password: password.optional(),
  folder: folder.default('INBOX'),
  mailboxId: idField.optional(),
});

const problemSchema = z.object({
  problem: z.enum(MAILBOX_PROBLEMS),
  /** The server's or the system's own words (English, or the server's language), for support. */
  message: z.string(),
});

export const mailboxSchema = z.object({
  id: z.number(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  security: z.enum(MAILBOX_SECURITY),
  username: z.string(),
  /** Always true: a mailbox cannot be saved without one. The value is never shown. */
  hasPassword: z.boolean(),
  folder: z.string(),
  afterProcessing: z.enum(AFTER_PROCESSING),
  moveToFolder: z.string().nullable(),
  active: z.boolean(),
  pollIntervalSeconds: z.number(),
  status: z.object({
    lastPolledAt: z.string().nullable(),
    /** Messages recorded by the last poll (new ones and duplicates taken off the server). */
    lastTaken: z.number().nullable(),
    /** The last poll's failure; null once a poll succeeds again. */
    lastError: problemSchema.extend({ at: z.string() }).nullable(),
    /** Polls failed in a row; the pause before the next one grows with it. */
    failures: z.number(),
    nextPollAt: z.string(),
    /** A server process is polling it right now. */
    polling: z.boolean(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const mailboxListSchema = z.object({ items: z.array(mailboxSchema) });

/** What a connection test found: ok, or the problem. */
export const connectionTestSchema = z.object({
  ok: z.boolean(),
  error: problemSchema.nullable(),
  /** The server's IMAP ID answer (name, vendor, version), when it gives one. */
  server: z.record(z.string(), z.string()).nullable(),
  /** The folder read for new mail, when it could be opened. */
  folder: z.object({ path: z.string(), messages: z.number(), unseen: z.number() }).nullable(),
});

/** A poll run on request: what it took and the mailbox's status after it. */
export const pollResultSchema = z.object({
  /** Messages recorded by this poll, by what became of them. */
  outcomes: z.partialRecord(z.enum(MAIL_INGEST_OUTCOMES), z.number()),
  taken: z.number(),
  /** Messages left beyond this poll's batch, taken by the next poll (due at once). */
  left: z.number(),
  error: problemSchema.nullable(),
  mailbox: mailboxSchema,
});

export type CreateMailboxInput = z.output<typeof createMailboxBody>;
export type UpdateMailboxInput = z.output<typeof updateMailboxBody>;
export type MailboxView = z.output<typeof mailboxSchema>;
export type ConnectionTest = z.output<typeof connectionTestSchema>;
export type PollResult = z.output<typeof pollResultSchema>;
