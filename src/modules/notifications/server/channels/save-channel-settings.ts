/**
 * Saves the outbound channels' configuration (administrators): merges it with the stored one
 * (left-out secrets kept), checks every URL against the SSRF guard before anything is written,
 * and records `notification_channels.updated` with secrets masked in the audit trail too.
 * Credentials are written sealed (channel-settings.ts), so a save also seals those an older
 * version stored in plaintext.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import type { ChannelSettingsInput, ChannelSettingsView } from '../../channels.api.ts';
import {
  configuredUrls,
  maskChannelSettings,
  mergeChannelSettings,
  readChannelSettings,
  writeChannelSettings,
} from './channel-settings.ts';
import { checkTargetUrl, TargetRefused } from './ssrf-guard.ts';

/** The query parameter that carries a robot's credential, checked so a pasted URL is complete. */
const CREDENTIAL_PARAM = { wecom: 'key', dingtalk: 'access_token' } as const;

export async function saveChannelSettings(o: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: ChannelSettingsInput;
}): Promise<ChannelSettingsView> {
  const stored = await readChannelSettings(o.db);
  const next = mergeChannelSettings(stored, o.input);
  next.targets.forEach((t, i) => {
    const param = CREDENTIAL_PARAM[t.channel as keyof typeof CREDENTIAL_PARAM];
    if (param && !URL.canParse(t.url)) return; // reported by the guard below
    if (param && !new URL(t.url).searchParams.get(param))
      throw invalidField(
        `body.targets.${i}.url`,
        `a ${t.channel} robot URL carries its ${param} parameter`,
        `${t.channel} 机器人地址须带有 ${param} 参数`,
      );
  });
  // DNS is network I/O: resolved before the transaction opens.
  for (const { field, url } of configuredUrls(next)) {
    try {
      await checkTargetUrl(url, next.allowedHosts);
    } catch (error) {
      if (error instanceof TargetRefused) throw invalidField(field, error.message, error.zh);
      throw error;
    }
  }
  await inTransaction(o.db, o.ctx, async (uow) => {
    const before = await readChannelSettings(uow.trx);
    await writeChannelSettings(uow.trx, next);
    await recordEvent(uow, {
      type: 'notification_channels.updated',
      subjectType: 'settings',
      subjectId: 'notification_channels',
      before: maskChannelSettings(before),
      after: maskChannelSettings(next),
    });
  });
  return maskChannelSettings(next);
}
