/**
 * Shared by the crash and two-node tests (`test/process/`) and their full form
 * (`bench/crash.bench.ts`):
 *
 * - `runCrashRounds`: real server processes take case intake through the HTTP API from several
 *   writers and are killed with SIGKILL at a random moment, then restarted on the same data
 *   (PGlite data directory, or PostgreSQL database). After every restart everything is read back
 *   through the API: every case acknowledged with 201 is present and intact (number, title,
 *   description, priority, organisation) with its `case.opened` event, numbering has no gaps.
 * - `runTwoNodes`: two server processes on one PostgreSQL database; many escalation steps come
 *   due at once; both background loops sweep; every step must fire exactly once.
 *
 * Both return findings rather than asserting, so the bench can report figures and the tests
 * assert on them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ADMIN_TEST_PASSWORD, startServerProcess, type ServerProcess } from './server-process.ts';

const SERVER_ENV = { TACDESK_LOGIN_RATE_PER_MINUTE: '100000' };

// ---------------------------------------------------------------------------------------------
// Plumbing: scratch PostgreSQL databases, signed-in admin sessions, small statistics.

/** A fresh database on the PostgreSQL server of `adminUrl`; `drop()` removes it. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tacdesk_crash_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

interface Session {
  url: string;
  headers: Record<string, string>;
}

async function signIn(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { url, headers: { cookie, 'x-csrf-token': csrfToken } };
}

async function getJson<T>(s: Session, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${s.url}${pathAndQuery}`, { headers: s.headers });
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function postJson(s: Session, p: string, body: unknown): Promise<Response> {
  return fetch(`${s.url}${p}`, {
    method: 'POST',
    headers: { ...s.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** p50 and max of a list of milliseconds. */
export function p50max(ms: readonly number[]): { p50: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.ceil(s.length / 2) - 1] ?? Number.NaN, max: s.at(-1) ?? Number.NaN };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Crash rounds.

export interface CrashOptions {
  engine: 'pglite' | 'postgres';
  /** PostgreSQL: the database the server uses (DATABASE_URL). */
  databaseUrl?: string | undefined;
  rounds: number;
  /** Concurrent writers posting cases (closed loop). */
  writers?: number;
  /**
   * The kill comes this many ms, uniformly at random, after the round's first acknowledged case
   * (so every round has writes to lose, however slow the machine is to warm up).
   */
  killAfterMs?: readonly [number, number];
  /** Every n-th round also kills the restarting process during its start-up (0: never). */
  killDuringStartEvery?: number;
  log?: (message: string) => void;
  /** Called with every started server, so a test can kill it if the run throws. */
  onServer?: (server: ServerProcess) => void;
}

interface Expected {
  number: string;
  title: string;
  description: string;
  priority: number;
  organisationId: number;
  round: number;
}

export interface CrashRound {
  round: number;
  /** ms of load before the SIGKILL. */
  loadMs: number;
  acknowledged: number;
  /** Requests in flight when the process died (no answer). */
  inFlight: number;
  /** Cases committed although their 201 never reached the client (allowed). */
  committedUnacknowledged: number;
  /** When the round also killed the restart during start-up: ms after spawn. */
  startupKillMs: number | null;
  /** spawn → first 200 from /readyz. */
  restartMs: number;
  committedTotal: number;
}

export interface CrashResult {
  engine: 'pglite' | 'postgres';
  rounds: CrashRound[];
  acknowledged: number;
  committed: number;
  /** Acknowledged cases missing or changed after a restart, one line each. */
  lost: string[];
  /** Missing numbers among committed cases, duplicate or malformed numbers, one line each. */
  gaps: string[];
  /** Committed cases without their `case.opened` event (or events without a case). */
  eventMismatches: string[];
  /** Answers other than 201 before the kill (a 5xx would be a bug). */
  unexpectedStatuses: string[];
  restartFailures: string[];
  restartMs: { p50: number; max: number };
  seconds: number;
}

const TITLES = [
  '核心交换机端口闪断',
  '存储阵列控制器告警',
  '防火墙 HA 切换后会话中断',
  'OceanStor 5500 硬盘亮黄灯',
  '机房 UPS 切换电池供电',
  'Oracle RAC 节点驱逐',
  'VMware 主机失去响应',
  '无线 AP 大面积掉线',
];
const WORDS = [
  '客户反馈',
  '业务系统访问缓慢',
  '日志显示',
  'CRC error',
  '光模块',
  '已远程登录检查',
  'link down/up',
  '请尽快安排工程师到场',
  'S6730-H48X6C',
  '温度告警',
  '主备切换',
  'firmware V300R006C20',
  '影响范围：财务部',
  '漏水',
];

