/** Administrators send one test message now through e-mail, SMS or a robot; the answer names what failed. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import type { HttpServer } from '../../../../platform/http/http-server.ts';
import { contextOf } from '../../../../platform/http/request-context.ts';
import { channelTestBody, channelTestResult } from '../../channel-test.api.ts';
import { sendChannelTest } from './send-channel-test.ts';

export function registerChannelTestRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; config: Pick<AppConfig, 'smtp' | 'publicUrl'>; clock: () => Date },
) {
  const { db, config, clock } = deps;
  app.post('/api/notification-channels/test', {
    schema: {
      operationId: 'sendChannelTest',
      tags: ['notifications'],
      summary: 'Send one test message now (e-mail, SMS, robot or webhook); 200 with ok or the problem',
      body: channelTestBody,
      response: { 200: channelTestResult },
    },
    handler: async (request) =>
      sendChannelTest({ db, ctx: contextOf(request), config, input: request.body, now: clock() }),
  });
}
