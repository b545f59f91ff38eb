/** Reads of cases with the names the screens show; every read is scoped to the actor. */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { STATE_INFO, CASE_STATES, type CaseState } from '../case-status.ts';
import { casesPolicy, scopeCases } from './cases.policy.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function caseQuery(db: Db) {
  return db
    .selectFrom('support_case')
    .innerJoin('organisation', 'organisation.id', 'support_case.organisation_id')
    .leftJoin('contact', 'contact.id', 'support_case.contact_id')
    .leftJoin('app_user as owner', 'owner.id', 'support_case.owner_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'support_case.assignee_id')
    .leftJoin('support_group', 'support_group.id', 'support_case.group_id')
    .selectAll('support_case')
    .select([
      'organisation.name as organisation_name',
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
  if (opts.forUpdate) {
    // Lock the row itself first so concurrent changes to one case serialise.
    await db.selectFrom('support_case').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }
  const row = await caseQuery(db).where('support_case.id', '=', id).executeTakeFirst();
  if (!row || !casesPolicy.canRead(actor, row)) throw notFound('case');
  return row;
}

export interface CaseListFilter {
  state?: CaseState | CaseState[] | undefined;
  open?: boolean | undefined;
  priority?: number | undefined;
  organisationId?: number | undefined;
  assignee?: 'me' | 'none' | number | undefined;
  groupId?: number | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  limit: number;
  before?: number | undefined;
}

const OPEN_STATES = CASE_STATES.filter((s) => STATE_INFO[s].open);

/** A keyset page of the cases the actor may see, newest first. */
export async function listCases(db: Db, actor: Actor, f: CaseListFilter): Promise<CaseRow[]> {
  let query = scopeCases(actor, caseQuery(db));
  if (f.state) query = query.where('support_case.state', 'in', Array.isArray(f.state) ? f.state : [f.state]);
  if (f.open === true) query = query.where('support_case.state', 'in', OPEN_STATES);
  if (f.open === false) query = query.where('support_case.state', 'not in', OPEN_STATES);
  if (f.priority) query = query.where('support_case.priority', '=', f.priority);
  if (f.organisationId) query = query.where('support_case.organisation_id', '=', f.organisationId);
  if (f.assignee === 'me')
    query = query.where('support_case.assignee_id', '=', actor.kind === 'system' ? -1 : (actor.userId ?? -1));
  else if (f.assignee === 'none') query = query.where('support_case.assignee_id', 'is', null);
  else if (typeof f.assignee === 'number') query = query.where('support_case.assignee_id', '=', f.assignee);
  if (f.groupId) query = query.where('support_case.group_id', '=', f.groupId);
  if (f.channel) query = query.where('support_case.channel', '=', f.channel as never);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('support_case.number', 'ilike', pattern),
        eb('support_case.title', 'ilike', pattern),
        eb('support_case.asset_serial', 'ilike', pattern),
      ]),
    );
  }
  if (f.before) query = query.where('support_case.id', '<', f.before);
  return query.orderBy('support_case.id', 'desc').limit(f.limit).execute();
}
