/** The mailboxes module's public server surface: its routes and the background poller. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import type { AppConfig } from '../../../platform/config/config.ts';
import { registerMailboxRoutes } from './mailboxes.routes.ts';
import { MailboxPoller } from './mailbox-poller.ts';

export { MailboxPoller, startMailboxPolling } from './mailbox-poller.ts';
export type { MailboxPollDeps, PollLog } from './mailbox-poll.ts';

export function registerMailboxesModule(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date; files: FileStore; config: AppConfig; version: string },
) {
  // "Poll now" polls in the request, under the same lease as the background pollers.
  const poller = new MailboxPoller({
    db: deps.db,
    files: deps.files,
    clock: deps.clock,
    log: app.log,
    maxMailBytes: deps.config.maxMailBytes,
    clientVersion: deps.version,
  });
  registerMailboxRoutes(app, { db: deps.db, clock: deps.clock, poller, clientVersion: deps.version });
}
