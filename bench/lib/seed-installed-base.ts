/**
 * Bulk generator of an installed base for `bench/installed-base.bench.ts`, straight into a freshly
 * migrated database (either engine), in the style of seed-cases.ts: deterministic (seeded PRNG),
 * multi-row inserts from one JSON parameter (json_to_recordset), then ANALYZE.
 *
 * The world: 6 branches with a spare store each (one HQ), contract owners and a spare-parts
 * clerk, 1 000 customer organisations (code, name, 3 sites), ~30 product models of the vendors a
 * Chinese integrator services, and per organisation an expired contract (all sites) and the
 * active one that follows it. The active contract covers all sites for half the organisations
 * (even index), lists assets for a quarter (about half their assets listed, in `contract_asset`)
 * and lists two of the three sites for the last quarter (`contract_site`). Assets: a skewed share
 * per organisation (a few big customers, a long tail), vendor-shaped serials unique by
 * construction, 90 % on a site, 92 % in service / 3 % in repair / 5 % retired, maker's warranty
 * of 36 or 60 months from installation.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/app/database-schema.ts';
import { pick, rng } from './corpus.ts';
import { nowMs, round } from './stats.ts';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export const MODELS = [
  ['Huawei', 'S12700E-8', 'network', 60],
  ['Huawei', 'CE6881-48S6CQ', 'network', 60],
  ['Huawei', 'S5735-L48T4X-A1', 'network', 36],
  ['Huawei', 'OceanStor 5500 V5', 'storage', 36],
  ['Huawei', 'OceanStor Dorado 5000 V6', 'storage', 36],
  ['Huawei', 'FusionServer 2288H V5', 'server', 36],
  ['Huawei', 'USG6650E', 'security', 36],
  ['Cisco', 'C9300-48P', 'network', 60],
  ['Cisco', 'C9500-32C', 'network', 60],
  ['Cisco', 'N9K-C93180YC-FX', 'network', 60],
  ['Cisco', 'ISR4451-X/K9', 'network', 36],
  ['Cisco', 'FPR2130-NGFW-K9', 'security', 36],
  ['H3C', 'S6520X-54QC-EI', 'network', 36],
  ['H3C', 'SR6608-X', 'network', 36],
  ['H3C', 'UniServer R4900 G3', 'server', 36],
  ['Dell', 'PowerEdge R740', 'server', 36],
  ['Dell', 'PowerEdge R750', 'server', 36],
  ['Dell', 'PowerStore 1000T', 'storage', 36],
  ['HPE', 'ProLiant DL380 Gen10', 'server', 36],
  ['HPE', 'Nimble HF40', 'storage', 36],
  ['Lenovo', 'ThinkSystem SR650', 'server', 36],
  ['Inspur', 'NF5280M6', 'server', 36],
  ['NetApp', 'FAS8200', 'storage', 36],
  ['NetApp', 'AFF A400', 'storage', 36],
  ['Fortinet', 'FortiGate 600E', 'security', 36],
  ['F5', 'BIG-IP i5800', 'network', 36],
  ['Juniper', 'MX204', 'network', 36],
  ['Sangfor', 'AF-1000-B1500', 'security', 36],
  ['Brocade', 'G620', 'storage', 36],
  ['Eaton', '9355 UPS 30kVA', 'power', 24],
] as const;

const SITE_NAMES = ['总部数据中心', '灾备机房', '营业部机房'];
const ORG_KINDS = ['银行', '医院', '电力公司', '证券', '政务云', '制造集团', '高校', '物流'];
const CITIES = ['杭州', '武汉', '南京', '成都', '广州', '西安', '郑州', '济南'];

export type Coverage = 'all_sites' | 'assets' | 'sites';

export interface World {
  branches: number[];
  /** Spare store per branch (index 0: HQ). */
  warehouses: number[];
  owners: number[];
  clerkId: number;
  serviceLevels: number[];
  models: Array<{ id: number; vendor: string; model: string; warrantyMonths: number }>;
  orgs: Array<{
    id: number;
    code: string;
    name: string;
    sites: Array<{ id: number; name: string }>;
    coverage: Coverage;
    activeContractId: number;
  }>;
  today: string;
}

