/** The monitoring alerts module's public server surface. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { registerAlertSourceRoutes } from './alert-sources.routes.ts';
import { registerAlertWebhookRoutes } from './alert-webhooks.routes.ts';
import { registerAlertRoutes } from './alerts.routes.ts';

export function registerAlertsModule(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  registerAlertSourceRoutes(app, deps);
  registerAlertWebhookRoutes(app, deps);
  registerAlertRoutes(app, deps);
}
