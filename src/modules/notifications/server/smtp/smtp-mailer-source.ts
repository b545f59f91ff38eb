/**
 * Which mailer sends e-mail now. Precedence: the administrators' SMTP settings when saved, else
 * the environment's (`TACDESK_SMTP_URL`), else none (e-mails are held). The transport is made
 * again only when the settings' revision changes (the old one's connection is closed then), so a
 * saved change applies at the next batch without a restart, and unchanged settings keep sending
 * over one signed-in connection. A server set by administrators
 * is reached through the SSRF guard (its allow-list read at each connection); the environment's
 * is the operator's and trusted as it is.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { createSmtpServerMailer, type Mailer } from '../../../../platform/mail/mailer.ts';
import type { SmtpSettings } from '../../smtp-settings.api.ts';
import { readChannelSettings } from '../channels/channel-settings.ts';
import { connectGuarded } from '../channels/ssrf-guard.ts';
import { openSmtpSettings, readSmtpRecord } from './smtp-settings.ts';

const CONNECT_TIMEOUT_MS = 20_000;

export const NO_SMTP = 'no SMTP server configured';
export const SMTP_PASSWORD_LOST =
  "the saved SMTP password cannot be opened with this installation's secret key; enter it again";

/** A mailer for administrators' settings (password opened), connecting through the guard. */
export function mailerForSettings(db: Kysely<Database>, s: SmtpSettings): Mailer {
  return createSmtpServerMailer({
    host: s.host,
    port: s.port,
    security: s.security,
    username: s.username,
    password: s.password,
    from: { address: s.fromAddress, name: s.fromName },
    replyTo: s.replyTo,
    connect: async (host, port) =>
      connectGuarded(host, port, (await readChannelSettings(db)).allowedHosts, CONNECT_TIMEOUT_MS),
  });
}

/** The mailer to use, or why there is none (the raw reason and its problem code). */
export type MailerChoice =
  | { mailer: Mailer; source: 'admin' | 'env' }
  | { mailer: null; reason: string; problem: 'not_configured' | 'secret' };

const NONE: MailerChoice = { mailer: null, reason: NO_SMTP, problem: 'not_configured' };

export class SmtpMailerSource {
  readonly #db: Kysely<Database>;
  readonly #env: Mailer | null;
  #revision = -1;
  #admin: MailerChoice = NONE;

  constructor(o: { db: Kysely<Database>; envMailer: Mailer | null }) {
    this.#db = o.db;
    this.#env = o.envMailer;
  }

  /** The mailer to use now (one settings read; a new transport only after a save). */
  async current(): Promise<MailerChoice> {
    const record = await readSmtpRecord(this.#db);
    if (record.revision !== this.#revision) {
      this.#closeAdmin();
      this.#revision = record.revision;
      const opened = record.smtp && openSmtpSettings(record.smtp);
      this.#admin = !record.smtp
        ? NONE
        : opened
          ? { mailer: mailerForSettings(this.#db, opened), source: 'admin' }
          : { mailer: null, reason: SMTP_PASSWORD_LOST, problem: 'secret' };
    }
    if (record.smtp) return this.#admin;
    return this.#env ? { mailer: this.#env, source: 'env' } : NONE;
  }

  /** Closes the transport made from the settings (the environment's belongs to the caller). */
  close(): void {
    this.#closeAdmin();
    this.#revision = -1;
  }

  #closeAdmin() {
    this.#admin.mailer?.close();
    this.#admin = NONE;
  }
}