async function insertJson<T>(db: Kysely<Database>, query: string, rows: unknown[]): Promise<T[]> {
  const [before, after] = query.split('$ROWS') as [string, string];
  return (await sql<T>`${sql.raw(before)}${JSON.stringify(rows)}${sql.raw(after)}`.execute(db)).rows;
}

/** Branches, stores, staff, service levels, organisations with sites, product models, contracts. */
export async function seedWorld(db: Kysely<Database>, opts: { orgs: number; seed: number }): Promise<World> {
  const r = rng(opts.seed);
  const now = Date.now();
  const today = iso(now);
  const branches = await insertJson<{ id: number }>(
    db,
    `insert into branch (code, name, is_headquarters, vendor_direct_delivery)
     select code, name, hq, hq from json_to_recordset($ROWS::json) as x(code text, name text, hq boolean)
     order by code returning id`,
    ['HQ', 'HZ', 'WH', 'NJ', 'CD', 'GZ'].map((c, i) => ({
      code: `B-${c}`,
      name: i === 0 ? '杭州总部' : `${CITIES[i]}分公司`,
      hq: i === 0,
    })),
  );
  const branchIds = branches.map((b) => b.id);
  const warehouses = await insertJson<{ id: number }>(
    db,
    `insert into warehouse (code, name, branch_id, is_hq)
     select code, name, branch_id, hq from json_to_recordset($ROWS::json) as x(code text, name text, branch_id bigint, hq boolean)
     order by code returning id`,
    branchIds.map((id, i) => ({ code: `WH-${i}`, name: `备件库 ${i}`, branch_id: id, hq: i === 0 })),
  );
  const users = await insertJson<{ id: number }>(
    db,
    `insert into app_user (kind, username, display_name, branch_id)
     select 'staff', username, display_name, branch_id
       from json_to_recordset($ROWS::json) as x(username text, display_name text, branch_id bigint)
     order by username returning id`,
    Array.from({ length: 9 }, (_, i) => ({
      username: `bench${i}`,
      display_name: i === 8 ? '备件管理员' : `服务专员 ${i}`,
      branch_id: branchIds[i % branchIds.length],
    })),
  );
  const clerkId = users.at(-1)!.id;
  await sql`insert into user_role (user_id, role) values (${clerkId}, 'spare_parts_clerk')`.execute(db);
  const levels = await insertJson<{ id: number }>(
    db,
    `insert into service_level (code, name, name_en)
     select code, name, name_en from json_to_recordset($ROWS::json) as x(code text, name text, name_en text)
     order by code returning id`,
    [
      { code: 'BENCH-GOLD', name: '金牌 7×24', name_en: 'Gold 7x24' },
      { code: 'BENCH-STD', name: '标准 5×8', name_en: 'Standard 5x8' },
    ],
  );
  const models = await insertJson<{ id: number; vendor: string; model: string; warranty_months: number }>(
    db,
    `insert into product_model (vendor, model, part_number, category, warranty_months)
     select vendor, model, part_number, category, warranty_months
       from json_to_recordset($ROWS::json) as x(vendor text, model text, part_number text, category text, warranty_months int)
     returning id, vendor, model, warranty_months`,
    MODELS.map(([vendor, model, category, months]) => ({
      vendor,
      model,
      part_number: model.replace(/\s+/g, '-').toUpperCase(),
      category,
      warranty_months: months,
    })),
  );
  const orgRows = Array.from({ length: opts.orgs }, (_, i) => ({
    code: `C${String(i + 1).padStart(5, '0')}`,
    name: `${pick(r, CITIES)}${pick(r, ORG_KINDS)} ${i + 1} 号客户`,
    branch_id: branchIds[i % branchIds.length],
  }));
  const orgs = await insertJson<{ id: number; code: string; name: string }>(
    db,
    `insert into organisation (code, name, branch_id)
     select code, name, branch_id from json_to_recordset($ROWS::json) as x(code text, name text, branch_id bigint)
     order by code returning id, code, name`,
    orgRows,
  );
  orgs.sort((a, b) => a.code.localeCompare(b.code));
  const sites = await insertJson<{ id: number; organisation_id: number; name: string }>(
    db,
    `insert into site (organisation_id, name, city)
     select organisation_id, name, city from json_to_recordset($ROWS::json) as x(organisation_id bigint, name text, city text)
     order by organisation_id, name returning id, organisation_id, name`,
    orgs.flatMap((o) => SITE_NAMES.map((name) => ({ organisation_id: o.id, name, city: pick(r, CITIES) }))),
  );
  const sitesOf = new Map<number, Array<{ id: number; name: string }>>();
  for (const s of sites) sitesOf.set(s.organisation_id, [...(sitesOf.get(s.organisation_id) ?? []), s]);
  for (const list of sitesOf.values())
    list.sort((a, b) => SITE_NAMES.indexOf(a.name) - SITE_NAMES.indexOf(b.name));

  const coverageOf = (i: number): Coverage => (i % 2 === 0 ? 'all_sites' : i % 4 === 1 ? 'assets' : 'sites');
  const contracts = await insertJson<{ id: number; number: string }>(
    db,
    `insert into service_contract (number, organisation_id, service_level_id, starts_on, ends_on, state,
       covers_all_sites, owner_id)
     select number, organisation_id, service_level_id, starts_on, ends_on, state, covers_all_sites, owner_id
       from json_to_recordset($ROWS::json) as x(number text, organisation_id bigint, service_level_id bigint,
         starts_on date, ends_on date, state text, covers_all_sites boolean, owner_id bigint)
     order by number returning id, number`,
    orgs.flatMap((o, i) => {
      const start = now - (30 + Math.floor(r() * 300)) * DAY;
      const base = {
        organisation_id: o.id,
        service_level_id: levels[i % levels.length]!.id,
        owner_id: users[i % 8]!.id,
      };
      return [
        {
          ...base,
          number: `HT-${o.code}-1`,
          starts_on: iso(start - 365 * DAY),
          ends_on: iso(start - DAY),
          state: 'expired',
          covers_all_sites: true,
        },
        {
          ...base,
          number: `HT-${o.code}-2`,
          starts_on: iso(start),
          ends_on: iso(start + 364 * DAY),
          state: 'active',
          covers_all_sites: coverageOf(i) === 'all_sites',
        },
      ];
    }),
  );
  const contractOf = new Map(contracts.map((c) => [c.number, c.id]));
  const world: World = {
    branches: branchIds,
    warehouses: warehouses.map((w) => w.id),
    owners: users.slice(0, 8).map((u) => u.id),
    clerkId,
    serviceLevels: levels.map((l) => l.id),
    models: models.map((m) => ({
      id: m.id,
      vendor: m.vendor,
      model: m.model,
      warrantyMonths: m.warranty_months,
    })),
    orgs: orgs.map((o, i) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      sites: sitesOf.get(o.id) ?? [],
      coverage: coverageOf(i),
      activeContractId: contractOf.get(`HT-${o.code}-2`)!,
    })),
    today,
  };
  const siteLinks = world.orgs
    .filter((o) => o.coverage === 'sites')
    .flatMap((o) => o.sites.slice(0, 2).map((s) => ({ contract_id: o.activeContractId, site_id: s.id })));
  await insertJson(
    db,
    `insert into contract_site (contract_id, site_id)
     select contract_id, site_id from json_to_recordset($ROWS::json) as x(contract_id bigint, site_id bigint)`,
    siteLinks,
  );
  await sql`analyze`.execute(db);
  return world;
}

