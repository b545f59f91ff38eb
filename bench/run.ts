/**
 * `npm run bench`: TACdesk measured against its own database's ceiling, in one run.
 *
 * Per engine (PGlite always; PostgreSQL when BENCH_DATABASE_URL is reachable):
 *  1. baseline: a case-shaped transaction (case + event + job rows) straight through the driver,
 *     and the same transaction by pgbench (PostgreSQL);
 *  2. intake: POST /api/cases through the real server (`node src/cli.ts serve`), signed in as a
 *     hotline operator, at each concurrency for a fixed time; ratio to the same-run baseline;
 *  3. at each size N: bulk-seeded cases, then the queue view and searches through the HTTP API
 *     (p50/p95) and EXPLAIN (ANALYZE, BUFFERS) of their SQL;
 *  4. at each size N: one escalation sweep with the same number of cases due;
 *  5. time from `serve` to the first answered /readyz; server RSS idle and under load.
 * Writes bench/results/bench-<engine…>-<time>.json, bench/results/latest.json, and the table in
 * docs/PERFORMANCE.md. Environment (defaults in brackets):
 *   BENCH_ENGINES [pglite,postgres]  BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/test]
 *   BENCH_SECONDS [10] per intake step   BENCH_BASELINE_SECONDS [5]   BENCH_CONCURRENCY [1,4,16]
 *   BENCH_SIZES [10000,100000]   BENCH_QUERY_REQUESTS [200]   BENCH_SWEEP_DUE [1000]
 *   BENCH_OPEN_SHARE [0.25] share of seeded cases that are open   BENCH_CPU_PROF [unset] =1 profiles
 *   the server (bench/results/prof)   BENCH_KEEP [unset] =1 keeps the scratch databases
 *   BENCH_DOCS [1] =0 leaves docs/PERFORMANCE.md alone
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/platform/db/database.ts';
import type { Database } from '../src/app/database-schema.ts';
import { caseText, pick, rng, SEARCH_TERMS, weighted } from './lib/corpus.ts';
import {
  findPgbench,
  pgbenchBaseline,
  pgDriverBaseline,
  pgliteDriverBaseline,
  type BaselineResult,
} from './lib/baseline.ts';
import { httpClient, runLoad, type RequestSpec } from './lib/http-load.ts';
import { explainList, measureSweep, openLogged, staffActor } from './lib/in-process.ts';
import { loadCatalog, seedCases, type Catalog } from './lib/seed-cases.ts';
import { rssMiB, runCli, signIn, startServer, ROOT, type BenchServer, type DbTarget } from './lib/server.ts';
import { log, nowMs, round } from './lib/stats.ts';
import { writeReport } from './lib/report.ts';

const env = process.env;
const list = (v: string | undefined, d: string) =>
  (v || d)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const CONFIG = {
  engines: list(env.BENCH_ENGINES, 'pglite,postgres') as Array<'pglite' | 'postgres'>,
  pgUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  seconds: Number(env.BENCH_SECONDS || 10),
  baselineSeconds: Number(env.BENCH_BASELINE_SECONDS || 5),
  concurrency: list(env.BENCH_CONCURRENCY, '1,4,16').map(Number),
  sizes: list(env.BENCH_SIZES, '10000,100000').map(Number),
  queryRequests: Number(env.BENCH_QUERY_REQUESTS || 200),
  sweepDue: Number(env.BENCH_SWEEP_DUE || 1000),
  openShare: Number(env.BENCH_OPEN_SHARE || 0.25),
  cpuProf: env.BENCH_CPU_PROF === '1',
  keep: env.BENCH_KEEP === '1',
  docs: env.BENCH_DOCS !== '0',
};
const RESULTS = path.join(ROOT, 'bench', 'results');
const STAFF_USER = { username: 'wangfang', password: 'Demo-2026-tac' };
fs.mkdirSync(RESULTS, { recursive: true });

async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: CONFIG.pgUrl });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** A scratch database (PostgreSQL) or data directory (PGlite); dropped at the end. */
async function scratch(engine: 'pglite' | 'postgres', label: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tacdesk-bench-${label}-`));
  if (engine === 'pglite') {
    return {
      target: { engine, dataDir } as DbTarget,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tacdesk_bench_${label}_${process.pid}`;
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  const url = new URL(CONFIG.pgUrl);
  url.pathname = `/${name}`;
  return {
    target: { engine, dataDir, url: url.toString() } as DbTarget,
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function baseline(engine: 'pglite' | 'postgres') {
  const s = await scratch(engine, 'base');
  try {
    await runCli(s.target, ['migrate']);
    const driver: BaselineResult[] = [];
    const pgbench: unknown[] = [];
    if (engine === 'pglite') {
      const pgdata = path.join(s.target.dataDir, 'pgdata');
      const db = await PGlite.create({ dataDir: pgdata });
      const org = await db.query<{ id: number }>(
        `insert into organisation (name) values ('基准客户') returning id`,
      );
      await db.close();
      log(`pglite baseline: driver, ${CONFIG.baselineSeconds} s (one connection: concurrency 1)`);
      driver.push(await pgliteDriverBaseline(pgdata, Number(org.rows[0]!.id), CONFIG.baselineSeconds));
      log(`  ${driver[0]!.perSecond} tx/s, p50 ${driver[0]!.latencyMs.p50} ms`);
    } else {
      const c = new pg.Client({ connectionString: s.target.url });
      await c.connect();
      const org = await c.query(`insert into organisation (name) values ('基准客户') returning id`);
      await c.end();
      const orgId = Number(org.rows[0].id);
      const bin = findPgbench();
      for (const conc of CONFIG.concurrency) {
        log(`postgres baseline: driver at concurrency ${conc}, ${CONFIG.baselineSeconds} s`);
        const d = await pgDriverBaseline(s.target.url!, orgId, conc, CONFIG.baselineSeconds);
        driver.push(d);
        log(`  ${d.perSecond} tx/s, p50 ${d.latencyMs.p50} ms, p99 ${d.latencyMs.p99} ms`);
        if (bin) {
          log(`postgres baseline: pgbench at concurrency ${conc}, ${CONFIG.baselineSeconds} s`);
          const b = pgbenchBaseline(bin, s.target.url!, orgId, conc, CONFIG.baselineSeconds);
          pgbench.push(b);
          log(
            `  ${'error' in b ? b.error : `${b.perSecond} tx/s, p50 ${b.latencyMs.p50} ms, p99 ${b.latencyMs.p99} ms`}`,
          );
        }
      }
      if (!bin) pgbench.push({ error: 'pgbench not installed' });
    }
    return { driver, pgbench };
  } finally {
    if (!CONFIG.keep) await s.drop();
  }
}

function intakePayloads(catalog: Catalog, seed: number) {
  const r = rng(seed);
  const orgTable = catalog.orgs.map((o) => [o, o.weight] as const);
  return (): RequestSpec => {
    const org = weighted(r, orgTable);
    const t = caseText(r);
    const serials = catalog.serials.get(org.id) ?? [];
    const assign = r();
    const body = {
      organisationId: org.id,
      siteId: r() < 0.5 ? (pick(r, catalog.sites.get(org.id) ?? [null]) ?? null) : null,
      contactId: r() < 0.7 ? (pick(r, catalog.contacts.get(org.id) ?? [null]) ?? null) : null,
      channel: weighted(r, [
        ['phone', 60],
        ['email', 25],
        ['web', 10],
        ['alert', 5],
      ] as const),
      category: t.category,
      assetSerial:
        r() < 0.4 ? (serials.length && r() < 0.6 ? pick(r, serials) : `SN${Math.floor(r() * 1e10)}`) : null,
      title: t.title,
      description: t.description,
      priority: weighted(r, [
        [1, 3],
        [2, 12],
        [3, 55],
        [4, 30],
      ] as const),
      impact: pick(r, ['single_user', 'department', 'site', 'organisation', null] as const),
      assigneeId: assign < 0.3 ? pick(r, catalog.engineers) : null,
      groupId: assign >= 0.3 && assign < 0.5 && catalog.groups.length ? pick(r, catalog.groups) : null,
    };
    return { method: 'POST', path: '/api/cases', body: JSON.stringify(body) };
  };
}

async function withServer<T>(target: DbTarget, label: string, work: (s: BenchServer) => Promise<T>) {
  const server = await startServer(target, {
    cpuProfDir: CONFIG.cpuProf ? path.join(RESULTS, 'prof', `${target.engine}-${label}`) : undefined,
  });
  log(`server up in ${server.startupMs} ms (pid ${server.pid}, ${label})`);
  try {
    return await work(server);
  } catch (error) {
    process.stderr.write(server.logs().slice(-5000));
    throw error;
  } finally {
    await server.stop();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function engineRun(engine: 'pglite' | 'postgres') {
  const out: Record<string, unknown> = { engine };
  const base = await baseline(engine);
  out.baseline = base;
  const s = await scratch(engine, 'main');
  try {
    log(`${engine}: tacdesk seed --demo`);
    await runCli(s.target, ['seed', '--demo']);
    let catalog: Catalog;
    {
      const h = await openDatabase<Database>({ url: s.target.url, pgliteDir: s.target.dataDir });
      catalog = await loadCatalog(h.db);
      await h.close();
    }

    // Intake and memory, on the demo data set.
    out.intake = await withServer(s.target, 'intake', async (server) => {
      await sleep(2000);
      const idleRss = rssMiB(server.pid);
      const session = await signIn(server.url, STAFF_USER.username, STAFF_USER.password);
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, accept: 'application/json' };
      const steps = [];
      let loadRss: number[] = [];
      for (const conc of CONFIG.concurrency) {
        const client = httpClient(server.url, headers, conc);
        const next = intakePayloads(catalog, 100 + conc);
        // Warm-up: a second of the same traffic, not counted.
        await runLoad({
          send: client.send,
          next,
          concurrency: conc,
          seconds: 1,
          maxRequests: 2000,
          okStatus: 201,
        });
        const rss: number[] = [];
        log(`${engine}: intake at concurrency ${conc} for ${CONFIG.seconds} s`);
        const res = await runLoad({
          send: client.send,
          next,
          concurrency: conc,
          seconds: CONFIG.seconds,
          maxRequests: 200_000,
          okStatus: 201,
          onTick: () => rss.push(rssMiB(server.pid)),
        });
        client.close();
        const b =
          engine === 'pglite'
            ? base.driver[0]
            : (base.driver.find((d) => d.concurrency === conc) ?? base.driver.at(-1));
        const pgb = (base.pgbench as Array<BaselineResult & { error?: string }>).find(
          (d) => !d.error && d.concurrency === conc,
        );
        const step = {
          ...res,
          rssMiB: {
            max: Math.max(...rss),
            mean: round(rss.reduce((a, x) => a + x, 0) / Math.max(1, rss.length), 1),
          },
          baselinePerSecond: b?.perSecond ?? null,
          ratioToDriver: b ? round(res.perSecond / b.perSecond, 3) : null,
          ratioToPgbench: pgb ? round(res.perSecond / pgb.perSecond, 3) : null,
        };
        if (conc === Math.max(...CONFIG.concurrency)) loadRss = rss;
        steps.push(step);
        log(
          `  ${res.perSecond} cases/s, p50 ${res.latencyMs.p50} ms, p99 ${res.latencyMs.p99} ms, ` +
            `${res.failed} failed, ${round((step.ratioToDriver ?? 0) * 100, 1)} % of driver baseline, RSS max ${step.rssMiB.max} MiB` +
            (res.firstError ? `\n  first error: ${res.firstError}` : ''),
        );
      }
      await sleep(3000);
      return {
        startupMs: server.startupMs,
        rss: {
          idleMiB: idleRss,
          underMaxConcurrencyMaxMiB: Math.max(...loadRss),
          idleAfterLoadMiB: rssMiB(server.pid),
        },
        steps,
      };
    });

    // Queue, search and sweep at each size.
    const sizes = [];
    for (const n of CONFIG.sizes) {
      log(`${engine}: seeding to ${n} cases (open share ${CONFIG.openShare})`);
      const h = await openDatabase<Database>({ url: s.target.url, pgliteDir: s.target.dataDir });
      const seed = await seedCases(h.db, { total: n, openShare: CONFIG.openShare, seed: 42 });
      await h.close();
      log(`  ${JSON.stringify(seed)}`);
      const http = await withServer(s.target, `n${n}`, async (server) => {
        const session = await signIn(server.url, STAFF_USER.username, STAFF_USER.password);
        const headers = { cookie: session.cookie, accept: 'application/json' };
        const client = httpClient(server.url, headers, 1);
        const queries: Record<string, string> = {
          queue: '/api/cases?open=true&sort=sla&limit=50',
          searchZhCommon: `/api/cases?q=${encodeURIComponent(SEARCH_TERMS.zhCommon)}`,
          searchZhRare: `/api/cases?q=${encodeURIComponent(SEARCH_TERMS.zhRare)}`,
          searchEn: `/api/cases?q=${encodeURIComponent(SEARCH_TERMS.en)}`,
          searchZhNeedle: `/api/cases?q=${encodeURIComponent(SEARCH_TERMS.zhNeedle)}`,
          // The queue's search box sorts by relevance.
          relevanceZhCommon: `/api/cases?q=${encodeURIComponent(SEARCH_TERMS.zhCommon)}&sort=relevance`,
          relevanceZhRare: `/api/cases?q=${encodeURIComponent(SEARCH_TERMS.zhRare)}&sort=relevance`,
        };
        const results: Record<string, unknown> = {};
        for (const [name, p] of Object.entries(queries)) {
          const spec: RequestSpec = { method: 'GET', path: p };
          const first = await client.send(spec);
          const items =
            first.status === 200 ? (JSON.parse(first.body) as { items: unknown[] }).items.length : -1;
          await runLoad({
            send: client.send,
            next: () => spec,
            concurrency: 1,
            seconds: 5,
            maxRequests: 20,
            okStatus: 200,
          });
          const res = await runLoad({
            send: client.send,
            next: () => spec,
            concurrency: 1,
            seconds: 60,
            maxRequests: CONFIG.queryRequests,
            okStatus: 200,
          });
          results[name] = { path: p, items, ...res };
          log(
            `  ${name} (${items} items): p50 ${res.latencyMs.p50} ms, p95 ${res.latencyMs.p95} ms over ${res.ok}`,
          );
        }
        client.close();
        return { startupMs: server.startupMs, rssAfterQueriesMiB: rssMiB(server.pid), queries: results };
      });
      const o = await openLogged(s.target);
      let sweep;
      const explains: Record<string, string> = {};
      try {
        const actor = staffActor(catalog.openers[0]!);
        const filters = {
          queue: { open: true, sort: 'sla' as const, limit: 50 },
          searchZhCommon: { q: SEARCH_TERMS.zhCommon },
          searchZhRare: { q: SEARCH_TERMS.zhRare },
          searchEn: { q: SEARCH_TERMS.en },
          searchZhNeedle: { q: SEARCH_TERMS.zhNeedle },
          relevanceZhCommon: { q: SEARCH_TERMS.zhCommon, sort: 'relevance' as const },
          relevanceZhRare: { q: SEARCH_TERMS.zhRare, sort: 'relevance' as const },
        };
        for (const [name, f] of Object.entries(filters)) {
          explains[name] = await explainList(o, actor, f);
          const file = path.join(RESULTS, `explain-${engine}-${n}-${name}.txt`);
          fs.writeFileSync(file, explains[name]!);
        }
        log(`  EXPLAIN (ANALYZE, BUFFERS) written to bench/results/explain-${engine}-${n}-*.txt`);
        log(`${engine}: escalation sweep at ${n} cases, ${CONFIG.sweepDue} due`);
        sweep = await measureSweep(o, CONFIG.sweepDue);
        log(`  ${JSON.stringify(sweep)}`);
      } finally {
        await o.close();
      }
      const planLine = (name: string) =>
        (explains[name] ?? '').split('\n').find((l) => l.includes('Execution Time')) ?? '';
      sizes.push({
        n,
        seed,
        ...http,
        sqlExecutionTime: Object.fromEntries(Object.keys(explains).map((k) => [k, planLine(k).trim()])),
        sweep,
      });
    }
    out.sizes = sizes;
    const sw = sizes.map((x) => x.sweep as { seconds?: number; msPerCase?: number });
    if (sw.length >= 2 && sw[0]?.seconds && sw.at(-1)?.seconds) {
      out.sweepRatio = {
        from: CONFIG.sizes[0],
        to: CONFIG.sizes.at(-1),
        totalTime: round(sw.at(-1)!.seconds! / sw[0]!.seconds!, 2),
        perCase: round(sw.at(-1)!.msPerCase! / sw[0]!.msPerCase!, 2),
      };
    }
  } finally {
    if (!CONFIG.keep) await s.drop();
    else log(`kept ${JSON.stringify(s.target)}`);
  }
  return out;
}

// BENCH_REPORT_FROM=a.json,b.json: no measuring; merge the engines of earlier runs into one report.
if (env.BENCH_REPORT_FROM) {
  const runs = list(env.BENCH_REPORT_FROM, '').map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const merged = {
    ...runs.at(-1),
    engines: runs.flatMap((r) => r.engines),
    minutes: runs.reduce((a, r) => a + r.minutes, 0),
  };
  merged.machine = Object.assign({}, ...runs.map((r) => r.machine));
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(merged, null, 2));
  process.stdout.write(`${await writeReport(merged, { docs: CONFIG.docs })}\n`);
  process.exit(0);
}

const started = nowMs();
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memGiB: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
const engines: Record<string, unknown>[] = [];
for (const engine of CONFIG.engines) {
  if (engine === 'postgres' && !(await pgReachable(CONFIG.pgUrl))) {
    log(`postgres: ${CONFIG.pgUrl} not reachable, skipped`);
    continue;
  }
  if (engine === 'postgres') {
    const v = await adminQuery('show server_version');
    (machine as Record<string, unknown>).postgres = v.rows[0].server_version;
  }
  log(`=== ${engine} ===`);
  try {
    engines.push(await engineRun(engine));
  } catch (error) {
    // One engine failing (a PostgreSQL restart by someone else, say) must not lose the other's results.
    log(`${engine} failed: ${error instanceof Error ? error.stack : String(error)}`);
    engines.push({ engine, error: String(error) });
  }
}
const { version: pgliteVersion } = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
) as { version: string };
const result = {
  bench: 'tacdesk',
  at: new Date().toISOString(),
  minutes: round((nowMs() - started) / 60_000, 1),
  machine: { ...machine, pglite: pgliteVersion },
  config: { ...CONFIG, pgUrl: CONFIG.pgUrl.replace(/:[^:@/]*@/, ':***@') },
  engines,
};
const stamp = result.at.replace(/[:.]/g, '-');
fs.writeFileSync(path.join(RESULTS, `bench-${stamp}.json`), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(result, null, 2));
const md = await writeReport(result, { docs: CONFIG.docs });
process.stdout.write(`\n${md}\n`);
log(`done in ${result.minutes} min; bench/results/bench-${stamp}.json`);
