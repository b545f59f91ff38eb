/**
 * Saves the outgoing-mail settings (administrators): merges the PUT with what is stored (a
 * password left out is kept for the same server and user name), checks the host against the SSRF
 * guard before anything is written (a relay on the internal network must be allow-listed on the
 * channels page), and records `smtp_settings.updated` without the password. Clearing them goes
 * back to the environment's server. Either way the revision grows, so the sender makes its
 * transport again at its next batch.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import type { SmtpSettings, SmtpSettingsInput, SmtpSettingsView } from '../../smtp-settings.api.ts';
import { readChannelSettings } from '../channels/channel-settings.ts';
import { checkTargetHost, TargetRefused } from '../channels/ssrf-guard.ts';
import {
  mergeSmtpSettings,
  openSmtpSettings,
  readSmtpRecord,
  SMTP_SETTINGS_KEY,
  smtpView,
  writeSmtpRecord,
} from './smtp-settings.ts';

/** The stored settings with the password opened (none kept when it cannot be opened). */
export async function readOpenedSmtpSettings(db: Kysely<Database>): Promise<SmtpSettings | null> {
  const { smtp } = await readSmtpRecord(db);
  return smtp && (openSmtpSettings(smtp) ?? { ...smtp, password: null });
}

/** Refuses a host that resolves to a private address unless allow-listed (DNS: before any transaction). */
export async function checkSmtpHost(db: Kysely<Database>, host: string, field: string): Promise<void> {
  try {
    await checkTargetHost(host, (await readChannelSettings(db)).allowedHosts);
  } catch (error) {
    if (error instanceof TargetRefused) throw invalidField(field, error.message, error.zh);
    throw error;
  }
}

export async function saveSmtpSettings(o: {
  db: Kysely<Database>;
  ctx: RequestContext;
  config: Pick<AppConfig, 'smtp'>;
  /** Null: clear the settings, back to the environment's server. */
  input: SmtpSettingsInput | null;
}): Promise<SmtpSettingsView> {
  const next = o.input && mergeSmtpSettings(await readOpenedSmtpSettings(o.db), o.input);
  if (next) await checkSmtpHost(o.db, next.host, 'body.host');
  await inTransaction(o.db, o.ctx, async (uow) => {
    // Two saves at once must not both write the same next revision.
    await uow.trx
      .selectFrom('app_setting')
      .select('key')
      .where('key', '=', SMTP_SETTINGS_KEY)
      .forUpdate()
      .execute();
    const before = await readSmtpRecord(uow.trx);
    await writeSmtpRecord(uow.trx, before.revision + 1, next);
    await recordEvent(uow, {
      type: 'smtp_settings.updated',
      subjectType: 'settings',
      subjectId: 'smtp',
      before: smtpView(before, o.config),
      after: smtpView({ revision: before.revision + 1, smtp: next }, o.config),
    });
  });
  return smtpView(await readSmtpRecord(o.db), o.config);
}
