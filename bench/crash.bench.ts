/**
 * Crash durability and two nodes, full form (the short form runs in `npm test`:
 * test/process/crash-durability.test.ts and test/process/two-nodes.test.ts). Run:
 *   npm exec -- node bench/crash.bench.ts
 *
 * 1. Per engine, BENCH_CRASH_ROUNDS rounds: case intake through the HTTP API from
 *    BENCH_CRASH_WRITERS writers, SIGKILL at a random moment, restart on the same data (every
 *    BENCH_CRASH_STARTUP_KILL_EVERY-th round the restart itself is killed during start-up first),
 *    then everything read back through the API: acknowledged cases lost or changed, committed
 *    cases without their `case.opened` event, gaps in the numbering, restart times.
 * 2. Two `tacdesk serve` processes on one PostgreSQL database with BENCH_TWO_NODE_DUE escalation
 *    steps coming due at once: steps fired twice or missed, counted from `case.escalated` events.
 *
 * Writes bench/results/crash.json. Environment (defaults in brackets):
 *   BENCH_ENGINES [pglite,postgres]  BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/test]
 *   (used only to create and drop scratch databases)  BENCH_CRASH_ROUNDS [25]
 *   BENCH_CRASH_WRITERS [4]  BENCH_CRASH_KILL_MS [150,2500] load before the kill, uniform
 *   BENCH_CRASH_STARTUP_KILL_EVERY [5]  BENCH_TWO_NODE_DUE [10000] (0 skips the two-node run)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  createScratchDatabase,
  runCrashRounds,
  runTwoNodes,
  type CrashResult,
  type TwoNodeResult,
} from '../test/harness/crash-harness.ts';
import { ROOT } from './lib/server.ts';
import { log } from './lib/stats.ts';

const env = process.env;
const CONFIG = {
  /** `none` runs only the two-node part. */
  engines: (env.BENCH_ENGINES || 'pglite,postgres')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is 'pglite' | 'postgres' => s === 'pglite' || s === 'postgres'),
  pgUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  rounds: Number(env.BENCH_CRASH_ROUNDS || 25),
  writers: Number(env.BENCH_CRASH_WRITERS || 4),
  killMs: (env.BENCH_CRASH_KILL_MS || '150,2500').split(',').map(Number) as [number, number],
  startupKillEvery: Number(env.BENCH_CRASH_STARTUP_KILL_EVERY ?? 5),
  twoNodeDue: Number(env.BENCH_TWO_NODE_DUE ?? 10_000),
};

async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** What a reader of the JSON needs without the per-round detail. */
function summary(r: CrashResult) {
  return {
    engine: r.engine,
    rounds: r.rounds.length,
    startupKills: r.rounds.filter((x) => x.startupKillMs !== null).length,
    acknowledged: r.acknowledged,
    committed: r.committed,
    committedUnacknowledged: r.committed - r.acknowledged,
    lost: r.lost.length,
    eventMismatches: r.eventMismatches.length,
    gaps: r.gaps.length,
    unexpectedStatuses: r.unexpectedStatuses.length,
    restartFailures: r.restartFailures.length,
    restartMsP50: r.restartMs.p50,
    restartMsMax: r.restartMs.max,
    seconds: r.seconds,
  };
}

const started = performance.now();
const pgOk = await pgReachable(CONFIG.pgUrl);
if (!pgOk) log(`PostgreSQL at ${CONFIG.pgUrl} is not reachable: PGlite only, no two-node run`);

const crash: CrashResult[] = [];
const errors: string[] = [];
for (const engine of CONFIG.engines) {
  if (engine === 'postgres' && !pgOk) continue;
  const scratch = engine === 'postgres' ? await createScratchDatabase(CONFIG.pgUrl) : null;
  try {
    log(`${engine}: ${CONFIG.rounds} crash rounds, ${CONFIG.writers} writers`);
    const r = await runCrashRounds({
      engine,
      databaseUrl: scratch?.url,
      rounds: CONFIG.rounds,
      writers: CONFIG.writers,
      killAfterMs: CONFIG.killMs,
      killDuringStartEvery: CONFIG.startupKillEvery,
      log,
    });
    crash.push(r);
    log(`${engine}: ${JSON.stringify(summary(r))}`);
    for (const line of [...r.restartFailures, ...r.lost, ...r.eventMismatches, ...r.gaps].slice(0, 20))
      log(`  ${line}`);
  } catch (error) {
    errors.push(`${engine}: ${(error as Error).message.slice(0, 2000)}`);
    log(`${engine} failed: ${(error as Error).message}`);
  } finally {
    await scratch?.drop();
  }
}

let twoNodes: TwoNodeResult | null = null;
if (pgOk && CONFIG.twoNodeDue > 0) {
  log(`two nodes on PostgreSQL: ${CONFIG.twoNodeDue} escalation steps due`);
  try {
    twoNodes = await runTwoNodes({ adminUrl: CONFIG.pgUrl, due: CONFIG.twoNodeDue, log });
  } catch (error) {
    errors.push(`two nodes: ${(error as Error).message.slice(0, 2000)}`);
    log(`two nodes failed: ${(error as Error).message}`);
  }
}
if (twoNodes) {
  log(
    `two nodes: ${twoNodes.events} events for ${twoNodes.due} due steps, ${twoNodes.duplicates.length} duplicates, ` +
      `${twoNodes.missed.length} missed, drained in ${twoNodes.drainSeconds} s, ${twoNodes.sweeps} sweeps ` +
      `(largest shares ${twoNodes.largestSweeps.join(' / ')}, concurrent: ${twoNodes.concurrentSweeps})`,
  );
}

const result = {
  bench: 'crash',
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  config: CONFIG,
  crash: crash.map((r) => ({ ...summary(r), details: r })),
  twoNodes: twoNodes && {
    ...twoNodes,
    duplicates: twoNodes.duplicates.slice(0, 50),
    missed: twoNodes.missed.slice(0, 50),
    unexpected: twoNodes.unexpected.slice(0, 50),
  },
  errors,
  minutes: Math.round((performance.now() - started) / 600) / 100,
};
const out = path.join(ROOT, 'bench', 'results', 'crash.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
log(`wrote ${path.relative(ROOT, out)} after ${result.minutes} min`);
const failed =
  errors.length > 0 ||
  crash.some(
    (r) => r.lost.length + r.gaps.length + r.eventMismatches.length + r.restartFailures.length > 0,
  ) ||
  Boolean(twoNodes && (twoNodes.duplicates.length || twoNodes.missed.length || twoNodes.stillDue));
process.exitCode = failed ? 1 : 0;
