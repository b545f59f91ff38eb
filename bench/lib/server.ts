/**
 * The real server as a child process (`node src/cli.ts serve`, no web build): time to the first
 * answered /readyz, RSS from /proc/<pid>/status, a signed-in staff session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { nowMs } from './stats.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN_PASSWORD = 'Bench-Admin-Pass-1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Where a server or a direct connection finds its database. */
export interface DbTarget {
  engine: 'pglite' | 'postgres';
  /** PGlite: the TACDESK_DATA_DIR. */
  dataDir: string;
  /** PostgreSQL: the scratch database URL. */
  url?: string | undefined;
}

export function dbEnv(target: DbTarget): Record<string, string> {
  return target.engine === 'postgres'
    ? { DATABASE_URL: target.url!, TACDESK_DATA_DIR: target.dataDir }
    : { TACDESK_DATA_DIR: target.dataDir };
}

/** Runs `node src/cli.ts <args>` to completion (migrate, seed --demo). */
export async function runCli(target: DbTarget, args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['src/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...dbEnv(target),
      TACDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TACDESK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`tacdesk ${args.join(' ')} failed (${code}):\n${out}`);
  return out;
}

export function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** ms from spawn to the first 200 from /readyz. */
  startupMs: number;
  logs(): string;
  stop(): Promise<void>;
}

export async function startServer(
  target: DbTarget,
  opts: { cpuProfDir?: string | undefined; env?: Record<string, string> } = {},
): Promise<BenchServer> {
  const port = await freePort();
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const started = nowMs();
  const child = spawn(process.execPath, [...nodeArgs, 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...dbEnv(target),
      PORT: String(port),
      HOST: '127.0.0.1',
      TACDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TACDESK_LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (c: Buffer) => {
    output += c.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) {
        return {
          url,
          pid: child.pid!,
          child,
          startupMs: Math.round(nowMs() - started),
          logs: () => output,
          stop,
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await stop();
  throw new Error(`server did not become ready:\n${output}`);
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: number;
}

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; user: { id: number } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}