function payload(rand: () => number, orgs: number[], tag: string) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lines: string[] = [];
  const n = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < n; i++)
    lines.push(Array.from({ length: 3 + Math.floor(rand() * 10) }, () => pick(WORDS)).join('，'));
  return {
    organisationId: pick(orgs),
    title: `${pick(TITLES)} ${tag}`,
    description: `${lines.join('\n')}\n标记 ${tag} ${crypto.randomUUID()}`,
    priority: 1 + Math.floor(rand() * 4),
    channel: 'phone',
  };
}

const NUMBER = /^TAC-(\d{4})-(\d{6})$/;

interface ListedCase {
  id: number;
  number: string;
  title: string;
  priority: number;
  organisation: { id: number };
}

/** Everything committed, read back through the API as an administrator. */
async function readBack(s: Session) {
  const cases = new Map<number, ListedCase>();
  for (let cursor: string | null = ''; cursor !== null;) {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: { items: ListedCase[]; nextCursor: string | null } = await getJson(
      s,
      `/api/cases?limit=200&sort=newest${q}`,
    );
    for (const c of page.items) cases.set(c.id, c);
    cursor = page.nextCursor;
  }
  const opened = new Map<number, Array<Record<string, unknown>>>();
  for (let before: number | null = 0; before !== null;) {
    const q: string = before ? `&before=${before}` : '';
    const page: {
      items: Array<{ subjectId: string; after: Record<string, unknown> }>;
      nextBefore: number | null;
    } = await getJson(s, `/api/audit-events?type=case.opened&limit=500${q}`);
    for (const e of page.items)
      opened.set(Number(e.subjectId), [...(opened.get(Number(e.subjectId)) ?? []), e.after]);
    before = page.nextBefore;
  }
  return { cases, opened };
}

/** Compares what the API shows with what was acknowledged; `deep` also reads each case. */
async function verify(
  s: Session,
  acknowledged: Map<number, Expected>,
  deepIds: Iterable<number>,
  result: Pick<CrashResult, 'lost' | 'gaps' | 'eventMismatches'>,
  label: string,
): Promise<Map<number, ListedCase>> {
  const { cases, opened } = await readBack(s);
  for (const [id, want] of acknowledged) {
    const got = cases.get(id);
    if (!got) {
      result.lost.push(`${label}: case ${id} (${want.number}, round ${want.round}) is missing`);
      continue;
    }
    const listed = {
      number: got.number,
      title: got.title,
      priority: got.priority,
      organisationId: got.organisation.id,
    };
    const wanted = {
      number: want.number,
      title: want.title,
      priority: want.priority,
      organisationId: want.organisationId,
    };
    if (JSON.stringify(listed) !== JSON.stringify(wanted))
      result.lost.push(`${label}: case ${id} changed: ${JSON.stringify(listed)} ≠ ${JSON.stringify(wanted)}`);
    const events = opened.get(id) ?? [];
    const event = events[0];
    if (events.length !== 1 || !event)
      result.eventMismatches.push(`${label}: case ${id} has ${events.length} case.opened events`);
    else if (
      event.number !== want.number ||
      event.title !== want.title ||
      event.description !== want.description ||
      event.priority !== want.priority ||
      event.organisation_id !== want.organisationId
    )
      result.eventMismatches.push(`${label}: case.opened of case ${id} does not match what was acknowledged`);
  }
  for (const id of deepIds) {
    const want = acknowledged.get(id)!;
    const res = await fetch(`${s.url}/api/cases/${id}`, { headers: s.headers });
    if (res.status !== 200) {
      result.lost.push(`${label}: GET /api/cases/${id} answered ${res.status}`);
      continue;
    }
    const got = (await res.json()) as { description: string; title: string; number: string };
    if (got.description !== want.description || got.title !== want.title || got.number !== want.number)
      result.lost.push(`${label}: case ${id} reads back with another title, number or description`);
  }
  // Every committed case (acknowledged or not) has its event, and an event has its case.
  for (const id of cases.keys())
    if (!opened.has(id))
      result.eventMismatches.push(`${label}: committed case ${id} has no case.opened event`);
  for (const id of opened.keys())
    if (!cases.has(id))
      result.eventMismatches.push(`${label}: case.opened for case ${id}, which is not there`);
  // Numbering: per year 1..N, each once.
  const byYear = new Map<number, number[]>();
  for (const c of cases.values()) {
    const m = NUMBER.exec(c.number);
    if (!m) {
      result.gaps.push(`${label}: case ${c.id} has a malformed number ${c.number}`);
      continue;
    }
    byYear.set(Number(m[1]), [...(byYear.get(Number(m[1])) ?? []), Number(m[2])]);
  }
  for (const [year, ns] of byYear) {
    ns.sort((a, b) => a - b);
    for (let i = 0; i < ns.length; i++)
      if (ns[i] !== i + 1) {
        result.gaps.push(
          `${label}: ${year} numbers are not 1..${ns.length}: first break at position ${i + 1} (${ns[i]})`,
        );
        break;
      }
  }
  return cases;
}

