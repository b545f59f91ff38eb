/**
 * The ceiling TACdesk's intake is compared with, measured in the same run on the same engine:
 * a case-shaped transaction (a support_case row with its search vector, a domain_event row with
 * the case as JSON, a job row) straight through the driver — node-postgres or PGlite itself —
 * and, on PostgreSQL, the same transaction by `pgbench`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { caseText, rng } from './corpus.ts';
import { searchDocument } from '../../src/modules/cases/case-search-text.ts';
import { nowMs, summarize, round, type LatencySummary } from './stats.ts';

export interface BaselineResult {
  concurrency: number;
  seconds: number;
  tx: number;
  perSecond: number;
  latencyMs: LatencySummary;
}

const INSERT_CASE = `insert into support_case (number, organisation_id, channel, category, title, description,
  priority, state, opened_at, updated_at, search_public)
  values ($1, $2, 'phone', $3, $4, $5, $6, 'new', now(), now(), to_tsvector('simple', $7))
  returning id`;
const INSERT_EVENT = `insert into domain_event (type, subject_type, subject_id, organisation_id, actor_kind,
  actor_id, actor_label, request_id, ip, after)
  values ('case.opened', 'case', $1, $2, 'user', 1, 'bench', 'req-bench', '127.0.0.1', $3)`;
const INSERT_JOB = `insert into job (kind, payload) values ('case.notify', $1)`;

let runs = 0;

function params(r: () => number, organisationId: number, seq: number) {
  const t = caseText(r);
  const priority = 1 + Math.floor(r() * 4);
  return {
    number: `BASE-${process.pid}-${runs}-${seq}`,
    t,
    priority,
    doc: searchDocument(t.title, t.description, null, t.category),
    after: JSON.stringify({
      organisation_id: organisationId,
      title: t.title,
      description: t.description,
      priority,
    }),
    organisationId,
  };
}

/** node-postgres, a pool of `concurrency` connections, one worker per connection. */
export async function pgDriverBaseline(
  url: string,
  organisationId: number,
  concurrency: number,
  seconds: number,
) {
  runs++;
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  pool.on('error', (e) => process.emitWarning(`baseline pool: ${e.message}`));
  const r = rng(7);
  const lat: number[] = [];
  let seq = 0;
  const start = nowMs();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        while (nowMs() < end) {
          const p = params(r, organisationId, seq++);
          const t0 = nowMs();
          await client.query('begin');
          const { rows } = await client.query(INSERT_CASE, [
            p.number,
            p.organisationId,
            p.t.category,
            p.t.title,
            p.t.description,
            p.priority,
            p.doc,
          ]);
          const id = String(rows[0].id);
          await client.query(INSERT_EVENT, [id, p.organisationId, p.after]);
          await client.query(INSERT_JOB, [JSON.stringify({ caseId: id })]);
          await client.query('commit');
          lat.push(nowMs() - t0);
        }
      } finally {
        client.release();
      }
    }),
  );
  const elapsed = (nowMs() - start) / 1000;
  await pool.end();
  return result(concurrency, elapsed, lat);
}

/** PGlite has one connection: transactions run one after another whatever the concurrency. */
export async function pgliteDriverBaseline(pgdata: string, organisationId: number, seconds: number) {
  runs++;
  const db = await PGlite.create({ dataDir: pgdata });
  const r = rng(7);
  const lat: number[] = [];
  let seq = 0;
  const start = nowMs();
  const end = start + seconds * 1000;
  while (nowMs() < end) {
    const p = params(r, organisationId, seq++);
    const t0 = nowMs();
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(INSERT_CASE, [
        p.number,
        p.organisationId,
        p.t.category,
        p.t.title,
        p.t.description,
        p.priority,
        p.doc,
      ]);
      const id = String(rows[0]!.id);
      await tx.query(INSERT_EVENT, [id, p.organisationId, p.after]);
      await tx.query(INSERT_JOB, [JSON.stringify({ caseId: id })]);
    });
    lat.push(nowMs() - t0);
  }
  const elapsed = (nowMs() - start) / 1000;
  await db.close();
  return result(1, elapsed, lat);
}

function result(concurrency: number, elapsed: number, lat: number[]): BaselineResult {
  return {
    concurrency,
    seconds: round(elapsed),
    tx: lat.length,
    perSecond: round(lat.length / elapsed, 1),
    latencyMs: summarize(lat),
  };
}

export function findPgbench(): string | null {
  for (const p of [process.env.BENCH_PGBENCH, '/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench']) {
    if (p && fs.existsSync(p)) return p;
  }
  const which = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** The same transaction as a pgbench custom script; per-transaction latencies from its log. */
export function pgbenchBaseline(
  pgbench: string,
  url: string,
  organisationId: number,
  concurrency: number,
  seconds: number,
): (BaselineResult & { command: string }) | { error: string } {
  const r = rng(11);
  const p = params(r, organisationId, 0);
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const script = [
    `\\set prio random(1, 4)`,
    `BEGIN;`,
    `INSERT INTO support_case (number, organisation_id, channel, category, title, description, priority, state, opened_at, updated_at, search_public) VALUES ('PGB-' || gen_random_uuid(), ${organisationId}, 'phone', ${lit(p.t.category)}, ${lit(p.t.title)}, ${lit(p.t.description)}, :prio, 'new', now(), now(), to_tsvector('simple', ${lit(p.doc)})) RETURNING id AS case_id \\gset`,
    `INSERT INTO domain_event (type, subject_type, subject_id, organisation_id, actor_kind, actor_id, actor_label, request_id, ip, after) VALUES ('case.opened', 'case', :case_id, ${organisationId}, 'user', 1, 'bench', 'req-bench', '127.0.0.1', ${lit(p.after)});`,
    `INSERT INTO job (kind, payload) VALUES ('case.notify', jsonb_build_object('caseId', :case_id));`,
    `END;`,
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-pgbench-'));
  fs.writeFileSync(path.join(dir, 'case.sql'), script);
  const u = new URL(url);
  const args = [
    '-n',
    '-f',
    'case.sql',
    '-c',
    String(concurrency),
    '-j',
    String(concurrency),
    '-T',
    String(seconds),
    '-l',
    '--log-prefix=tx',
  ];
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username || 'postgres'),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
  const run = spawnSync(pgbench, args, { cwd: dir, env, encoding: 'utf8', timeout: (seconds + 60) * 1000 });
  try {
    if (run.status !== 0) return { error: `pgbench failed (${run.status}): ${run.stderr || run.stdout}` };
    const lat: number[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('tx.'))) {
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        // client_id transaction_no time script_no time_epoch time_us
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us) && line) lat.push(us / 1000);
      }
    }
    const tps = Number(
      /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1] ?? Number.NaN,
    );
    return {
      concurrency,
      seconds,
      tx: lat.length,
      perSecond: round(tps, 1),
      latencyMs: summarize(lat),
      command: `pgbench ${args.join(' ')} (script: bench/lib/baseline.ts pgbenchBaseline)`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
