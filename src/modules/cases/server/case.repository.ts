/** Reads of cases with the names the screens show; every read is scoped to the actor. */
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import { invalidField, notFound } from '../../../platform/http/app-error.ts';
import { sql } from 'kysely';
import { searchQuery } from '../case-search-text.ts';
import { STATE_INFO, CASE_STATES, type CaseState } from '../case-status.ts';
import { casesPolicy, scopeCases } from './cases.policy.ts';
import { isCaseNumber } from '../case-number.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every case column but the search vectors, which only the search uses. */
const CASE_COLUMNS = [
  'support_case.id',
  'support_case.number',
  'support_case.organisation_id',
  'support_case.site_id',
  'support_case.contact_id',
  'support_case.channel',
  'support_case.category',
  'support_case.asset_serial',
  'support_case.title',
  'support_case.description',
  'support_case.priority',
  'support_case.impact',
  'support_case.state',
  'support_case.service_contract_id',
  'support_case.service_level_id',
  'support_case.commercial_hold',
  'support_case.owner_id',
  'support_case.owner_accepted',
  'support_case.assignee_id',
  'support_case.group_id',
  'support_case.merged_into_id',
  'support_case.opened_by_user_id',
  'support_case.opened_at',
  'support_case.first_response_at',
  'support_case.diagnosed_at',
  'support_case.resolved_at',
  'support_case.closed_at',
  'support_case.reopen_count',
  'support_case.updated_at',
  'support_case.response_due_at',
  'support_case.diagnosis_due_at',
  'support_case.resolution_due_at',
  'support_case.sla_next_due_at',
] as const;

