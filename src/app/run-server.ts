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
  const app = await buildApp({ db: handle.db, config, webDistDir });
  const runner = new JobRunner({ db: handle.db, handlers: jobHandlers(handle.db), log: app.log });
  let stopPeriodic = () => {};
  if (opts.worker) {
    runner.start();
    stopPeriodic = startPeriodicJobs(handle.db, (err) => app.log.error({ err }, 'periodic jobs failed'));
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopPeriodic();
    await app.close();
    await runner.stop();
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

/** `tacdesk worker`: background jobs only, for a separate process on PostgreSQL. */
export async function runWorker(config: AppConfig): Promise<void> {
  const handle = await openAppDatabase(config);
  const log = {
    error: (obj: object, msg: string) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
  };
  const runner = new JobRunner({ db: handle.db, handlers: jobHandlers(handle.db), log });
  runner.start();
  const stopPeriodic = startPeriodicJobs(handle.db, (err) =>
    log.error({ err: String(err) }, 'periodic jobs failed'),
  );
  const stop = async () => {
    stopPeriodic();
    await runner.stop();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`TACdesk worker ${runner.id} running\n`);
}
