/**
 * Outgoing mail's settings in app_setting (`notifications.smtp`): `{ revision, smtp }`, the
 * password sealed with the installation's secret key, `smtp` null while the environment's server
 * is used. The row is never deleted, so the revision only grows and the sender can tell any change
 * by it. Also the masked view administrators get and the merge of a PUT with what is stored.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import { openSecretOrNull, sealSecret } from '../../../../platform/crypto/secret-box.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { readSetting, writeSetting } from '../../../../platform/settings/settings.ts';
import {
  SMTP_DEFAULT_PORTS,
  smtpSettings,
  type SmtpSettings,
  type SmtpSettingsInput,
  type SmtpSettingsView,
} from '../../smtp-settings.api.ts';

export const SMTP_SETTINGS_KEY = 'notifications.smtp';

type Db = Kysely<Database> | Transaction<Database>;

/** As stored: the password still sealed. */
export interface SmtpRecord {
  revision: number;
  smtp: SmtpSettings | null;
}

/** The stored record, password sealed; an unreadable value counts as none saved. */
export async function readSmtpRecord(db: Db): Promise<SmtpRecord> {
  const raw = await readSetting<{ revision?: unknown; smtp?: unknown } | null>(db, SMTP_SETTINGS_KEY, null);
  const revision = typeof raw?.revision === 'number' ? raw.revision : 0;
  const parsed = smtpSettings.safeParse(raw?.smtp);
  return { revision, smtp: parsed.success ? parsed.data : null };
}

/** The settings with the password opened; null when it was sealed with another key (a restored backup). */
export function openSmtpSettings(smtp: SmtpSettings): SmtpSettings | null {
  if (smtp.password === null) return smtp;
  const password = openSecretOrNull(smtp.password);
  return password === null ? null : { ...smtp, password };
}

/** Writes the next revision: `smtp` with its password in plaintext (sealed here), or null for the environment's. */
export async function writeSmtpRecord(db: Db, revision: number, smtp: SmtpSettings | null): Promise<void> {
  const sealed = smtp && { ...smtp, password: smtp.password === null ? null : sealSecret(smtp.password) };
  await writeSetting(db, SMTP_SETTINGS_KEY, { revision, smtp: sealed });
}

/** The new settings: the input, with a password left out taken from what is stored. */
export function mergeSmtpSettings(stored: SmtpSettings | null, input: SmtpSettingsInput): SmtpSettings {
  const port = input.port ?? SMTP_DEFAULT_PORTS[input.security];
  if (input.username === null) return { ...input, port, password: null };
  // A password belongs to its account on its server: a new host or user name needs it retyped.
  const sameAccount = stored?.host === input.host && stored.username === input.username;
  const password = input.password ?? (sameAccount ? stored.password : null);
  if (password === null)
    throw invalidField(
      'body.password',
      'required for a new server or user name (none is kept for it)',
      '更换了服务器或用户名，须重新填写密码',
    );
  return { ...input, port, password };
}

/** The environment's server as the page shows it: host and port from the URL, no credentials. */
function envView(config: Pick<AppConfig, 'smtp'>): SmtpSettingsView['env'] {
  if (!config.smtp) return null;
  let url: URL | null = null;
  try {
    url = new URL(config.smtp.url);
  } catch {
    // shown without host details
  }
  return {
    host: url?.hostname ?? '',
    port: url?.port ? Number(url.port) : null,
    from: config.smtp.from,
  };
}

/** What a GET shows: which server the sender uses, and the saved settings without their password. */
export function smtpView(record: SmtpRecord, config: Pick<AppConfig, 'smtp'>): SmtpSettingsView {
  const s = record.smtp;
  return {
    source: s ? 'admin' : config.smtp ? 'env' : 'none',
    revision: record.revision,
    settings: s && {
      host: s.host,
      port: s.port,
      security: s.security,
      username: s.username,
      passwordSet: s.password !== null,
      fromAddress: s.fromAddress,
      fromName: s.fromName,
      replyTo: s.replyTo,
    },
    env: envView(config),
  };
}
