/**
 * The installed-base, contract, stock and RMA code paths a TAC hotline operator and a spare-parts
 * clerk hit, in-process against a scratch database, each against a baseline measured in the same
 * run on the same database handle (the machine is shared and noisy: quote ratios, not absolutes).
 * Per engine (PGlite always; PostgreSQL when BENCH_DATABASE_URL is reachable: a scratch database
 * is created there and dropped at the end):
 *  1. entitlement by serial at each size N of installed base (bench/lib/seed-installed-base.ts):
 *     `lookUpEntitlement` by exact serial, lower-case serial, unknown serial (alone, and with the
 *     customer named, as intake calls it), p50/p95, interleaved call by call with the baseline: a
 *     primary-key select of one asset row; EXPLAIN (ANALYZE, BUFFERS) of every statement of one
 *     lookup (bench/results/explain-installed-base-<engine>-<N>-entitlement.txt);
 *  2. asset import of an xlsx of BENCH_IMPORT_ROWS rows built with exceljs through `importAssets`
 *     (dry run and real), rows/s, against one multi-row INSERT of the same rows;
 *  3. the stock ledger through `recordStockMovement` (the clerk's command: a transaction around
 *     `moveStock`): BENCH_STOCK_ROUNDS sequential purchase_in + reserve + issue of a part held by
 *     quantity, interleaved with a baseline transaction (update one row, insert one row); then 8
 *     concurrent clerks reserving the same (store, part) vs 8 different parts, with the same
 *     baseline at concurrency 8, and the levels checked against the ledger (never negative);
 *  4. the monthly RMA report over BENCH_RMAS seeded RMAs, against a count of the month's RMAs,
 *     and its EXPLAIN.
 * Run: npm exec -- node bench/installed-base.bench.ts   (writes bench/results/installed-base.json)
 * Environment [defaults]: BENCH_ENGINES [pglite,postgres]
 *   BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/test] (only to create/drop the scratch db)
 *   BENCH_ASSET_SIZES [10000,100000]  BENCH_LOOKUPS [500]  BENCH_IMPORT_ROWS [2000]  BENCH_IMPORT_REPS [3]
 *   BENCH_STOCK_ROUNDS [1000]  BENCH_CONCURRENT_EACH [50] reservations per clerk  BENCH_RMAS [10000]
 *   BENCH_ASSET_READS [30] asset card / list calls per size
 *   BENCH_TRY_INDEX [1] =0 skips re-measuring the asset reads with the proposed index (scratch only)   BENCH_KEEP [unset] =1 keeps the scratch database
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../src/app/database-schema.ts';
import type { RequestContext } from '../src/platform/authz/actor.ts';
import { AppError } from '../src/platform/http/app-error.ts';
import { registerEventHook } from '../src/platform/events/domain-events.ts';
import { SerializedPGliteDialect } from '../src/platform/db/serialized-pglite-dialect.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { lookUpEntitlement, serviceDay } from '../src/modules/contracts/server/index.ts';
import { importAssets } from '../src/modules/assets/server/commands/import-assets.ts';
import { loadWorkbook } from '../src/modules/assets/server/asset-import-rows.ts';
import { listAssets, loadVisibleAsset } from '../src/modules/assets/server/asset.repository.ts';
import { recordStockMovement } from '../src/modules/spares/server/commands/record-stock-movement.ts';
import { rmaMonthlyReport } from '../src/modules/rma/server/rma-report.ts';
import { writeDeliveries } from '../src/modules/notifications/server/index.ts';
import { rng } from './lib/corpus.ts';
import { ROOT } from './lib/server.ts';
import { log, nowMs, round, summarize } from './lib/stats.ts';
import {
  assetSpec,
  seedAssets,
  seedCases,
  seedRmas,
  seedWorld,
  type World,
} from './lib/seed-installed-base.ts';

const env = process.env;
const list = (v: string | undefined, d: string) =>
  (v || d)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const CONFIG = {
  engines: list(env.BENCH_ENGINES, 'pglite,postgres') as Array<'pglite' | 'postgres'>,
  pgUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  sizes: list(env.BENCH_ASSET_SIZES, '10000,100000').map(Number),
  lookups: Number(env.BENCH_LOOKUPS || 500),
  importRows: Number(env.BENCH_IMPORT_ROWS || 2000),
  importReps: Number(env.BENCH_IMPORT_REPS || 3),
  stockRounds: Number(env.BENCH_STOCK_ROUNDS || 1000),
  concurrentEach: Number(env.BENCH_CONCURRENT_EACH || 50),
  rmas: Number(env.BENCH_RMAS || 10000),
  assetReads: Number(env.BENCH_ASSET_READS || 30),
  tryIndex: env.BENCH_TRY_INDEX !== '0',
  orgs: 1000,
  keep: env.BENCH_KEEP === '1',
};
const RESULTS = path.join(ROOT, 'bench', 'results');
const SEED = 20261122;
fs.mkdirSync(RESULTS, { recursive: true });

// The server registers this hook when the app module loads; the bench runs the same commands, so
// the same hook runs in their transactions (it writes nothing for stock and import events).
registerEventHook(writeDeliveries);

// Same parsers as the app (src/platform/db/database.ts): int8 as number, `date` as 'YYYY-MM-DD'.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1082, (v) => v);

// ---------------------------------------------------------------------------------------------
// Scratch database with a query log that can be switched on around one call.

interface Scratch {
  engine: 'pglite' | 'postgres';
  db: Kysely<Database>;
  /** Runs `work` and returns the statements it sent. */
  capture<T>(work: () => Promise<T>): Promise<{ result: T; queries: CompiledQuery[] }>;
  close(): Promise<void>;
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

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: CONFIG.pgUrl, connectionTimeoutMillis: 3000 });
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