/**
 * Runs `rounds` rounds of load → SIGKILL → restart → read back, on one data directory (PGlite)
 * or one database (PostgreSQL), then a final full read of every acknowledged case.
 */
export async function runCrashRounds(opts: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const writers = opts.writers ?? 4;
  const [killMin, killMax] = opts.killAfterMs ?? [150, 1500];
  const env: Record<string, string> = {
    ...SERVER_ENV,
    ...(opts.engine === 'postgres' ? { DATABASE_URL: opts.databaseUrl! } : {}),
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-crash-'));
  const result: CrashResult = {
    engine: opts.engine,
    rounds: [],
    acknowledged: 0,
    committed: 0,
    lost: [],
    gaps: [],
    eventMismatches: [],
    unexpectedStatuses: [],
    restartFailures: [],
    restartMs: { p50: Number.NaN, max: Number.NaN },
    seconds: 0,
  };
  const acknowledged = new Map<number, Expected>();
  const start = async () => {
    const server = await startServerProcess({ env, dataDir });
    opts.onServer?.(server);
    return server;
  };
  let server = await start();
  try {
    let session = await signIn(server.url);
    const orgs: number[] = [];
    for (const name of ['崩溃测试客户甲', '崩溃测试客户乙', 'Crash Test Customer C']) {
      const res = await postJson(session, '/api/organisations', { name, industry: '测试' });
      if (res.status !== 201) throw new Error(`creating an organisation: ${res.status} ${await res.text()}`);
      orgs.push(((await res.json()) as { id: number }).id);
    }
    let seed = 1;
    let unacknowledgedBefore = 0;
    for (let round = 1; round <= opts.rounds; round++) {
      const rand = mulberry32(seed++ * 7919);
      const mine = new Set<number>();
      let firstAcknowledged = () => {};
      const acknowledgedOnce = new Promise<void>((resolve) => (firstAcknowledged = resolve));
      let inFlight = 0;
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const body = payload(rand, orgs, `r${round}-w${w}-${i}`);
          inFlight++;
          let res: Response;
          try {
            res = await postJson(session, '/api/cases', body);
          } catch {
            return; // the connection died with the server: not acknowledged
          }
          let json: { id: number; number: string } | null = null;
          try {
            json = res.status === 201 ? ((await res.json()) as { id: number; number: string }) : null;
            if (res.status !== 201) await res.text();
          } catch {
            return; // died while the answer was being read: not acknowledged
          }
          inFlight--;
          if (!json) {
            result.unexpectedStatuses.push(`round ${round}: POST /api/cases answered ${res.status}`);
            continue;
          }
          mine.add(json.id);
          firstAcknowledged();
          acknowledged.set(json.id, {
            number: json.number,
            title: body.title,
            description: body.description,
            priority: body.priority,
            organisationId: body.organisationId,
            round,
          });
        }
      };
      const loadStarted = performance.now();
      const running = Array.from({ length: writers }, (_, w) => writer(w));
      // A machine too slow to acknowledge anything in a minute is reported by the caller's count.
      await Promise.race([acknowledgedOnce, sleep(60_000)]);
      await sleep(killMin + Math.random() * (killMax - killMin));
      await server.kill('SIGKILL');
      const loadMs = Math.round(performance.now() - loadStarted);
      stop = true;
      await Promise.all(running);

      // A crash during start-up (recovery, migrations, the data-dir lock) must not keep the next
      // start from succeeding: the start's readiness deadline SIGKILLs the process.
      let startupKillMs: number | null = null;
      if (opts.killDuringStartEvery && round % opts.killDuringStartEvery === 0) {
        startupKillMs = Math.round(200 + Math.random() * 1500);
        try {
          const early = await startServerProcess({ env, dataDir, timeoutMs: startupKillMs });
          opts.onServer?.(early);
          await early.kill('SIGKILL'); // ready before the deadline: killed right after
        } catch (error) {
          if (!(error as Error).message.startsWith('server did not become ready')) {
            result.restartFailures.push(
              `round ${round} (start-up kill): ${(error as Error).message.slice(0, 2000)}`,
            );
            break;
          }
        }
      }
      const restartStarted = performance.now();
      try {
        server = await start();
      } catch (error) {
        result.restartFailures.push(`round ${round}: ${(error as Error).message.slice(0, 2000)}`);
        break;
      }
      const restartMs = Math.round(performance.now() - restartStarted);
      session = await signIn(server.url);
      const committed = await verify(session, acknowledged, mine, result, `round ${round}`);
      const unacknowledged = [...committed.keys()].filter((id) => !acknowledged.has(id)).length;
      const entry: CrashRound = {
        round,
        loadMs,
        acknowledged: mine.size,
        inFlight,
        startupKillMs,
        committedUnacknowledged: unacknowledged - unacknowledgedBefore,
        restartMs,
        committedTotal: committed.size,
      };
      result.rounds.push(entry);
      unacknowledgedBefore = unacknowledged;
      log(
        `${opts.engine} round ${round}: ${mine.size} acknowledged in ${loadMs} ms, ${inFlight} in flight, ` +
          `${entry.committedUnacknowledged} committed unacknowledged, ` +
          (startupKillMs === null ? '' : `killed again ${startupKillMs} ms into start-up, `) +
          `restart ${restartMs} ms`,
      );
    }
    if (result.restartFailures.length === 0) {
      const committed = await verify(session, acknowledged, acknowledged.keys(), result, 'final');
      result.committed = committed.size;
    }
    await server.stop();
  } finally {
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (result.committed === 0) result.committed = result.rounds.at(-1)?.committedTotal ?? 0;
  result.acknowledged = acknowledged.size;
  result.restartMs = p50max(result.rounds.map((r) => r.restartMs));
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

/** Small seeded PRNG, so a round's payloads can be reproduced. */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Two nodes on one PostgreSQL database.

export interface TwoNodeOptions {
  /** A PostgreSQL server on which a scratch database may be created (and is dropped after). */
  adminUrl: string;
  /** Escalation steps coming due at once: 90 % of them on cases with one step due, the rest on
   * cases with two (10 min and 1 h, missed "during downtime"). */
  due: number;
  /** Give up waiting for the sweeps after this long. */
  timeoutMs?: number;
  log?: (message: string) => void;
  onServer?: (server: ServerProcess) => void;
}

export interface TwoNodeResult {
  due: number;
  cases: number;
  /** `case.escalated` events of the seeded cases. */
  events: number;
  /** (case, step) pairs with more than one event, one line each. */
  duplicates: string[];
  /** Due (case, step) pairs without an event, one line each. */
  missed: string[];
  /** Events for steps that were not due. */
  unexpected: string[];
  /** Cases still due when the wait ended. */
  stillDue: number;
  /** `case_escalation` rows (the fired-step record) of the seeded cases. */
  escalationRows: number;
  /** Seed commit → no case due. */
  drainSeconds: number;
  /** Sweeps that fired something; whether two of them ran at the same time (two processes). */
  sweeps: number;
  concurrentSweeps: boolean;
  /** The two largest sweeps' shares of the steps fired. */
  largestSweeps: number[];
  /** Errors the processes logged from their escalation loops. */
  loopErrors: string[];
  /** Both servers answered /readyz after the sweeps. */
  bothAlive: boolean;
}

/**
 * Starts two `tacdesk serve` processes at once on a fresh PostgreSQL database (so they also
 * migrate concurrently), seeds `due` escalation steps coming due in one statement, waits until
 * no case is due, and counts `case.escalated` events per (case, step).
 */
export async function runTwoNodes(opts: TwoNodeOptions): Promise<TwoNodeResult> {
  const log = opts.log ?? (() => {});
  const scratch = await createScratchDatabase(opts.adminUrl);
  const servers: ServerProcess[] = [];
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    const env = { ...SERVER_ENV, DATABASE_URL: scratch.url };
    servers.push(...(await Promise.all([startServerProcess({ env }), startServerProcess({ env })])));
    for (const s of servers) opts.onServer?.(s);
    await client.connect();

    const twoStepCases = Math.floor(opts.due / 10);
    const cases = opts.due - twoStepCases;
    const year = new Date().getUTCFullYear();
    const org = await client.query<{ id: string }>(
      `insert into organisation (name) values ('两节点升级测试客户') returning id`,
    );
    // One statement, so every step comes due at the same instant for both processes. P1 cases on
    // the 7×24 fallback calendar (no contract): steps at 10 min, 1 h, 4 h, 24 h after opening.
    // One-step cases opened 15–19 min ago, two-step cases 70–74 min ago; next_escalation_at is
    // the first step's due time, as rescheduleCase would have stored it.
    const seededAt = performance.now();
    const seeded = await client.query<{ id: string; two: boolean }>(
      `insert into support_case (number, organisation_id, channel, title, description, priority, state,
         opened_at, updated_at, next_escalation_at)
       select 'TAC-' || $1::int || '-' || lpad(g::text, 6, '0'), $2::bigint, 'phone',
              '两节点升级测试 ' || g, '到期的升级步骤只能触发一次 / a due step fires exactly once', 1, 'new',
              t0 - (case when g <= $3::int then 70 else 15 end) * interval '1 minute' - (g % 240) * interval '1 second',
              t0,
              t0 - (case when g <= $3::int then 60 else 5 end) * interval '1 minute' - (g % 240) * interval '1 second'
         from generate_series(1, $4::int) g, (select now() as t0) t
       returning id, (opened_at < now() - interval '1 hour') as two`,
      [year, org.rows[0]!.id, twoStepCases, cases],
    );
    await client.query(`insert into case_counter (year, last_number) values ($1, $2)`, [year, cases]);
    log(`seeded ${cases} cases, ${opts.due} steps due`);

    const deadline = Date.now() + (opts.timeoutMs ?? 60_000 + opts.due * 20);
    let stillDue = cases;
    let reported = Date.now();
    while (Date.now() < deadline) {
      const r = await client.query<{ n: number }>(
        `select count(*)::int as n from support_case where next_escalation_at <= now()`,
      );
      stillDue = r.rows[0]!.n;
      if (stillDue === 0) break;
      if (Date.now() - reported >= 10_000) {
        reported = Date.now();
        log(`${stillDue} cases still due after ${Math.round((performance.now() - seededAt) / 1000)} s`);
      }
      await sleep(200);
    }
    const drainSeconds = Math.round((performance.now() - seededAt) / 100) / 10;
    log(`drained in ${drainSeconds} s (${stillDue} still due)`);

    const fired = await client.query<{ case_id: string; step: string; n: number }>(
      `select subject_id as case_id, data->>'stepKey' as step, count(*)::int as n
         from domain_event where type = 'case.escalated' group by 1, 2`,
    );
    const counts = new Map(fired.rows.map((r) => [`${r.case_id}/${r.step}`, r.n]));
    const expected = new Set<string>();
    for (const row of seeded.rows) {
      expected.add(`${row.id}/default:P1:10`);
      if (row.two) expected.add(`${row.id}/default:P1:60`);
    }
    const duplicates = [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k}: ${n} events`);
    const missed = [...expected].filter((k) => !counts.has(k));
    const unexpected = [...counts.keys()].filter((k) => !expected.has(k));
    const escalationRows = Number(
      (await client.query<{ n: string }>(`select count(*) as n from case_escalation`)).rows[0]!.n,
    );

    // A sweep is identified by its `now` (case_escalation.fired_at); one process runs its sweeps
    // one after another, so two sweeps whose firing overlaps in time ran in two processes.
    const sweepRows = await client.query<{ first: Date; last: Date; n: number }>(
      `select min(e.occurred_at) as first, max(e.occurred_at) as last, count(*)::int as n
         from case_escalation ce
         join domain_event e on e.type = 'case.escalated' and (e.data->>'escalationId')::bigint = ce.id
        group by ce.fired_at order by 1`,
    );
    let concurrentSweeps = false;
    let lastEnd = 0;
    for (const s of sweepRows.rows) {
      if (s.first.getTime() < lastEnd) concurrentSweeps = true;
      lastEnd = Math.max(lastEnd, s.last.getTime());
    }
    const total = sweepRows.rows.reduce((a, s) => a + s.n, 0);
    const largestSweeps = sweepRows.rows
      .map((s) => Math.round((s.n / Math.max(1, total)) * 1000) / 1000)
      .sort((a, b) => b - a)
      .slice(0, 2);

    const bothAlive = (
      await Promise.all(
        servers.map((s) =>
          fetch(`${s.url}/readyz`).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      )
    ).every(Boolean);
    const loopErrors = servers.flatMap((s) =>
      s
        .logs()
        .split('\n')
        .filter((l) => l.includes('escalation sweep failed')),
    );
    return {
      due: opts.due,
      cases,
      events: [...counts].filter(([k]) => expected.has(k)).reduce((a, [, n]) => a + n, 0),
      duplicates,
      missed,
      unexpected,
      stillDue,
      escalationRows,
      drainSeconds,
      sweeps: sweepRows.rows.length,
      concurrentSweeps,
      largestSweeps,
      loopErrors,
      bothAlive,
    };
  } finally {
    await client.end().catch(() => {});
    await Promise.all(servers.map((s) => s.stop()));
    await scratch.drop();
  }
}