export function caseQuery(db: Db) {
  return db
    .selectFrom('support_case')
    .innerJoin('organisation', 'organisation.id', 'support_case.organisation_id')
    .leftJoin('contact', 'contact.id', 'support_case.contact_id')
    .leftJoin('app_user as owner', 'owner.id', 'support_case.owner_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'support_case.assignee_id')
    .leftJoin('support_group', 'support_group.id', 'support_case.group_id')
    .select(CASE_COLUMNS)
    .select([
      'organisation.name as organisation_name',
      'organisation.branch_id as organisation_branch_id',
      'contact.name as contact_name',
      'owner.display_name as owner_name',
      'assignee.display_name as assignee_name',
      'support_group.name as group_name',
    ]);
}

export type CaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirst']>>>;

/** The case if the actor may see it; otherwise 404 (whether or not it exists). */
export async function loadVisibleCase(
  db: Db,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  let query = caseQuery(db).where('support_case.id', '=', id);
  // Lock the case row (not the joined ones) so concurrent changes to one case serialise.
  if (opts.forUpdate) query = query.forUpdate('support_case');
  const row = await query.executeTakeFirst();
  if (!row || !casesPolicy.canRead(actor, row)) throw notFound('case');
  return row;
}

/** Whether the actor may see the case (for records that hang on a case and answer their own 404). */
export async function canSeeCase(db: Db, actor: Actor, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('support_case')
    .select('organisation_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined && casesPolicy.canRead(actor, row);
}

export interface CaseListFilter {
  state?: CaseState | CaseState[] | undefined;
  open?: boolean | undefined;
  priority?: number | undefined;
  organisationId?: number | undefined;
  assignee?: 'me' | 'none' | number | undefined;
  group?: 'mine' | number | undefined;
  branchId?: number | undefined;
  channel?: string | undefined;
  breachingWithin?: number | undefined;
  q?: string | undefined;
  sort: 'newest' | 'sla' | 'relevance';
  limit: number;
  cursor?: string | undefined;
}

const OPEN_STATES = CASE_STATES.filter((s) => STATE_INFO[s].open);

/** Opaque keyset cursors: the sort key and id of the last row of the page. */
const encodeCursor = (key: string | number | null, id: number) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(cursor: string): [string | number | null, number] {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [
      string | number | null,
      number,
    ];
    if (!Number.isInteger(id)) throw new Error('bad id');
    const validKey =
      key === null ||
      (typeof key === 'number' && Number.isFinite(key)) ||
      (typeof key === 'string' && !Number.isNaN(Date.parse(key)));
    if (!validKey) throw new Error('bad key');
    return [key, id];
  } catch {
    throw invalidField('querystring.cursor', 'not a cursor from this list', '不是此列表的翻页位置');
  }
}

/**
 * A keyset page of the cases the actor may see. Customers search public text only; staff also
 * internal notes. Returns the rows and the cursor of the next page.
 */
/** How many of the newest cases a search reads by key before it asks the text indexes instead. */
const SEARCH_WINDOW = 10_000;
/**
 * Relevance ranks at most this many matches: those among the newest SEARCH_WINDOW cases, or for a
 * rare term the newest ones anywhere. Ranking every match of a common word costs seconds at 1 M.
 */
const RELEVANCE_POOL = 1_000;

/** The id range one step of a search reads, and whether it walks the primary key. */
interface SearchStep {
  atLeast?: number;
  below?: number;
  byKey: boolean;
  limit: number;
}

/**
 * Search matches newest first, at any size. Walking the primary key backwards finds the newest
 * matches of a common term at once, but reads the whole table for a rare one (a serial, a
 * customer's own word); fetching every match through the GIN indexes is the reverse. So the
 * newest SEARCH_WINDOW cases are read by key first, and only when they hold too few matches are
 * the older ones taken from the text indexes (`fetch` orders by `id + 0` then, which keeps the
 * planner off the key).
 */
async function newestMatches<T>(
  db: Db,
  fetch: (step: SearchStep) => Promise<T[]>,
  limit: number,
  before: number | undefined,
  /** Fewer matches than this in the window: the older ones are fetched too. */
  enough = limit,
): Promise<T[]> {
  const top =
    before ??
    Number(
      (
        await db
          .selectFrom('support_case')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id ?? 0,
    ) + 1;
  const low = top - SEARCH_WINDOW;
  const recent = await fetch({ atLeast: low, byKey: true, limit });
  if (recent.length >= enough || low <= 1) return recent;
  const older = await fetch({ below: low, byKey: false, limit: limit - recent.length });
  return [...recent, ...older];
}

/** `query` limited to one search step's id range, newest first. */
function stepOf<Q extends SelectQueryBuilder<Database, 'support_case', object>>(
  query: Q,
  step: SearchStep,
): Q {
  let q = query;
  if (step.atLeast !== undefined) q = q.where('support_case.id', '>=', step.atLeast) as Q;
  if (step.below !== undefined) q = q.where('support_case.id', '<', step.below) as Q;
  return q
    .orderBy(step.byKey ? sql`support_case.id` : sql`support_case.id + 0`, 'desc')
    .limit(step.limit) as Q;
}

export async function listCases(
  db: Db,
  actor: Actor,
  f: CaseListFilter,
  now: Date,
): Promise<{ rows: CaseRow[]; nextCursor: string | null }> {
  let query = scopeCases(actor, caseQuery(db));
  if (f.state) query = query.where('support_case.state', 'in', Array.isArray(f.state) ? f.state : [f.state]);
  if (f.open === true) query = query.where('support_case.state', 'in', OPEN_STATES);
  if (f.open === false) query = query.where('support_case.state', 'not in', OPEN_STATES);
  if (f.priority) query = query.where('support_case.priority', '=', f.priority);
  if (f.organisationId) query = query.where('support_case.organisation_id', '=', f.organisationId);
  const me = actor.kind === 'system' ? -1 : (actor.userId ?? -1);
  if (f.assignee === 'me') query = query.where('support_case.assignee_id', '=', me);
  else if (f.assignee === 'none') query = query.where('support_case.assignee_id', 'is', null);
  else if (typeof f.assignee === 'number') query = query.where('support_case.assignee_id', '=', f.assignee);
  if (f.group === 'mine') {
    query = query.where('support_case.group_id', 'in', (eb) =>
      eb.selectFrom('support_group_member').select('group_id').where('user_id', '=', me),
    );
  } else if (f.group) query = query.where('support_case.group_id', '=', f.group);
  if (f.branchId) {
    const branchId = f.branchId;
    query = query.where('support_case.organisation_id', 'in', (eb) =>
      eb.selectFrom('organisation').select('id').where('branch_id', '=', branchId),
    );
  }
  if (f.channel) query = query.where('support_case.channel', '=', f.channel as never);
  if (f.breachingWithin !== undefined) {
    query = query.where(
      'support_case.sla_next_due_at',
      '<=',
      new Date(now.getTime() + f.breachingWithin * 60_000),
    );
  }

  const q = f.q?.trim();
  const tsquery = q && !isCaseNumber(q) ? searchQuery(q) : null;
  if (q && isCaseNumber(q)) query = query.where('support_case.number', '=', q.toUpperCase());
  else if (q && !tsquery) return { rows: [], nextCursor: null };
  const internal = casesPolicy.canSeeInternal(actor);
  const tsq = sql`to_tsquery('simple', ${tsquery})`;
  if (tsquery) {
    query = internal
      ? query.where(
          sql<boolean>`(support_case.search_public @@ ${tsq} or support_case.search_internal @@ ${tsq})`,
        )
      : query.where(sql<boolean>`support_case.search_public @@ ${tsq}`);
  }

  const sort = f.sort === 'relevance' && !tsquery ? 'newest' : f.sort;
  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  let rows: CaseRow[];
  if (sort === 'sla') {
    // Most urgent first; cases without an SLA due time after all others.
    const due = sql<Date | null>`support_case.sla_next_due_at`;
    if (cursor) {
      const [key, id] = cursor;
      query =
        key === null
          ? query.where('support_case.sla_next_due_at', 'is', null).where('support_case.id', '>', id)
          : query.where((eb) =>
              eb.or([
                eb('support_case.sla_next_due_at', 'is', null),
                eb('support_case.sla_next_due_at', '>', new Date(String(key))),
                eb.and([
                  eb('support_case.sla_next_due_at', '=', new Date(String(key))),
                  eb('support_case.id', '>', id),
                ]),
              ]),
            );
    }
    rows = await query
      .orderBy(sql`${due} asc nulls last`)
      .orderBy('support_case.id', 'asc')
      .limit(f.limit)
      .execute();
    const last = rows.at(-1);
    return {
      rows,
      nextCursor:
        rows.length === f.limit && last
          ? encodeCursor(last.sla_next_due_at?.toISOString() ?? null, last.id)
          : null,
    };
  }
  if (sort === 'relevance') {
    const rank = internal
      ? sql<number>`(ts_rank(support_case.search_public, ${tsq}) + 0.5 * ts_rank(support_case.search_internal, ${tsq}))::real`
      : sql<number>`ts_rank(support_case.search_public, ${tsq})::real`;
    // The best of the recent matches (see RELEVANCE_POOL).
    const pool = await newestMatches(
      db,
      async (step) =>
        (await stepOf(query.clearSelect().select('support_case.id'), step).execute()).map((r) => r.id),
      RELEVANCE_POOL,
      undefined,
      f.limit,
    );
    if (pool.length === 0) return { rows: [], nextCursor: null };
    let ranked = query.where('support_case.id', 'in', pool).select(rank.as('rank'));
    if (cursor) {
      const [key, id] = cursor;
      ranked = ranked.where((eb) =>
        eb.or([
          eb(rank, '<', Number(key)),
          eb.and([eb(rank, '=', Number(key)), eb('support_case.id', '<', id)]),
        ]),
      );
    }
    const found = await ranked
      .orderBy(rank, 'desc')
      .orderBy('support_case.id', 'desc')
      .limit(f.limit)
      .execute();
    const last = found.at(-1);
    return {
      rows: found,
      nextCursor: found.length === f.limit && last ? encodeCursor(last.rank, last.id) : null,
    };
  }
  if (cursor) query = query.where('support_case.id', '<', cursor[1]);
  rows = tsquery
    ? await newestMatches(db, (step) => stepOf(query, step).execute(), f.limit, cursor?.[1])
    : await query.orderBy('support_case.id', 'desc').limit(f.limit).execute();
  const last = rows.at(-1);
  return { rows, nextCursor: rows.length === f.limit && last ? encodeCursor(null, last.id) : null };
}
