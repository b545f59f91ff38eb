/**
 * Intake A/B in one process: `POST /api/cases` (app.inject, signed in as the demo hotline
 * operator) against two source trees — e.g. a `git worktree` of the commit before a change and
 * this checkout — each on its own demo-seeded database, rounds interleaved so both see the same
 * machine. Prints cases/s per round, the medians and after ÷ before.
 *
 *   git worktree add --detach ../before <commit> && ln -s $PWD/node_modules ../before/
 *   BEFORE=../before AFTER=. node bench/intake-ab.ts
 *   ENGINE [postgres] or pglite (in memory)   C [4] concurrency   ROUNDS [6]   PER [200] requests a round
 *   BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/test]: the two databases are created beside it
 *   and dropped at the end.
 */
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const trees = {
  base: path.resolve(process.env.BEFORE ?? '../before'),
  lead: path.resolve(process.env.AFTER ?? '.'),
} as const;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pglite = process.env.ENGINE === 'pglite';

/** A fresh database beside ADMIN_URL's, or undefined on PGlite. */
async function scratchDb(name: string, drop = false): Promise<string | undefined> {
  if (pglite) return undefined;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  if (!drop) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
const CONC = Number(process.env.C ?? 4);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const PER = Number(process.env.PER ?? 200);

async function setup(name: keyof typeof trees) {
  const root = trees[name];
  const { openAppDatabase } = await import(`${root}/src/app/run-server.ts`);
  const { seedDemo } = await import(`${root}/src/app/seed/demo-seed.ts`);
  const { buildApp } = await import(`${root}/src/app/build-app.ts`);
  const { loadConfig } = await import(`${root}/src/platform/config/config.ts`);
  const url = await scratchDb(`intake_ab_${name}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ab-${name}-`));
  const config = loadConfig({
    TACDESK_LOG_LEVEL: 'silent',
    TACDESK_DATA_DIR: dataDir,
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const h = await openAppDatabase(config);
  await seedDemo(h.db);
  const app = await buildApp({ db: h.db, config });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'wangfang', password: 'Demo-2026-tac' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const orgs = (await h.db.selectFrom('organisation').select('id').execute()).map(
    (r: { id: number }) => r.id,
  );
  const contacts = await h.db.selectFrom('contact').select(['id', 'organisation_id']).execute();
  let i = 0;
  const one = async () => {
    const org = orgs[i++ % orgs.length]!;
    const contact = contacts.find((c: { organisation_id: number }) => c.organisation_id === org);
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {
        organisationId: org,
        channel: 'phone',
        category: 'hardware',
        title: '核心交换机端口故障 ' + i,
        description: '端口 Gi1/0/1 频繁 up/down，影响财务系统访问',
        priority: 1 + (i % 4),
        impact: 'site',
        contactId: i % 10 < 7 ? (contact?.id ?? null) : null,
      },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  };
  return {
    one,
    close: async () => {
      await app.close();
      await h.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await scratchDb(`intake_ab_${name}`, true);
    },
  };
}

const a = await setup('base');
const b = await setup('lead');
/** Busy and total CPU jiffies of the whole machine (Linux), to split a round's CPU. */
function machineCpu(): { busy: number; total: number } {
  const fields = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}
const cpu = { base: { node: 0, machine: 0, requests: 0 }, lead: { node: 0, machine: 0, requests: 0 } };

const run = async (one: () => Promise<void>, into?: (typeof cpu)['base']) => {
  const node0 = process.cpuUsage();
  const machine0 = machineCpu();
  const t0 = performance.now();
  let left = PER;
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  if (into) {
    const used = process.cpuUsage(node0);
    into.node += (used.user + used.system) / 1000;
    into.machine += (machineCpu().busy - machine0.busy) * 10; // jiffies of 10 ms
    into.requests += PER;
  }
  return PER / seconds;
};
await run(a.one);
await run(b.one); // warm-up
const rs: { base: number[]; lead: number[] } = { base: [], lead: [] };
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? (['lead', 'base'] as const) : (['base', 'lead'] as const);
  for (const k of order) rs[k].push(await run(k === 'base' ? a.one : b.one, cpu[k]));
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
console.log(
  JSON.stringify({
    engine: pglite ? 'pglite' : 'postgres',
    concurrency: CONC,
    before: rs.base.map(Math.round),
    after: rs.lead.map(Math.round),
    medianBefore: Math.round(med(rs.base) * 10) / 10,
    medianAfter: Math.round(med(rs.lead) * 10) / 10,
    ratio: Math.round((med(rs.lead) / med(rs.base)) * 100) / 100,
    // CPU per request, ms: this process (app and load) and the whole machine (adds PostgreSQL).
    cpuMsPerRequest: Object.fromEntries(
      (['base', 'lead'] as const).map((k) => [
        k === 'base' ? 'before' : 'after',
        {
          node: Math.round((cpu[k].node / cpu[k].requests) * 100) / 100,
          machine: Math.round((cpu[k].machine / cpu[k].requests) * 100) / 100,
        },
      ]),
    ),
  }),
);
await a.close();
await b.close();
process.exit(0);
