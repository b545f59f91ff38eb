/**
 * The composition root: the HTTP server with every module's routes, and the background job
 * handlers. Used by `tacdesk serve`, `tacdesk worker` and the tests.
 */
import { movableClock, type MovableClock } from '../platform/time/movable-clock.ts';
import { registerTestClockRoutes } from './test-clock.routes.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AppConfig } from '../platform/config/config.ts';
import { createHttpServer, type HttpServer } from '../platform/http/http-server.ts';
import type { JobHandler } from '../platform/jobs/job-runner.ts';
import { createAuthenticator, registerIdentityRoutes } from '../modules/identity/server/index.ts';
import { registerOrganisationRoutes } from '../modules/organisations/server/organisations.routes.ts';
import { registerBranchRoutes } from '../modules/branches/server/branches.routes.ts';
import { registerAuditRoutes } from '../modules/audit/server/audit.routes.ts';
import { registerContractRoutes, runContractsDaily } from '../modules/contracts/server/index.ts';
import { registerCasesModule } from '../modules/cases/server/index.ts';
import { registerAssetRoutes } from '../modules/assets/server/index.ts';
import { registerSparesModule, remindPurchaseOrders } from '../modules/spares/server/index.ts';
import { registerRmaRoutes, watchRmaReturns } from '../modules/rma/server/index.ts';
import { registerAlertsModule } from '../modules/alerts/server/index.ts';
import { registerMailIntakeModule } from '../modules/mail-intake/server/index.ts';
import { registerMailboxesModule } from '../modules/mailboxes/server/index.ts';
import { configureSecretKey } from '../platform/crypto/secret-box.ts';
import { registerSlaRoutes, rescheduleOpenCases } from '../modules/sla/server/index.ts';
import { registerSettingsRoutes } from '../modules/settings/server/settings.routes.ts';
import { registerLiveRoutes } from '../modules/live/server/live.routes.ts';
import { LiveHub } from '../platform/events/live-hub.ts';
import { registerEventHook } from '../platform/events/domain-events.ts';
import {
  registerChannelSettingsRoutes,
  registerDeliveryRoutes,
  registerMessageTemplateRoutes,
  registerPreferenceRoutes,
  writeDeliveries,
} from '../modules/notifications/server/index.ts';
import { registerCalendarRoutes } from '../modules/calendars/server/index.ts';
import { registerWebUi } from '../platform/web/serve-web.ts';
import { LocalFileStore } from '../platform/files/file-store.ts';
import { registerMultipart } from '../platform/files/multipart.ts';
import { VERSION } from './version.ts';

// Every event that should reach a person becomes outbox rows in its own transaction, in every
// process that loads the app (server, worker, CLI).
registerEventHook(writeDeliveries);

export interface BuildAppOptions {
  db: Kysely<Database>;
  config: AppConfig;
  /** Built web UI to serve at `/`; omitted in API-only tests. */
  webDistDir?: string | undefined;
  /** The time as the domain sees it; tests move it instead of sleeping. */
  clock?: () => Date;
  /** Test mode: the clock the test-only route moves (made here when test mode is on and none is given). */
  testClock?: MovableClock | undefined;
  /** PostgreSQL URL when on PostgreSQL: live updates LISTEN there, so they cross processes. */
  postgresUrl?: string | undefined;
}

export async function buildApp(opts: BuildAppOptions): Promise<HttpServer> {
  const { db, config } = opts;
  configureSecretKey(config);
  const app = await createHttpServer({
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    authenticate: createAuthenticator(db),
    checkReady: async () => {
      await sql`select 1`.execute(db);
    },
    version: VERSION,
  });
  // Attachments live under the data directory on either engine (S3-compatible storage later).
  const files = await LocalFileStore.open({ dataDir: config.dataDir });
  await registerMultipart(app, { maxBytes: config.maxAttachmentBytes });
  const testClock = opts.testClock ?? (config.testMode ? movableClock(opts.clock) : undefined);
  const clock = testClock ? testClock.now : (opts.clock ?? (() => new Date()));
  const deps = { db, config, files, clock };
  if (testClock) registerTestClockRoutes(app, testClock);
  registerIdentityRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerBranchRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerContractRoutes(app, deps);
  registerCasesModule(app, deps);
  registerAssetRoutes(app, deps);
  registerSparesModule(app, deps);
  registerRmaRoutes(app, deps);
  registerAlertsModule(app, deps);
  registerMailIntakeModule(app, deps);
  registerMailboxesModule(app, { ...deps, version: VERSION });
  registerSlaRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerDeliveryRoutes(app, deps);
  registerChannelSettingsRoutes(app, deps);
  registerPreferenceRoutes(app, deps);
  registerMessageTemplateRoutes(app, deps);
  const live = new LiveHub(db);
  await live.start({
    postgresUrl: opts.postgresUrl,
    onError: (err) => app.log.error({ err }, 'live updates failed'),
  });
  app.addHook('onClose', () => live.close());
  registerLiveRoutes(app, { live });
  if (opts.webDistDir) await registerWebUi(app, { distDir: opts.webDistDir });
  return app;
}

/** Background job handlers by kind. Each must be idempotent: a job may run more than once. */
export function jobHandlers(
  db: Kysely<Database>,
  clock: () => Date = () => new Date(),
): Record<string, JobHandler> {
  return {
    // Purchase orders for spares: a reminder a day before the stock-in due date, and once overdue.
    'spares.purchase_order_reminders': async () => {
      await remindPurchaseOrders({ db, now: clock() });
    },
    // RMA returns: a reminder before the faulty part is due back at the vendor, an escalation after.
    'rma.returns': async () => {
      await watchRmaReturns(db, clock());
    },
    // Sessions live on real time (the authenticator's), not on a test clock.
    'sessions.sweep': async () => {
      await db.deleteFrom('user_session').where('expires_at', '<', new Date()).execute();
    },
    // Due times computed on the old calendar / matrix are stale: recompute the open cases.
    'calendar.changed': async (job) => {
      await rescheduleOpenCases({
        db,
        now: clock(),
        calendarId: (job.payload as { calendarId: number }).calendarId,
      });
    },
    // Renewal reminders once per contract, and expiry of active contracts past their end.
    'contracts.daily': async () => {
      await runContractsDaily({ db, now: clock() });
    },
    'escalation_matrix.changed': async (job) => {
      await rescheduleOpenCases({
        db,
        now: clock(),
        serviceLevelId: (job.payload as { serviceLevelId: number }).serviceLevelId,
      });
    },
  };
}
