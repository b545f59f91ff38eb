/**
 * HTTP contract of outgoing mail (SMTP) as administrators configure it: server, security,
 * sign-in, sender. Precedence: the settings saved here when there are any, else the environment
 * (`TACDESK_SMTP_URL`, `TACDESK_MAIL_FROM`); clearing them falls back to the environment. The
 * password is write-only: a GET says whether one is set, a PUT that leaves it out keeps it.
 * Sender name and addresses are single lines checked here, so no value can add a mail header.
 */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { hostField } from './channels.api.ts';

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The usual port of each security mode, taken when a request leaves the port out. */
export const SMTP_DEFAULT_PORTS: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

/**
 * Outgoing servers of common Chinese enterprise mailboxes, for the form to fill in. `authCode`:
 * the provider wants an authorisation code generated in its web mail, not the login password.
 */
export const SMTP_PRESETS = [
  { key: 'exmail', host: 'smtp.exmail.qq.com', port: 465, security: 'tls', authCode: false },
  { key: 'aliyun', host: 'smtp.qiye.aliyun.com', port: 465, security: 'tls', authCode: false },
  { key: 'netease', host: 'smtphz.qiye.163.com', port: 465, security: 'tls', authCode: false },
  { key: 'qq', host: 'smtp.qq.com', port: 465, security: 'tls', authCode: true },
] as const satisfies ReadonlyArray<{
  key: string;
  host: string;
  port: number;
  security: SmtpSecurity;
  authCode: boolean;
}>;

/** One line of printable text: a CR, LF or other control character could start a header. */
const ONE_LINE = /^[^\p{Cc}]*$/u;
const address = z.email(withZh('an e-mail address', '应为电子邮箱地址')).max(200);
const oneLine = withZh('one line', '不能换行');

const serverFields = {
  host: hostField,
  security: z.enum(SMTP_SECURITY).default('tls'),
  /** Null: the server takes mail without signing in (an internal relay). */
  username: z.string().trim().min(1).max(320).regex(ONE_LINE, oneLine).nullable().default(null),
  /** The sender address (most providers require the signed-in mailbox's own). */
  fromAddress: address,
  /** The sender's display name, e.g. 某某科技技术支持中心. */
  fromName: z.string().trim().min(1).max(100).regex(ONE_LINE, oneLine).nullable().default(null),
  replyTo: address.nullable().default(null),
};

/** PUT body: the port defaults to the security mode's usual one; a password left out is kept. */
export const smtpSettingsInput = z.object({
  ...serverFields,
  port: z.number().int().min(1).max(65535).optional(),
  password: z.string().min(1).max(500).regex(ONE_LINE, oneLine).optional(),
});
export type SmtpSettingsInput = z.infer<typeof smtpSettingsInput>;

/** What the server keeps (the password sealed at rest) and the sender reads. */
export const smtpSettings = z.object({
  ...serverFields,
  port: z.number().int().min(1).max(65535),
  password: z.string().nullable(),
});
export type SmtpSettings = z.infer<typeof smtpSettings>;

/** GET answer: which configuration the sender uses, and the saved one without its password. */
export const smtpSettingsView = z.object({
  /** admin: the settings below; env: TACDESK_SMTP_URL; none: e-mails are held in the outbox. */
  source: z.enum(['admin', 'env', 'none']),
  /** Counts the saves; the sender makes a new connection setup when it changes. */
  revision: z.number(),
  settings: z
    .object({
      host: z.string(),
      port: z.number(),
      security: z.enum(SMTP_SECURITY),
      username: z.string().nullable(),
      passwordSet: z.boolean(),
      fromAddress: z.string(),
      fromName: z.string().nullable(),
      replyTo: z.string().nullable(),
    })
    .nullable(),
  /** What the environment configures (no credentials), shown while no settings are saved. */
  env: z.object({ host: z.string(), port: z.number().nullable(), from: z.string() }).nullable(),
});
export type SmtpSettingsView = z.infer<typeof smtpSettingsView>;
