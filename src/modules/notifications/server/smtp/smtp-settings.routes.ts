/** Administrators set the outgoing mail server (the password is never sent back) or clear it for the environment's. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import type { HttpServer } from '../../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../../platform/http/request-context.ts';
import { SMTP_PRESETS, smtpSettingsInput, smtpSettingsView } from '../../smtp-settings.api.ts';
import { notificationsPolicy } from '../notifications.policy.ts';
import { saveSmtpSettings } from './save-smtp-settings.ts';
import { readSmtpRecord, smtpView } from './smtp-settings.ts';

export function registerSmtpSettingsRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; config: Pick<AppConfig, 'smtp'> },
) {
  const { db, config } = deps;
  const adminOnly = notificationsPolicy.requireAdmin;

  app.get('/api/notification-channels/smtp', {
    schema: {
      operationId: 'getSmtpSettings',
      tags: ['notifications'],
      summary: 'Outgoing mail: the server in use (saved settings, else the environment) and the presets',
      response: {
        200: smtpSettingsView.extend({
          presets: z.array(
            z.object({
              key: z.string(),
              host: z.string(),
              port: z.number(),
              security: z.string(),
              authCode: z.boolean(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      adminOnly(requireActor(request));
      return { ...smtpView(await readSmtpRecord(db), config), presets: [...SMTP_PRESETS] };
    },
  });

  app.put('/api/notification-channels/smtp', {
    schema: {
      operationId: 'saveSmtpSettings',
      tags: ['notifications'],
      summary: 'Save the outgoing mail server; a password left out is kept for the same server and user',
      body: smtpSettingsInput,
      response: { 200: smtpSettingsView },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      adminOnly(ctx.actor);
      return saveSmtpSettings({ db, ctx, config, input: request.body });
    },
  });

  app.delete('/api/notification-channels/smtp', {
    schema: {
      operationId: 'clearSmtpSettings',
      tags: ['notifications'],
      summary: 'Clear the saved outgoing mail server: the environment’s (TACDESK_SMTP_URL) is used again',
      response: { 200: smtpSettingsView },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      adminOnly(ctx.actor);
      return saveSmtpSettings({ db, ctx, config, input: null });
    },
  });
}
