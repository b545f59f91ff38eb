/**
 * Administrators configure SMS, group robots and webhooks (secrets are never sent back), the
 * outgoing mail server, and send a test message through any of them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { HttpServer } from '../../../../platform/http/http-server.ts';
import { notificationsPolicy } from '../notifications.policy.ts';
import { contextOf, requireActor } from '../../../../platform/http/request-context.ts';
import { channelSettingsInput, channelSettingsView } from '../../channels.api.ts';
import { maskChannelSettings, readChannelSettings } from './channel-settings.ts';
import { saveChannelSettings } from './save-channel-settings.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import { registerSmtpSettingsRoutes } from '../smtp/smtp-settings.routes.ts';
import { registerChannelTestRoutes } from '../channel-test/channel-test.routes.ts';

export function registerChannelSettingsRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; config: Pick<AppConfig, 'smtp' | 'publicUrl'>; clock: () => Date },
) {
  const { db } = deps;
  registerSmtpSettingsRoutes(app, deps);
  registerChannelTestRoutes(app, deps);
  const adminOnly = notificationsPolicy.requireAdmin;

  app.get('/api/notification-channels', {
    schema: {
      operationId: 'getNotificationChannels',
      tags: ['notifications'],
      summary: 'SMS provider, group robots and webhooks (secrets masked)',
      response: { 200: channelSettingsView },
    },
    handler: async (request) => {
      adminOnly(requireActor(request));
      return maskChannelSettings(await readChannelSettings(db));
    },
  });

  app.put('/api/notification-channels', {
    schema: {
      operationId: 'saveNotificationChannels',
      tags: ['notifications'],
      summary: 'Replace the channel configuration; a secret or robot URL left out keeps its stored value',
      body: channelSettingsInput,
      response: { 200: channelSettingsView },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      adminOnly(ctx.actor);
      return saveChannelSettings({ db, ctx, input: request.body });
    },
  });
}
