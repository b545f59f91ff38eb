/**
 * `tacdesk serve`: open the database (PGlite takes the data-dir lock), migrate, make sure an
 * administrator exists, serve the API and web UI, run background jobs; stop cleanly on signals.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AppConfig } from '../platform/config/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { JobRunner } from '../platform/jobs/job-runner.ts';
import { ensureAdminUser } from '../modules/identity/server/index.ts';
import { ensureWebBuild } from '../platform/web/web-build.ts';
import { buildApp, jobHandlers } from './build-app.ts';
import { startPeriodicJobs } from './periodic-jobs.ts';
import { ensureDefaultCalendars } from '../modules/calendars/server/index.ts';
import { EscalationLoop } from '../modules/sla/server/index.ts';
import { DeliverySender, startDeliveryLoop } from '../modules/notifications/server/index.ts';
import { createSmtpMailer } from '../platform/mail/mailer.ts';
import { movableClock } from '../platform/time/movable-clock.ts';
import { MailboxPoller, startMailboxPolling } from '../modules/mailboxes/server/index.ts';
import { LocalFileStore } from '../platform/files/file-store.ts';
import { VERSION } from './version.ts';

/** Opens and migrates the configured database. */
export async function openAppDatabase(config: AppConfig): Promise<DatabaseHandle<Database>> {
  const handle = await openDatabase<Database>({
    url: config.databaseUrl,
    pgliteDir: config.dataDir,
    poolMax: config.dbPoolMax,
  });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function announceAdmin(result: Awaited<ReturnType<typeof ensureAdminUser>>) {
  if (!result.created) return;
  if (result.oneTimePassword) {
    const line = '='.repeat(72);
    process.stdout.write(
      `\n${line}\n TACdesk 首次启动 / first start\n` +
        ` 管理员账号 / administrator:  ${result.username}\n` +
        ` 一次性密码 / one-time password:  ${result.oneTimePassword}\n` +
        ` 此密码只显示这一次，首次登录后必须修改。\n` +
        ` Shown this once only; you must change it at first sign-in.\n${line}\n\n`,
    );
  } else {
    process.stdout.write(
      `TACdesk: administrator "${result.username}" created with TACDESK_ADMIN_PASSWORD.\n`,
    );
  }
}

export async function runServer(
  config: AppConfig,
  opts: { buildWeb: boolean; worker: boolean },
): Promise<void> {
  const webDistDir = opts.buildWeb
    ? await ensureWebBuild({ log: (m) => process.stdout.write(`${m}\n`) })
    : undefined;
  const handle = await openAppDatabase(config);
  announceAdmin(await ensureAdminUser({ db: handle.db, presetPassword: config.adminPassword }));
  await ensureDefaultCalendars({ db: handle.db });
  const testClock = config.testMode ? movableClock() : undefined;
  const app = await buildApp({ db: handle.db, config, webDistDir, postgresUrl: handle.url, testClock });
  if (testClock) app.log.warn('TEST MODE: the clock can be moved through POST /api/test/clock');
  const background: BackgroundWork | null = opts.worker
    ? startBackgroundWork(handle.db, config, app.log, testClock?.now)
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await background?.stop();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { engine: handle.engine, dataDir: handle.engine === 'pglite' ? config.dataDir : undefined },
    'TACdesk ready',
  );
}

type LogFn = (obj: object, msg: string) => void;
interface BackgroundLog {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

interface BackgroundWork {
  runnerId: string;
  stop(): Promise<void>;
}

/**
 * The background work of a process: the job runner, the periodic job schedule and the
 * escalation engine. Safe in every process at once (SKIP LOCKED claims, idempotent effects).
 */
function startBackgroundWork(
  db: Kysely<Database>,
  config: AppConfig,
  log: BackgroundLog,
  clock: () => Date = () => new Date(),
): BackgroundWork {
  const runner = new JobRunner({ db, handlers: jobHandlers(db, clock), log });
  runner.start();
  const stopPeriodic = startPeriodicJobs(db, (err) => log.error({ err }, 'periodic jobs failed'));
  const escalations = new EscalationLoop({
    db,
    clock,
    onError: (err) => log.error({ err }, 'escalation sweep failed'),
  });
  escalations.start();
  const mailer = config.smtp ? createSmtpMailer(config.smtp) : null;
  const sender = new DeliverySender({ db, mailer, publicUrl: config.publicUrl, clock });
  const stopDeliveries = startDeliveryLoop(sender, (err) => log.error({ err }, 'delivery loop failed'));
  const mailboxes = new MailboxPoller({
    db,
    files: new LocalFileStore({ dataDir: config.dataDir }),
    clock,
    log,
    maxMailBytes: config.maxMailBytes,
    clientVersion: VERSION,
  });
  const stopMailboxes = startMailboxPolling(mailboxes, (err) => log.error({ err }, 'mailbox polling failed'));
  return {
    runnerId: runner.id,
    async stop() {
      stopPeriodic();
      await stopMailboxes();
      await stopDeliveries();
      mailer?.close();
      await escalations.stop();
      await runner.stop();
    },
  };
}

/** `tacdesk worker`: background work only, for a separate process on PostgreSQL. */
export async function runWorker(config: AppConfig): Promise<void> {
  const handle = await openAppDatabase(config);
  const line = (level: string) => (obj: object, msg: string) => {
    const err = (obj as { err?: unknown }).err;
    console.error(JSON.stringify({ level, msg, ...obj, ...(err !== undefined && { err: String(err) }) }));
  };
  const log = { info: line('info'), warn: line('warn'), error: line('error') };
  const background = startBackgroundWork(handle.db, config, log);
  const stop = async () => {
    await background.stop();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`TACdesk worker ${background.runnerId} running\n`);
}
