/** A person's own notification preferences: `/api/me/...`, so there is no other person to name. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { HttpServer } from '../../../../platform/http/http-server.ts';
import { notFound } from '../../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../../platform/http/request-context.ts';
import {
  notificationPreferencesInput,
  notificationPreferencesSchema,
} from '../../notification-preferences.api.ts';
import { notificationsPolicy } from '../notifications.policy.ts';
import { saveNotificationPreferences } from './commands/save-notification-preferences.ts';
import { presentPreferences } from './preferences.presenter.ts';
import { preferenceProfile } from './preferences.repository.ts';

const tags = ['notifications'];

export function registerPreferenceRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  app.get('/api/me/notification-preferences', {
    schema: {
      operationId: 'getMyNotificationPreferences',
      tags,
      summary: 'The caller’s own notification preferences: groups × channels, locks, quiet hours',
      response: { 200: notificationPreferencesSchema },
    },
    handler: async (request) => {
      const userId = notificationsPolicy.preferencesOwner(requireActor(request));
      const profile = await preferenceProfile(db, userId);
      if (!profile) throw notFound('account');
      return presentPreferences(profile);
    },
  });

  app.put('/api/me/notification-preferences', {
    schema: {
      operationId: 'saveMyNotificationPreferences',
      tags,
      summary: 'Switch the caller’s own notifications on or off and set quiet hours (mandatory ones stay on)',
      body: notificationPreferencesInput,
      response: { 200: notificationPreferencesSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const userId = notificationsPolicy.preferencesOwner(ctx.actor);
      return presentPreferences(
        await saveNotificationPreferences({ db, ctx, userId, input: request.body, now: clock() }),
      );
    },
  });
}