/** A vendor-shaped serial, unique by construction (the index is in it). */
export function serialFor(vendor: string, i: number): string {
  const b36 = (n: number, w: number) => n.toString(36).toUpperCase().padStart(w, '0');
  switch (vendor) {
    case 'Huawei':
      return `2102${String(3000 + (i % 997)).padStart(4, '0')}${String(i).padStart(10, '0')}`;
    case 'Cisco':
      return `FOC${b36(i, 8)}`;
    case 'H3C':
      return `210235A${b36(i, 9)}`;
    case 'Dell':
      return b36(i + 36 ** 6, 7);
    case 'HPE':
      return `CN7${b36(i, 7)}`;
    default:
      return `${vendor.slice(0, 2).toUpperCase()}${b36(i, 10)}`;
  }
}

export interface AssetSpec {
  i: number;
  modelIndex: number;
  vendor: string;
  serial: string;
  orgIndex: number;
  siteIndex: number | null;
  installedOn: string;
  warrantyEndsOn: string;
  state: 'in_service' | 'in_repair' | 'retired';
  listed: boolean;
}

/** The i-th asset of the generated installed base (deterministic per i). */
export function assetSpec(world: World, i: number, seed: number): AssetSpec {
  const r = rng(seed * 1_000_003 + i);
  r();
  const modelIndex = Math.floor(r() * world.models.length);
  const m = world.models[modelIndex]!;
  // Skewed: a few big customers hold most of the installed base.
  const orgIndex = Math.min(world.orgs.length - 1, Math.floor(world.orgs.length * r() ** 2.5));
  const installed = Date.now() - Math.floor(r() * 6 * 365) * DAY;
  const s = r();
  return {
    i,
    modelIndex,
    vendor: m.vendor,
    serial: serialFor(m.vendor, i),
    orgIndex,
    siteIndex: r() < 0.9 ? Math.floor(r() * 3) : null,
    installedOn: iso(installed),
    warrantyEndsOn: iso(installed + Math.round(m.warrantyMonths * 30.44) * DAY),
    state: s < 0.92 ? 'in_service' : s < 0.95 ? 'in_repair' : 'retired',
    listed: r() < 0.5,
  };
}

