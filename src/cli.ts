#!/usr/bin/env node
/**
 * The `tacdesk` command: serve, worker, migrate, seed, user, backup, restore.
 * Run `tacdesk help` for the list.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from './platform/config/config.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { runServer, runWorker, openAppDatabase } from './app/run-server.ts';
import { VERSION } from './app/version.ts';
import { SYSTEM_CONTEXT } from './platform/authz/actor.ts';
import { STAFF_ROLES, type StaffRole } from './modules/identity/identity-roles.ts';
import {
  createStaffUser,
  findUserByUsername,
  generatePassword,
  resetPassword,
} from './modules/identity/server/index.ts';
import { seedDemo } from './app/seed/demo-seed.ts';
import { configureSecretKey } from './platform/crypto/secret-box.ts';

const HELP = `TACdesk ${VERSION}

Usage: tacdesk <command> [options]

  serve [--build-web] [--no-worker]   HTTP server, web UI and background jobs
  worker                              background jobs only (PostgreSQL deployments)
  migrate                             apply database migrations and exit
  seed --demo                         load a realistic demo data set (empty database)
  user add --username U --name N --roles r1,r2 [--password P] [--branch CODE]
  user reset-password --username U [--password P]
  calendar import --calendar CODE --file F [--year Y] [--merge]
                                      load a year of holidays / make-up working days
  mail ingest [--url URL --token T]   record one RFC 822 message from stdin (MTA pipe); exit 0
                                      recorded, 75 try again later, 65 bad input
  backup --file F                     consistent logical backup (gzip NDJSON)
  restore --file F                    restore into an empty database
  version

Roles: ${STAFF_ROLES.join(', ')}
Configuration comes from the environment (see README.md).`;

type Handler = (config: AppConfig, args: string[]) => Promise<void>;

async function withDatabase<T>(
  config: AppConfig,
  work: (db: Awaited<ReturnType<typeof openAppDatabase>>['db']) => Promise<T>,
) {
  const handle = await openAppDatabase(config);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

const userAdd: Handler = async (config, args) => {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      password: { type: 'string' },
      branch: { type: 'string' },
    },
  });
  if (!values.username || !values.name || !values.roles)
    throw new Error('user add needs --username, --name and --roles');
  const roles = values.roles.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !STAFF_ROLES.includes(r as StaffRole));
  if (unknown.length)
    throw new Error(`unknown role(s): ${unknown.join(', ')}; roles are ${STAFF_ROLES.join(', ')}`);
  const password = values.password ?? generatePassword();
  await withDatabase(config, async (db) => {
    const branch = values.branch
      ? await db.selectFrom('branch').select('id').where('code', '=', values.branch).executeTakeFirst()
      : undefined;
    if (values.branch && !branch) throw new Error(`no branch with code ${values.branch}`);
    await createStaffUser({
      db,
      ctx: SYSTEM_CONTEXT,
      input: {
        username: values.username!,
        displayName: values.name!,
        roles: roles as StaffRole[],
        branchId: branch?.id ?? null,
        locale: 'zh-CN',
        password,
      },
      mustChangePassword: !values.password,
    });
  });
  process.stdout.write(
    `created ${values.username}${values.password ? '' : `; one-time password: ${password}`}\n`,
  );
};

const userResetPassword: Handler = async (config, args) => {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.username) throw new Error('user reset-password needs --username');
  const password = values.password ?? generatePassword();
  await withDatabase(config, async (db) => {
    const user = await findUserByUsername(db, values.username!);
    if (!user) throw new Error(`no user ${values.username}`);
    await resetPassword({
      db,
      ctx: SYSTEM_CONTEXT,
      userId: user.id,
      newPassword: password,
      mustChange: !values.password,
    });
  });
  process.stdout.write(
    `password of ${values.username} reset${values.password ? '' : `; one-time password: ${password}`}; sessions ended\n`,
  );
};

const fileArg = (args: string[]) => {
  const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
  if (!values.file) throw new Error('--file is required');
  return values.file;
};

const COMMANDS: Record<string, Handler> = {
  serve: async (config, args) => {
    const { values } = parseArgs({
      args,
      options: { 'build-web': { type: 'boolean' }, 'no-worker': { type: 'boolean' } },
    });
    await runServer(config, {
      buildWeb: values['build-web'] ?? false,
      worker: config.runWorker && !values['no-worker'],
    });
  },
  worker: (config) => runWorker(config),
  migrate: async (config) => {
    await withDatabase(config, async () => {});
    process.stdout.write('migrations applied\n');
  },
  seed: async (config, args) => {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
    if (!values.demo) throw new Error('only `seed --demo` exists so far');
    const summary = await withDatabase(config, (db) => seedDemo(db));
    process.stdout.write(`${summary}\n`);
  },
  user: async (config, args) => {
    const [sub, ...rest] = args;
    if (sub === 'add') return userAdd(config, rest);
    if (sub === 'reset-password') return userResetPassword(config, rest);
    throw new Error('user add | user reset-password');
  },
  calendar: async (config, args) => {
    const [sub, ...rest] = args;
    if (sub !== 'import') throw new Error('calendar import --calendar CODE --file F [--year Y] [--merge]');
    const { values } = parseArgs({
      args: rest,
      options: {
        calendar: { type: 'string' },
        file: { type: 'string' },
        year: { type: 'string' },
        merge: { type: 'boolean' },
      },
    });
    if (!values.calendar || !values.file) throw new Error('calendar import needs --calendar and --file');
    const { runCalendarImportCommand } = await import('./modules/calendars/server/index.ts');
    const summary = await withDatabase(config, (db) =>
      runCalendarImportCommand({
        db,
        calendarCode: values.calendar!,
        file: values.file!,
        year: values.year ? Number(values.year) : undefined,
        replace: !values.merge,
      }),
    );
    process.stdout.write(`imported into ${values.calendar}: ${JSON.stringify(summary)}\n`);
  },
  mail: async (config, args) => {
    const [sub, ...rest] = args;
    if (sub !== 'ingest') throw new Error('mail ingest [--url URL --token TOKEN] < message.eml');
    const { runMailIngestCommand } = await import('./modules/mail-intake/server/index.ts');
    const { LocalFileStore } = await import('./platform/files/file-store.ts');
    const code = await runMailIngestCommand({
      args: rest,
      stdin: process.stdin,
      env: process.env,
      maxBytes: config.maxMailBytes,
      openDirect: async () => {
        const handle = await openAppDatabase(config);
        return { ...handle, files: await LocalFileStore.open({ dataDir: config.dataDir }) };
      },
      out: (line) => process.stdout.write(`${line}\n`),
    });
    process.exit(code);
  },
  backup: async (config, args) => {
    const file = fileArg(args);
    const { runBackupCommand } = await import('./platform/db/backup.ts');
    const summary = await withDatabase(config, (db) => runBackupCommand({ db, file }));
    process.stdout.write(`backup written to ${file}: ${JSON.stringify(summary)}\n`);
  },
  restore: async (config, args) => {
    const file = fileArg(args);
    const { runRestoreCommand } = await import('./platform/db/restore.ts');
    const summary = await withDatabase(config, (db) => runRestoreCommand({ db, file }));
    process.stdout.write(`restored from ${file}: ${JSON.stringify(summary)}\n`);
  },
  version: async () => void process.stdout.write(`${VERSION}\n`),
};

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler) {
    process.stdout.write(`${HELP}\n`);
    process.exit(command && command !== 'help' ? 2 : 0);
  }
  const config = loadConfig();
  // Every command that reads or writes a stored secret (the worker, `mail ingest` …) seals with this key.
  configureSecretKey(config);
  await handler(config, args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof DataDirLockedError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`tacdesk: ${message}\n`);
  process.exit(1);
});
