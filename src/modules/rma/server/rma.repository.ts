/**
 * Reading RMAs: one query with everything the view shows (case, customer, branch, spare store,
 * the faulty asset and its model, the part, who asked and who confirmed), scoped to the caller.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import {
  OPEN_RMA_STATES,
  RMA_GROUP_STATES,
  RMA_STATE_GROUPS,
  groupOfState,
  type RmaState,
  type RmaStateGroup,
} from '../rma-status.ts';
import { rmaPolicy } from './rma.policy.ts';

type Db = Kysely<Database>;

export function rmaQuery(db: Db) {
  return db
    .selectFrom('rma')
    .innerJoin('support_case', 'support_case.id', 'rma.case_id')
    .innerJoin('organisation', 'organisation.id', 'rma.organisation_id')
    .leftJoin('branch', 'branch.id', 'rma.branch_id')
    .innerJoin('warehouse', 'warehouse.id', 'rma.warehouse_id')
    .innerJoin('asset', 'asset.id', 'rma.asset_id')
    .innerJoin('product_model', 'product_model.id', 'asset.product_model_id')
    .innerJoin('spare_part', 'spare_part.id', 'rma.part_id')
    .leftJoin('app_user as requester', 'requester.id', 'rma.requested_by')
    .leftJoin('app_user as confirmer', 'confirmer.id', 'rma.confirmed_by_user_id')
    .leftJoin('contact as confirming_contact', 'confirming_contact.id', 'rma.confirmed_by_contact_id')
    .selectAll('rma')
    .select([
      'support_case.number as case_number',
      'support_case.title as case_title',
      'organisation.name as organisation_name',
      'branch.name as branch_name',
      'warehouse.code as warehouse_code',
      'warehouse.name as warehouse_name',
      'asset.vendor as asset_vendor',
      'asset.serial as asset_serial',
      'product_model.model as asset_model',
      'spare_part.part_number as part_number',
      'spare_part.name as part_name',
      'requester.display_name as requester_name',
      'confirmer.display_name as confirmer_name',
      'confirming_contact.name as confirming_contact_name',
    ]);
}

export type RmaRow = NonNullable<Awaited<ReturnType<ReturnType<typeof rmaQuery>['executeTakeFirst']>>>;

/** The RMA if the caller may see it; otherwise 404 whether or not it exists. */
export async function loadVisibleRma(
  db: Db,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<RmaRow> {
  let query = rmaQuery(db).where('rma.id', '=', id);
  if (opts.forUpdate) query = query.forUpdate('rma');
  const row = await query.executeTakeFirst();
  if (!row || !rmaPolicy.canRead(actor, row)) throw notFound('rma');
  return row;
}

export interface RmaListFilter {
  state?: RmaState | 'open' | undefined;
  group?: RmaStateGroup | undefined;
  caseId?: number | undefined;
  branchId?: number | undefined;
  organisationId?: number | undefined;
  lateReturn?: boolean | undefined;
  q?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/** The caller's RMAs under the filters that the board's tabs share (all but state, group and paging). */
function filteredRmas(db: Db, actor: Actor, f: RmaListFilter, now: Date) {
  let query = rmaQuery(db);
  if (actor.kind === 'contact') query = query.where('rma.organisation_id', '=', actor.organisationId);
  if (f.caseId) query = query.where('rma.case_id', '=', f.caseId);
  if (f.branchId) query = query.where('rma.branch_id', '=', f.branchId);
  if (f.organisationId) query = query.where('rma.organisation_id', '=', f.organisationId);
  // The vendor's side (RMA number, return deadline) is staff-only: a contact can neither see it nor
  // find RMAs by it.
  const internal = actor.kind !== 'contact';
  if (f.lateReturn && internal)
    query = query.where('rma.returned_at', 'is', null).where('rma.return_due_at', '<', now);
  if (f.q) {
    const q = f.q.toUpperCase();
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('upper', ['rma.number']), '=', q),
        eb(eb.fn('upper', ['rma.faulty_serial']), '=', q),
        eb(eb.fn('upper', ['rma.good_serial']), '=', q),
        ...(internal ? [eb(eb.fn('upper', ['rma.vendor_rma_number']), '=', q)] : []),
        eb('support_case.number', '=', f.q!),
      ]),
    );
  }
  return query;
}

export async function listRmas(db: Db, actor: Actor, f: RmaListFilter, now: Date) {
  let query = filteredRmas(db, actor, f, now);
  if (f.state === 'open') query = query.where('rma.state', 'in', OPEN_RMA_STATES);
  else if (f.state) query = query.where('rma.state', '=', f.state);
  if (f.group) query = query.where('rma.state', 'in', RMA_GROUP_STATES[f.group]);
  if (f.before) query = query.where('rma.id', '<', f.before);
  const rows = await query
    .orderBy('rma.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  return { rows: page, nextBefore: more ? page.at(-1)!.id : null };
}

/** How many of the caller's RMAs each board tab holds under the shared filters. */
export async function countRmasByGroup(
  db: Db,
  actor: Actor,
  f: RmaListFilter,
  now: Date,
): Promise<Record<RmaStateGroup, number>> {
  const rows = await filteredRmas(db, actor, f, now)
    .clearSelect()
    .select((eb) => ['rma.state', eb.fn.countAll<string>().as('n')])
    .groupBy('rma.state')
    .execute();
  const counts = Object.fromEntries(RMA_STATE_GROUPS.map((g) => [g, 0])) as Record<RmaStateGroup, number>;
  for (const row of rows) counts[groupOfState(row.state)] += Number(row.n);
  return counts;
}