export interface AssetSeedResult {
  added: number;
  total: number;
  contractAssets: number;
  seconds: number;
  rowsPerSecond: number;
  analyzeSeconds: number;
}

/** Adds assets [from, to) (and their contract_asset rows), 5 000 a statement; then ANALYZE. */
export async function seedAssets(
  db: Kysely<Database>,
  world: World,
  opts: { from: number; to: number; seed: number; batch?: number },
): Promise<AssetSeedResult> {
  const started = nowMs();
  const batch = opts.batch ?? 5000;
  for (let i = opts.from; i < opts.to; i += batch) {
    const rows = [];
    for (let k = i; k < Math.min(opts.to, i + batch); k++) {
      const a = assetSpec(world, k, opts.seed);
      const org = world.orgs[a.orgIndex]!;
      rows.push({
        product_model_id: world.models[a.modelIndex]!.id,
        vendor: a.vendor,
        serial: a.serial,
        organisation_id: org.id,
        site_id: a.siteIndex === null ? null : (org.sites[a.siteIndex]?.id ?? null),
        installed_on: a.installedOn,
        warranty_ends_on: a.warrantyEndsOn,
        state: a.state,
        listed_contract: org.coverage === 'assets' && a.listed ? org.activeContractId : null,
      });
    }
    await sql`
      with r as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(product_model_id bigint, vendor text,
          serial text, organisation_id bigint, site_id bigint, installed_on date, warranty_ends_on date, state text,
          listed_contract bigint)
      ), ins as (
        insert into asset (product_model_id, vendor, serial, organisation_id, site_id, installed_on,
          warranty_ends_on, state)
        select product_model_id, vendor, serial, organisation_id, site_id, installed_on, warranty_ends_on, state
        from r
        returning id, serial
      )
      insert into contract_asset (contract_id, asset_id)
      select r.listed_contract, ins.id from r join ins on ins.serial = r.serial where r.listed_contract is not null
    `.execute(db);
  }
  const seconds = (nowMs() - started) / 1000;
  const a0 = nowMs();
  await sql`analyze`.execute(db);
  const counts = (
    await sql<{ assets: number; listed: number }>`
      select (select count(*)::int from asset) as assets, (select count(*)::int from contract_asset) as listed`.execute(
      db,
    )
  ).rows[0]!;
  return {
    added: opts.to - opts.from,
    total: counts.assets,
    contractAssets: counts.listed,
    seconds: round(seconds, 1),
    rowsPerSecond: round((opts.to - opts.from) / seconds, 0),
    analyzeSeconds: round((nowMs() - a0) / 1000, 1),
  };
}

