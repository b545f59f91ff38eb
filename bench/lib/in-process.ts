/**
 * In-process work against the bench database (the server stopped, so PGlite's data-dir lock is
 * free): EXPLAIN (ANALYZE, BUFFERS) of the SQL the list endpoint runs, and one escalation sweep.
 */
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../src/app/database-schema.ts';
import type { Actor } from '../../src/platform/authz/actor.ts';
import { SerializedPGliteDialect } from '../../src/platform/db/serialized-pglite-dialect.ts';
import { lockDataDir } from '../../src/platform/db/data-dir-lock.ts';
import { listCases, type CaseListFilter } from '../../src/modules/cases/server/case.repository.ts';
import { sweepEscalations } from '../../src/modules/sla/server/index.ts';
import { registerEventHook } from '../../src/platform/events/domain-events.ts';
import { writeDeliveries } from '../../src/modules/notifications/server/index.ts';
import type { DbTarget } from './server.ts';
import { nowMs, round, summarize } from './stats.ts';

export interface Opened {
  db: Kysely<Database>;
  /** Queries run since the last take(). */
  take(): CompiledQuery[];
  close(): Promise<void>;
}

/** The database with a query log (same parsers as the app: int8 as number). */
export async function openLogged(target: DbTarget): Promise<Opened> {
  let captured: CompiledQuery[] = [];
  const logFn = (e: { level: string; query: CompiledQuery }) => {
    if (e.level === 'query') captured.push(e.query);
  };
  if (target.engine === 'postgres') {
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const pool = new pg.Pool({ connectionString: target.url, max: 4 });
    pool.on('error', (e) => process.emitWarning(`bench pool: ${e.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logFn });
    return { db, take: () => [captured, (captured = [])][0]!, close: () => db.destroy() };
  }
  const release = lockDataDir(target.dataDir);
  const pglite = await PGlite.create({
    dataDir: path.join(target.dataDir, 'pgdata'),
    parsers: { 20: (v: string) => Number.parseInt(v, 10), 1082: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }), log: logFn });
  return {
    db,
    take: () => [captured, (captured = [])][0]!,
    async close() {
      await db.destroy();
      release();
    },
  };
}

export const staffActor = (userId: number): Actor => ({
  kind: 'staff',
  userId,
  roles: new Set(['hotline_operator']),
  branchId: null,
  label: 'bench',
  tokenId: null,
});

/** Runs listCases as the endpoint does, then EXPLAIN (ANALYZE, BUFFERS) of its SQL. */
export async function explainList(o: Opened, actor: Actor, filter: Partial<CaseListFilter>): Promise<string> {
  const f = { sort: 'newest', limit: 50, ...filter } as CaseListFilter;
  await listCases(o.db, actor, f, new Date());
  o.take();
  await listCases(o.db, actor, f, new Date());
  // A search is several statements (the newest ids by key, then older ones by the text indexes).
  const out = [`-- ${JSON.stringify(filter)}`];
  for (const q of o.take()) {
    const res = await o.db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]),
    );
    out.push(
      '',
      q.sql,
      `-- parameters: ${JSON.stringify(q.parameters)}`,
      '',
      ...res.rows.map((r) => r['QUERY PLAN']),
    );
  }
  return out.join('\n');
}

/**
 * One sweepEscalations call with `due` cases due: the clock is set to the `due`-th earliest
 * next_escalation_at, so exactly the cases due by then (normally `due`) are claimed. Firing lag
 * is each escalation event's commit-transaction time minus the sweep's start (wall clock).
 */
export async function measureSweep(o: Opened, due: number) {
  // A server registers the notification outbox hook (build-app.ts), which writes deliveries
  // in each escalation's transaction: without it the sweep would cost half what it does.
  registerEventHook(writeDeliveries);
  const db = o.db;
  // Due times bunch (a 5×8 calendar puts many at the opening hour): the clock is the `due`-th
  // earliest due time and the sweep is capped at `due` cases, so exactly `due` are claimed.
  const at = await sql<{ t: Date | null }>`
    select next_escalation_at as t from support_case where next_escalation_at is not null
    order by next_escalation_at offset ${due - 1} limit 1`.execute(db);
  const last = await sql<{ t: Date | null }>`select max(next_escalation_at) as t from support_case`.execute(
    db,
  );
  const now = at.rows[0]?.t ?? last.rows[0]?.t;
  if (!now) return { error: 'no escalating cases' };
  const dueCases = Math.min(
    due,
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from support_case where next_escalation_at <= ${now}`.execute(db)
      ).rows[0]!.n,
    ),
  );
  const lastEvent = Number(
    (await sql<{ id: number | null }>`select max(id) as id from domain_event`.execute(db)).rows[0]!.id ?? 0,
  );
  const wallStart = Date.now();
  const t0 = nowMs();
  const result = await sweepEscalations({ db, now, maxCases: dueCases });
  const ms = nowMs() - t0;
  const events = await sql<{ t: Date }>`
    select occurred_at as t from domain_event where id > ${lastEvent} and type = 'case.escalated'`.execute(
    db,
  );
  const lags = events.rows.map((e) => new Date(e.t).getTime() - wallStart);
  return {
    clock: new Date(now).toISOString(),
    dueCases,
    ...result,
    seconds: round(ms / 1000, 2),
    msPerCase: round(ms / Math.max(1, result.cases), 2),
    firingLagMs: summarize(lags),
  };
}