async function openScratch(engine: 'pglite' | 'postgres'): Promise<Scratch & { drop(): Promise<void> }> {
  let capturing: CompiledQuery[] | null = null;
  const logFn = (e: { level: string; query: CompiledQuery }) => {
    if (capturing && e.level === 'query') capturing.push(e.query);
  };
  const capture = async <T>(work: () => Promise<T>) => {
    capturing = [];
    try {
      const result = await work();
      return { result, queries: capturing };
    } finally {
      capturing = null;
    }
  };
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-bench-ib-'));
    const pglite = await PGlite.create({
      dataDir: dir,
      parsers: { 20: (v: string) => Number.parseInt(v, 10), 1082: (v: string) => v },
    });
    const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }), log: logFn });
    let closed = false;
    const close = async () => {
      if (!closed) await db.destroy();
      closed = true;
    };
    return {
      engine,
      db,
      capture,
      close,
      drop: async () => {
        await close();
        if (!CONFIG.keep) fs.rmSync(dir, { recursive: true, force: true });
        else log(`kept PGlite data in ${dir}`);
      },
    };
  }
  const name = `tacdesk_bench_ib_${process.pid}`;
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  const url = new URL(CONFIG.pgUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  pool.on('error', (e) => {
    // Idle connections cut by our own `drop database … with (force)` at the end are expected.
    if (!/administrator command/.test(e.message)) process.emitWarning(`bench pool: ${e.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logFn });
  let closed = false;
  const close = async () => {
    if (!closed) await db.destroy();
    closed = true;
  };
  return {
    engine,
    db,
    capture,
    close,
    drop: async () => {
      await close();
      if (!CONFIG.keep) await adminQuery(`drop database if exists ${name} with (force)`);
      else log(`kept database ${name}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN

async function explain(db: Kysely<Database>, q: CompiledQuery): Promise<string> {
  const res = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]),
  );
  return res.rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** The scan nodes of a plan ("Index Scan using asset_serial_idx on asset") and its execution time. */
function planSummary(plan: string) {
  const scans = [
    ...plan.matchAll(
      /((?:Parallel )?(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan|Bitmap Heap Scan))(?: Backward)?(?: using (\S+))? on (\S+)/g,
    ),
  ].map(
    (m) => `${m[1]}${m[2] ? ` using ${m[2]}` : ''}${m[1]!.includes('Bitmap Index') ? '' : ` on ${m[3]}`}`,
  );
  const exec = /Execution Time: ([\d.]+) ms/.exec(plan);
  return { scans, executionMs: exec ? Number(exec[1]) : null };
}

const short = (q: string) => q.replace(/\s+/g, ' ').slice(0, 160);

async function explainAll(s: Scratch, queries: CompiledQuery[], file: string, title: string) {
  const parts: string[] = [`-- ${title}`];
  const summaries = [];
  for (const q of queries) {
    const plan = await explain(s.db, q);
    parts.push('', q.sql, `-- parameters: ${JSON.stringify(q.parameters)}`, plan);
    summaries.push({ sql: short(q.sql), ...planSummary(plan) });
  }
  fs.writeFileSync(path.join(RESULTS, file), `${parts.join('\n')}\n`);
  return summaries;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const ms = summarize;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(work: () => Promise<T>, into: number[]): Promise<T> {
  const t0 = nowMs();
  const result = await work();
  into.push(nowMs() - t0);
  return result;
}

const staffContext = (userId: number, role: string): RequestContext => ({
  actor: {
    kind: 'staff',
    userId,
    roles: new Set([role]),
    branchId: null,
    label: 'bench',
    tokenId: null,
  },
  requestId: 'bench',
  ip: '127.0.0.1',
});

// ---------------------------------------------------------------------------------------------
// 1. Entitlement by serial

async function entitlementAt(s: Scratch, world: World, n: number) {
  const r = rng(SEED + n);
  const on = serviceDay(new Date());
  const samples = Array.from({ length: CONFIG.lookups }, (_, k) => {
    const a = assetSpec(world, Math.floor(r() * n), SEED);
    return { serial: a.serial, org: world.orgs[a.orgIndex]!.id, unknown: `ZZ${k}X${n}NOSUCH` };
  });
  const ids = (
    await sql<{ id: number }>`select id from asset order by random() limit ${CONFIG.lookups}`.execute(s.db)
  ).rows.map((x) => x.id);
  const variants = {
    baselinePkSelect: (k: number) =>
      s.db
        .selectFrom('asset')
        .selectAll()
        .where('id', '=', ids[k % ids.length]!)
        .executeTakeFirst(),
    exactSerial: (k: number) => lookUpEntitlement(s.db, { serial: samples[k]!.serial, on }),
    lowerCaseSerial: (k: number) => lookUpEntitlement(s.db, { serial: samples[k]!.serial.toLowerCase(), on }),
    unknownSerial: (k: number) => lookUpEntitlement(s.db, { serial: samples[k]!.unknown, on }),
    unknownSerialOfCustomer: (k: number) =>
      lookUpEntitlement(s.db, { serial: samples[k]!.unknown, organisationId: samples[k]!.org, on }),
  };
  type V = keyof typeof variants;
  const names = Object.keys(variants) as V[];
  // Warm-up: plans cached, pages in memory.
  for (let k = 0; k < 30; k++) for (const v of names) await variants[v](k % samples.length);
  const lat = Object.fromEntries(names.map((v) => [v, [] as number[]])) as Record<V, number[]>;
  const reasons: Record<string, number> = {};
  let wrong = 0;
  for (let k = 0; k < CONFIG.lookups; k++) {
    // Rotate the order so no variant always runs right after another.
    for (let j = 0; j < names.length; j++) {
      const v = names[(k + j) % names.length]!;
      const res: unknown = await timed<unknown>(() => variants[v](k), lat[v]);
      if (v === 'exactSerial' || v === 'lowerCaseSerial') {
        const e = res as Awaited<ReturnType<typeof lookUpEntitlement>>;
        if (e.asset?.serial !== samples[k]!.serial) wrong++;
        if (v === 'exactSerial') reasons[e.reason] = (reasons[e.reason] ?? 0) + 1;
      }
    }
  }
  const base = ms(lat.baselinePkSelect);
  const out: Record<string, unknown> = { baselinePkSelect: base };
  for (const v of names.filter((x) => x !== 'baselinePkSelect')) {
    const l = ms(lat[v]);
    out[v] = { ...l, ratioP50: round(l.p50 / base.p50, 1), ratioP95: round(l.p95 / base.p95, 1) };
  }
  // Statements per lookup, and EXPLAIN of each statement of one lookup by serial of an asset on a
  // site of a customer whose contract lists sites (the path with the most statements).
  const statements: Record<string, number> = {};
  for (const v of names) statements[v] = (await s.capture<unknown>(() => variants[v](0))).queries.length;
  let pickIndex = 0;
  for (let i = 0; i < n; i++) {
    const a = assetSpec(world, i, SEED);
    if (
      world.orgs[a.orgIndex]!.coverage === 'sites' &&
      a.siteIndex !== null &&
      a.state === 'in_service' &&
      /[A-Z]/.test(a.serial)
    ) {
      pickIndex = i;
      break;
    }
  }
  const probe = assetSpec(world, pickIndex, SEED);
  const captured = await s.capture(() => lookUpEntitlement(s.db, { serial: probe.serial.toLowerCase(), on }));
  const file = `explain-installed-base-${s.engine}-${n}-entitlement.txt`;
  const plans = await explainAll(
    s,
    captured.queries,
    file,
    `lookUpEntitlement serial=${probe.serial.toLowerCase()}`,
  );
  return {
    calls: CONFIG.lookups,
    ...out,
    wrongAsset: wrong,
    exactSerialReasons: reasons,
    statementsPerLookup: statements,
    explain: { file: `bench/results/${file}`, serial: probe.serial.toLowerCase(), statements: plans },
  };
}

/**
 * What the hotline opens next: the asset card (`loadVisibleAsset`, GET /api/assets/:id) and the
 * first page of the installed-base list (`listAssets`, newest first, 50 rows; all customers, and
 * the largest customer), interleaved with the same primary-key baseline; EXPLAIN of each.
 */
async function assetReadsAt(s: Scratch, n: number, label = '') {
  const actor = staffContext(0, 'hotline_operator').actor;
  const ids = (
    await sql<{ id: number }>`select id from asset order by random() limit ${CONFIG.assetReads}`.execute(s.db)
  ).rows.map((x) => x.id);
  const biggest = (
    await sql<{ organisation_id: number; n: number }>`
      select organisation_id, count(*)::int as n from asset group by organisation_id order by n desc limit 1`.execute(
      s.db,
    )
  ).rows[0]!;
  const variants = {
    baselinePkSelect: (k: number) =>
      s.db.selectFrom('asset').selectAll().where('id', '=', ids[k]!).executeTakeFirst(),
    assetCard: (k: number) => loadVisibleAsset(s.db, actor, ids[k]!),
    listNewest50: () => listAssets(s.db, actor, { sort: 'newest', limit: 50 }),
    listNewest50OfLargestCustomer: () =>
      listAssets(s.db, actor, { sort: 'newest', limit: 50, organisationId: biggest.organisation_id }),
  };
  type V = keyof typeof variants;
  const names = Object.keys(variants) as V[];
  for (let k = 0; k < 3; k++) for (const v of names) await variants[v](k % ids.length);
  const lat = Object.fromEntries(names.map((v) => [v, [] as number[]])) as Record<V, number[]>;
  for (let k = 0; k < ids.length; k++)
    for (let j = 0; j < names.length; j++) {
      const v = names[(k + j) % names.length]!;
      await timed<unknown>(() => variants[v](k), lat[v]);
    }
  const base = ms(lat.baselinePkSelect);
  const out: Record<string, unknown> = {
    calls: ids.length,
    baselinePkSelect: base,
    largestCustomerAssets: biggest.n,
  };
  for (const v of names.filter((x) => x !== 'baselinePkSelect')) {
    const l = ms(lat[v]);
    out[v] = { ...l, ratioP50: round(l.p50 / base.p50, 1) };
  }
  const card = await s.capture(() => variants.assetCard(0));
  const list = await s.capture(() => variants.listNewest50());
  const file = `explain-installed-base-${s.engine}-${n}-asset-reads${label}.txt`;
  out.explain = {
    file: `bench/results/${file}`,
    statements: await explainAll(
      s,
      [...card.queries, ...list.queries],
      file,
      'asset card, then list newest 50',
    ),
  };
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Asset import

const IMPORT_HEADINGS = ['厂商', '型号', '序列号', '客户', '站点', '安装日期', '原厂保修截止', '备注'];

function importRows(world: World, rep: number) {
  const rows = [];
  for (let k = 0; k < CONFIG.importRows; k++) {
    const a = assetSpec(world, 50_000_000 + rep * 100_000 + k, SEED);
    const org = world.orgs[a.orgIndex]!;
    const model = world.models[a.modelIndex]!;
    // About 1 % of rows name a model not registered yet (two new models per file).
    const fresh = k % 100 === 7;
    rows.push({
      vendor: fresh ? 'Huawei' : model.vendor,
      model: fresh ? `Atlas 800-${rep}-${k % 2}` : model.model,
      modelId: fresh ? null : model.id,
      serial: a.serial,
      orgCode: org.code,
      orgId: org.id,
      site: a.siteIndex === null ? null : org.sites[a.siteIndex]!,
      installedOn: a.installedOn,
      warrantyEndsOn: k % 2 ? a.warrantyEndsOn : null,
      notes: k % 5 === 0 ? `机柜 A${String(k % 40).padStart(2, '0')}` : null,
    });
  }
  return rows;
}

async function importBench(s: Scratch, world: World) {
  const ctx = staffContext(world.clerkId, 'spare_parts_clerk');
  const reps: Array<{
    bytes: number;
    baselineMs: number;
    parseMs: number;
    dryRunMs: number;
    importMs: number;
    created: number;
    modelsCreated: number;
  }> = [];
  for (let rep = 0; rep < CONFIG.importReps; rep++) {
    const rows = importRows(world, rep);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备');
    sheet.addRow(IMPORT_HEADINGS);
    for (const x of rows)
      sheet.addRow([
        x.vendor,
        x.model,
        x.serial,
        x.orgCode,
        x.site?.name ?? null,
        new Date(`${x.installedOn}T00:00:00Z`),
        x.warrantyEndsOn,
        x.notes,
      ]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const file = {
      bytes,
      name: `设备台账-${rep}.xlsx`,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    };

    // Baseline: the same rows (ids resolved in advance) in one multi-row INSERT; removed again.
    const t: Record<string, number[]> = { baseline: [], parse: [], dryRun: [], import: [] };
    // Serials one character longer than the file's, so the import still finds them free: the rows
    // are not deleted afterwards (a delete from asset seq-scans asset per row for the
    // replaces_asset_id foreign key, which has no index; see the report).
    const payload = rows.map((x) => ({
      product_model_id: x.modelId ?? world.models[0]!.id,
      vendor: x.vendor,
      serial: `${x.serial}B`,
      organisation_id: x.orgId,
      site_id: x.site?.id ?? null,
      installed_on: x.installedOn,
      warranty_ends_on: x.warrantyEndsOn,
      notes: x.notes,
    }));
    await timed(
      () =>
        sql`
          insert into asset (product_model_id, vendor, serial, organisation_id, site_id, installed_on,
            warranty_ends_on, notes)
          select product_model_id, vendor, serial, organisation_id, site_id, installed_on, warranty_ends_on, notes
          from json_to_recordset(${JSON.stringify(payload)}::json) as x(product_model_id bigint, vendor text,
            serial text, organisation_id bigint, site_id bigint, installed_on date, warranty_ends_on date, notes text)
        `.execute(s.db),
      t.baseline!,
    );
    await timed(() => loadWorkbook(bytes), t.parse!);
    const dry = await timed(
      () => importAssets({ db: s.db, ctx, file, locale: 'zh-CN', dryRun: true, now: new Date() }),
      t.dryRun!,
    );
    const real = await timed(
      () => importAssets({ db: s.db, ctx, file, locale: 'zh-CN', dryRun: false, now: new Date() }),
      t.import!,
    );
    if (dry.problems.length || real.problems.length || real.created !== rows.length)
      throw new Error(
        `import refused: ${JSON.stringify((dry.problems.length ? dry : real).problems.slice(0, 3))}`,
      );
    reps.push({
      bytes: bytes.length,
      baselineMs: round(t.baseline![0]!, 1),
      parseMs: round(t.parse![0]!, 1),
      dryRunMs: round(t.dryRun![0]!, 1),
      importMs: round(t.import![0]!, 1),
      created: real.created,
      modelsCreated: real.modelsCreated.length,
    });
    log(`  import rep ${rep}: ${JSON.stringify(reps.at(-1))}`);
  }
  const m = (k: 'baselineMs' | 'parseMs' | 'dryRunMs' | 'importMs') => median(reps.map((x) => x[k]));
  const perSecond = (msv: number) => round(CONFIG.importRows / (msv / 1000), 0);
  return {
    rows: CONFIG.importRows,
    reps,
    medianMs: {
      baseline: m('baselineMs'),
      parse: m('parseMs'),
      dryRun: m('dryRunMs'),
      import: m('importMs'),
    },
    rowsPerSecond: {
      baseline: perSecond(m('baselineMs')),
      dryRun: perSecond(m('dryRunMs')),
      import: perSecond(m('importMs')),
    },
    ratioToBaseline: {
      dryRun: round(m('dryRunMs') / m('baselineMs'), 1),
      import: round(m('importMs') / m('baselineMs'), 1),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Stock ledger

async function stockBench(s: Scratch, world: World, cases: number[]) {
  const db = s.db;
  const store = world.warehouses[0]!;
  const ctx = staffContext(world.clerkId, 'spare_parts_clerk');
  const parts = (
    await sql<{ id: number }>`
      insert into spare_part (part_number, name, name_en, vendor, serialised, unit)
      select 'FAN-BENCH-' || g, '风扇模块 ' || g, 'Fan module ' || g, 'Huawei', false, 'piece'
      from generate_series(0, 17) as g order by g returning id`.execute(db)
  ).rows.map((x) => x.id);
  const [part, ...others] = parts as [number, ...number[]];
  const basePart = others.slice(8, 16); // baseline rows, never touched by moveStock
  const partsFor8 = others.slice(0, 8);
  const contended = others[16]!;
  await sql`insert into stock_level (warehouse_id, part_id)
    select ${store}, p from unnest(${basePart}::bigint[]) as p`.execute(db);
  const baselineTx = (partId: number) =>
    db.transaction().execute(async (trx) => {
      await sql`update stock_level set good_on_hand = good_on_hand + 1, updated_at = now()
        where warehouse_id = ${store} and part_id = ${partId}`.execute(trx);
      await sql`insert into stock_movement (kind, part_id, warehouse_id, quantity, to_stock, reference)
        values ('purchase_in', ${partId}, ${store}, 1, 'available', 'baseline')`.execute(trx);
    });
  const move = (input: {
    kind: 'purchase_in' | 'reserve' | 'issue';
    partId: number;
    quantity: number;
    caseId?: number;
  }) => recordStockMovement({ db, ctx, input: { warehouseId: store, ...input }, now: new Date() });

  // Sequential: warm-up, then purchase_in, reserve, issue per round, each after a baseline tx.
  for (let k = 0; k < 20; k++) {
    await baselineTx(basePart[0]!);
    await move({ kind: 'purchase_in', partId: part, quantity: 1 });
  }
  const lat = {
    baseline: [] as number[],
    purchase_in: [] as number[],
    reserve: [] as number[],
    issue: [] as number[],
  };
  const t0 = nowMs();
  for (let k = 0; k < CONFIG.stockRounds; k++) {
    const caseId = cases[k % cases.length]!;
    await timed(() => baselineTx(basePart[0]!), lat.baseline);
    await timed(() => move({ kind: 'purchase_in', partId: part, quantity: 1 }), lat.purchase_in);
    await timed(() => baselineTx(basePart[0]!), lat.baseline);
    await timed(() => move({ kind: 'reserve', partId: part, quantity: 1, caseId }), lat.reserve);
    await timed(() => baselineTx(basePart[0]!), lat.baseline);
    await timed(() => move({ kind: 'issue', partId: part, quantity: 1, caseId }), lat.issue);
  }
  const wall = (nowMs() - t0) / 1000;
  // Statements each movement sends (begin and commit included), for one more round.
  const statementsPerMovement = {
    purchase_in: (await s.capture(() => move({ kind: 'purchase_in', partId: part, quantity: 1 }))).queries
      .length,
    reserve: (await s.capture(() => move({ kind: 'reserve', partId: part, quantity: 1, caseId: cases[0]! })))
      .queries.length,
    issue: (await s.capture(() => move({ kind: 'issue', partId: part, quantity: 1, caseId: cases[0]! })))
      .queries.length,
    baseline: (await s.capture(() => baselineTx(basePart[0]!))).queries.length,
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / 1000;
  const moveTx = lat.purchase_in.length + lat.reserve.length + lat.issue.length;
  const moveSeconds = sum(lat.purchase_in) + sum(lat.reserve) + sum(lat.issue);
  const sequential = {
    rounds: CONFIG.stockRounds,
    wallSeconds: round(wall, 1),
    movementTxPerSecond: round(moveTx / moveSeconds, 1),
    baselineTxPerSecond: round(lat.baseline.length / sum(lat.baseline), 1),
    ratio: round(moveTx / moveSeconds / (lat.baseline.length / sum(lat.baseline)), 3),
    statementsPerMovement,
    latencyMs: {
      baseline: ms(lat.baseline),
      purchase_in: ms(lat.purchase_in),
      reserve: ms(lat.reserve),
      issue: ms(lat.issue),
    },
  };
  log(
    `  sequential: ${sequential.movementTxPerSecond} movements/s vs baseline ${sequential.baselineTxPerSecond} tx/s (${sequential.ratio})`,
  );

  // Concurrency 8: same (store, part) vs 8 different parts. Stock is 8 short in both, so each run
  // ends with refusals ("not enough stock") that must leave nothing negative.
  const each = CONFIG.concurrentEach;
  const workers = 8;
  async function concurrent(partOf: (w: number) => number, label: string) {
    const distinct = [...new Set(Array.from({ length: workers }, (_, w) => partOf(w)))];
    const attemptsPerPart = (workers * each) / distinct.length;
    for (const p of distinct)
      await move({ kind: 'purchase_in', partId: p, quantity: attemptsPerPart - workers / distinct.length });
    const stocked = attemptsPerPart - workers / distinct.length;
    let ok = 0;
    let refused = 0;
    const other: string[] = [];
    const latency: number[] = [];
    const start = nowMs();
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let k = 0; k < each; k++) {
          const t = nowMs();
          try {
            await move({
              kind: 'reserve',
              partId: partOf(w),
              quantity: 1,
              caseId: cases[(w * each + k) % cases.length]!,
            });
            ok++;
            latency.push(nowMs() - t);
          } catch (error) {
            if (error instanceof AppError && error.code === 'conflict') refused++;
            else other.push(String(error));
          }
        }
      }),
    );
    const seconds = (nowMs() - start) / 1000;
    const levels = (
      await sql<{ part_id: number; good: number; reserved: number }>`
        select part_id, good_on_hand as good, reserved from stock_level
        where warehouse_id = ${store} and part_id = any(${distinct}::bigint[])`.execute(db)
    ).rows;
    const minAvailable = (
      await sql<{ m: number | null }>`
        select min((l ->> 'available')::int) as m
        from domain_event e, jsonb_array_elements(e.after -> 'levels') l
        where e.type = 'stock.moved' and (e.data ->> 'partId')::bigint = any(${distinct}::bigint[])`.execute(
        db,
      )
    ).rows[0]!.m;
    const consistent = levels.every((l) => l.good === stocked && l.reserved === stocked);
    log(
      `  concurrency ${workers}, ${label}: ${round((ok + refused) / seconds, 1)} attempts/s, ${ok} reserved, ${refused} refused, ${other.length} other errors; min available ${minAvailable}; levels ${consistent ? 'as expected' : JSON.stringify(levels)}`,
    );
    return {
      parts: distinct.length,
      attempts: workers * each,
      reserved: ok,
      refused,
      otherErrors: other.slice(0, 3),
      otherErrorCount: other.length,
      seconds: round(seconds, 2),
      attemptsPerSecond: round((ok + refused) / seconds, 1),
      reservedLatencyMs: ms(latency),
      minAvailableSeen: minAvailable,
      levelsAsExpected: consistent,
    };
  }
  async function concurrentBaseline(partOf: (w: number) => number) {
    const start = nowMs();
    const latency: number[] = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let k = 0; k < each; k++) await timed(() => baselineTx(partOf(w)), latency);
      }),
    );
    const seconds = (nowMs() - start) / 1000;
    return {
      tx: workers * each,
      seconds: round(seconds, 2),
      txPerSecond: round((workers * each) / seconds, 1),
      latencyMs: ms(latency),
    };
  }
  const samePartBaseline = await concurrentBaseline(() => basePart[1]!);
  const samePart = await concurrent(() => contended, 'same part');
  const distinctBaseline = await concurrentBaseline((w) => basePart[w]!);
  const distinctParts = await concurrent((w) => partsFor8[w]!, '8 parts');

  // The whole ledger agrees with the levels of every part the bench moved.
  const mismatch = (
    await sql<{ part_id: number }>`
      with ledger as (
        select part_id,
          sum(case when to_stock in ('available', 'reserved') then quantity else 0 end)
            - sum(case when from_stock in ('available', 'reserved') then quantity else 0 end) as good,
          sum(case when to_stock = 'reserved' then quantity else 0 end)
            - sum(case when from_stock = 'reserved' then quantity else 0 end) as reserved
        from stock_movement where warehouse_id = ${store} and coalesce(reference, '') <> 'baseline'
        group by part_id)
      select l.part_id from stock_level l join ledger g using (part_id)
      where l.warehouse_id = ${store} and (l.good_on_hand <> g.good or l.reserved <> g.reserved)`.execute(db)
  ).rows;
  const negative = (
    await sql<{ n: number }>`select count(*)::int as n from stock_level
      where good_on_hand < 0 or reserved < 0 or faulty_on_hand < 0 or reserved > good_on_hand`.execute(db)
  ).rows[0]!.n;
  return {
    sequential,
    concurrency8: {
      samePart: {
        ...samePart,
        baseline: samePartBaseline,
        ratio: round(samePart.attemptsPerSecond / samePartBaseline.txPerSecond, 3),
      },
      distinctParts: {
        ...distinctParts,
        baseline: distinctBaseline,
        ratio: round(distinctParts.attemptsPerSecond / distinctBaseline.txPerSecond, 3),
      },
    },
    ledgerMatchesLevels: mismatch.length === 0,
    negativeLevels: negative,
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Monthly RMA report

async function rmaBench(s: Scratch, world: World, cases: number[]) {
  const part = (
    await sql<{ id: number }>`insert into spare_part (part_number, name, vendor, serialised)
      values ('PSU-BENCH-RMA', '电源模块', 'Cisco', true) returning id`.execute(s.db)
  ).rows[0]!.id;
  const seeded = await seedRmas(s.db, world, { n: CONFIG.rmas, cases, partId: part, seed: SEED });
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 3);
  const month = d.toISOString().slice(0, 7);
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const to = new Date(from.getTime() + 31 * 86_400_000);
  const now = new Date();
  const branch = world.branches[1]!;
  const lat = { baseline: [] as number[], all: [] as number[], branch: [] as number[] };
  const baseline = () =>
    sql`select count(*) from rma where created_at >= ${from} and created_at < ${to}`.execute(s.db);
  for (let k = 0; k < 10; k++) await rmaMonthlyReport(s.db, { month }, now);
  let rows = 0;
  for (let k = 0; k < 100; k++) {
    await timed(baseline, lat.baseline);
    rows = (await timed(() => rmaMonthlyReport(s.db, { month }, now), lat.all)).total.requested;
    await timed(() => rmaMonthlyReport(s.db, { month, branchId: branch }, now), lat.branch);
  }
  const all = await s.capture(() => rmaMonthlyReport(s.db, { month }, now));
  const one = await s.capture(() => rmaMonthlyReport(s.db, { month, branchId: branch }, now));
  const file = `explain-installed-base-${s.engine}-rma-report.txt`;
  const plans = await explainAll(
    s,
    [...all.queries, ...one.queries],
    file,
    `rmaMonthlyReport ${month}: all branches, then one`,
  );
  const b = ms(lat.baseline);
  const x = ms(lat.all);
  const y = ms(lat.branch);
  return {
    seeded,
    month,
    rmasInMonth: rows,
    baselineCount: b,
    allBranches: { ...x, ratioP50: round(x.p50 / b.p50, 1) },
    oneBranch: { ...y, ratioP50: round(y.p50 / b.p50, 1) },
    explain: { file: `bench/results/${file}`, statements: plans },
  };
}

// ---------------------------------------------------------------------------------------------

function logLatencies(o: Record<string, unknown>) {
  for (const [k, v] of Object.entries(o)) {
    const l = v as Partial<{ p50: number; p95: number; ratioP50: number }> | null;
    if (l && typeof l === 'object' && typeof l.p50 === 'number')
      log(`  ${k}: p50 ${l.p50} ms, p95 ${l.p95} ms${l.ratioP50 ? ` (${l.ratioP50}× baseline p50)` : ''}`);
  }
}

async function engineRun(engine: 'pglite' | 'postgres') {
  const s = await openScratch(engine);
  const out: Record<string, unknown> = { engine };
  try {
    let t = nowMs();
    await migrateToLatest(s.db as Kysely<unknown>);
    out.migrateSeconds = round((nowMs() - t) / 1000, 1);
    t = nowMs();
    const world = await seedWorld(s.db, { orgs: CONFIG.orgs, seed: SEED });
    out.world = {
      organisations: world.orgs.length,
      sites: world.orgs.length * 3,
      productModels: world.models.length,
      contracts: world.orgs.length * 2,
      seconds: round((nowMs() - t) / 1000, 1),
    };
    log(`${engine}: migrated in ${out.migrateSeconds} s, world ${JSON.stringify(out.world)}`);
    const sizes = [];
    let have = 0;
    for (const n of CONFIG.sizes) {
      log(`${engine}: seeding to ${n} assets`);
      const seed = await seedAssets(s.db, world, { from: have, to: n, seed: SEED });
      have = n;
      log(`  ${JSON.stringify(seed)}`);
      log(`${engine}: entitlement at ${n} assets, ${CONFIG.lookups} calls per variant`);
      const e = await entitlementAt(s, world, n);
      logLatencies(e);
      log(`${engine}: asset card and list at ${n} assets, ${CONFIG.assetReads} calls each`);
      const reads = await assetReadsAt(s, n);
      logLatencies(reads);
      sizes.push({ n, seed, entitlement: e, assetReads: reads });
    }
    out.sizes = sizes;
    if (CONFIG.tryIndex) {
      // The index proposed in the report, tried on the scratch database only and dropped again
      // before the import, stock and RMA steps (it is not in db/migrations).
      const n = CONFIG.sizes.at(-1)!;
      log(
        `${engine}: asset card and list at ${n} assets WITH the proposed index on asset (replaces_asset_id)`,
      );
      await sql`create index bench_asset_replaces_idx on asset (replaces_asset_id, id)
        where replaces_asset_id is not null`.execute(s.db);
      await sql`analyze asset`.execute(s.db);
      const reads = await assetReadsAt(s, n, '-proposed-index');
      logLatencies(reads);
      out.proposedIndex = {
        n,
        ddl: 'create index on asset (replaces_asset_id, id) where replaces_asset_id is not null',
        assetReads: reads,
      };
      await sql`drop index bench_asset_replaces_idx`.execute(s.db);
      await sql`analyze asset`.execute(s.db);
    }
    log(`${engine}: asset import, ${CONFIG.importRows} rows × ${CONFIG.importReps}`);
    out.import = await importBench(s, world);
    log(`  ${JSON.stringify((out.import as { rowsPerSecond: unknown }).rowsPerSecond)}`);
    const cases = await seedCases(s.db, world, 2000);
    log(`${engine}: stock ledger, ${CONFIG.stockRounds} rounds`);
    out.stock = await stockBench(s, world, cases);
    log(`${engine}: monthly RMA report over ${CONFIG.rmas} RMAs`);
    out.rma = await rmaBench(s, world, cases);
    const rma = out.rma as { allBranches: { p50: number }; baselineCount: { p50: number } };
    log(`  all branches p50 ${rma.allBranches.p50} ms (count baseline ${rma.baselineCount.p50} ms)`);
  } finally {
    await s.drop();
  }
  return out;
}

const started = nowMs();
const machine: Record<string, unknown> = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memGiB: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
  loadAverageAtStart: os.loadavg().map((x) => round(x, 1)),
  pglite: (
    JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
    ) as { version: string }
  ).version,
};
const engines: Record<string, unknown>[] = [];
for (const engine of CONFIG.engines) {
  if (engine === 'postgres') {
    if (!(await pgReachable())) {
      log(`postgres: ${CONFIG.pgUrl} not reachable, skipped`);
      continue;
    }
    machine.postgres = (await adminQuery('show server_version')).rows[0].server_version;
  }
  log(`=== ${engine} ===`);
  try {
    engines.push(await engineRun(engine));
  } catch (error) {
    log(`${engine} failed: ${error instanceof Error ? error.stack : String(error)}`);
    engines.push({ engine, error: String(error) });
  }
}
machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 1));
const result = {
  bench: 'installed-base',
  at: new Date().toISOString(),
  minutes: round((nowMs() - started) / 60_000, 1),
  command: 'npm exec -- node bench/installed-base.bench.ts',
  machine,
  config: { ...CONFIG, pgUrl: CONFIG.pgUrl.replace(/:[^:@/]*@/, ':***@') },
  engines,
};
fs.writeFileSync(path.join(RESULTS, 'installed-base.json'), JSON.stringify(result, null, 2));
log(`done in ${result.minutes} min; bench/results/installed-base.json`);