/** Minimal closed cases to hang stock movements and RMAs on; returns their ids. */
export async function seedCases(db: Kysely<Database>, world: World, n: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    insert into support_case (number, organisation_id, channel, title, description, priority, state, opened_at)
    select 'BENCH-' || lpad(g::text, 6, '0'), (${JSON.stringify(world.orgs.map((o) => o.id))}::jsonb ->> (g % ${world.orgs.length}))::bigint,
      'phone', '电源模块故障 ' || g, 'PS1 故障灯亮，需要更换备件', 3, 'closed', now() - (g || ' hours')::interval
    from generate_series(1, ${n}) as g
    returning id`.execute(db);
  return rows.rows.map((x) => x.id).sort((a, b) => a - b);
}

/** `n` RMAs created over the past year across the branches, in the states their age allows. */
export async function seedRmas(
  db: Kysely<Database>,
  world: World,
  opts: { n: number; cases: number[]; partId: number; seed: number },
): Promise<{ seconds: number; total: number }> {
  const started = nowMs();
  const r = rng(opts.seed);
  const assets = (
    await sql<{ id: number; serial: string; organisation_id: number }>`
      select id, serial, organisation_id from asset order by id limit 5000`.execute(db)
  ).rows;
  const now = Date.now();
  const H = 3_600_000;
  const rows = [];
  for (let i = 0; i < opts.n; i++) {
    const created = now - DAY - Math.floor(r() * 365 * DAY);
    const age = (now - created) / DAY;
    const a = pick(r, assets);
    const b = Math.floor(r() * world.branches.length);
    const x = r();
    const state =
      age > 30
        ? x < 0.85
          ? 'closed'
          : x < 0.9
            ? 'cancelled'
            : 'faulty_received'
        : pick(r, [
            'requested',
            'confirmed',
            'awaiting_part',
            'part_ready',
            'replaced',
            'faulty_received',
          ] as const);
    const ready = ['part_ready', 'replaced', 'faulty_received', 'closed'].includes(state);
    const replaced = ['replaced', 'faulty_received', 'closed'].includes(state);
    const goodReceived = ready ? created + (2 + r() * 70) * H : null;
    const returnDue = goodReceived ? goodReceived + 14 * DAY : null;
    const returned = state === 'closed' && returnDue ? returnDue - 6 * DAY + r() * 8 * DAY : null;
    const t = (v: number | null) => (v === null ? null : new Date(v).toISOString());
    rows.push({
      number: `RMA-B-${String(i + 1).padStart(6, '0')}`,
      case_id: opts.cases[i % opts.cases.length],
      organisation_id: a.organisation_id,
      branch_id: world.branches[b],
      warehouse_id: world.warehouses[b],
      asset_id: a.id,
      faulty_serial: a.serial,
      part_id: opts.partId,
      reason: '电源模块故障，PS1 告警',
      state,
      source: ready ? (r() < 0.55 ? 'branch_stock' : 'vendor') : null,
      good_received_at: t(goodReceived),
      replaced_at: replaced && goodReceived ? t(goodReceived + (1 + r() * 24) * H) : null,
      return_due_at: t(returnDue),
      returned_at: t(returned),
      cancel_reason: state === 'cancelled' ? '客户取消' : null,
      cancelled_at: state === 'cancelled' ? t(created + DAY) : null,
      closed_at: state === 'closed' ? t(returned) : null,
      created_at: t(created),
    });
  }
  for (let i = 0; i < rows.length; i += 5000) {
    await sql`
      insert into rma (number, case_id, organisation_id, branch_id, warehouse_id, asset_id, faulty_serial, part_id,
        reason, state, source, good_received_at, replaced_at, return_due_at, returned_at, cancel_reason,
        cancelled_at, closed_at, created_at, updated_at)
      select number, case_id, organisation_id, branch_id, warehouse_id, asset_id, faulty_serial, part_id, reason,
        state, source, good_received_at, replaced_at, return_due_at, returned_at, cancel_reason, cancelled_at,
        closed_at, created_at, created_at
      from json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json) as x(number text, case_id bigint,
        organisation_id bigint, branch_id bigint, warehouse_id bigint, asset_id bigint, faulty_serial text,
        part_id bigint, reason text, state text, source text, good_received_at timestamptz, replaced_at timestamptz,
        return_due_at timestamptz, returned_at timestamptz, cancel_reason text, cancelled_at timestamptz,
        closed_at timestamptz, created_at timestamptz)`.execute(db);
  }
  await sql`analyze rma`.execute(db);
  const total = (await sql<{ n: number }>`select count(*)::int as n from rma`.execute(db)).rows[0]!.n;
  return { seconds: round((nowMs() - started) / 1000, 1), total };
}
