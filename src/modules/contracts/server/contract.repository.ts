/** Reading contracts: one visible to the actor, one locked for a change, and the filtered list. */
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { contractListQuery } from '../contracts.api.ts';
import type { ServiceContractTable } from './contracts.tables.ts';
import { contractsPolicy, scopeContracts } from './contracts.policy.ts';
import { addDays } from '../contract-status.ts';

export type ContractRow = Selectable<ServiceContractTable>;

/** The contract as the actor may see it; another organisation's (or a draft, for a contact) is 404. */
export async function requireVisibleContract(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
): Promise<ContractRow> {
  const row = await db.selectFrom('service_contract').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !contractsPolicy.canReadContract(actor, row)) throw notFound('contract');
  return row;
}

/** Locks the contract row for the rest of the transaction (one writer at a time). */
export async function loadContractForUpdate(db: Kysely<Database>, id: number): Promise<ContractRow> {
  const row = await db
    .selectFrom('service_contract')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('contract');
  return row;
}

/** Ids of one page of the list, newest first, and the cursor of the next page. */
export async function listContractIds(
  db: Kysely<Database>,
  actor: Actor,
  f: z.output<typeof contractListQuery>,
  /** 'YYYY-MM-DD' in the service centre's zone, for `endsWithinDays`. */
  today: string,
): Promise<{ ids: number[]; nextBefore: number | null }> {
  let query = scopeContracts(actor, db.selectFrom('service_contract').select('service_contract.id'));
  if (f.organisationId) query = query.where('organisation_id', '=', f.organisationId);
  if (f.state) query = query.where('state', '=', f.state);
  if (f.ownerId) query = query.where('owner_id', '=', f.ownerId);
  if (f.serviceLevelId) query = query.where('service_level_id', '=', f.serviceLevelId);
  if (f.endingBefore) query = query.where('ends_on', '<=', f.endingBefore);
  if (f.endsWithinDays !== undefined)
    query = query.where('ends_on', '>=', today).where('ends_on', '<=', addDays(today, f.endsWithinDays));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('number', 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('organisation')
            .select('organisation.id')
            .whereRef('organisation.id', '=', 'service_contract.organisation_id')
            .where('organisation.name', 'ilike', pattern),
        ),
      ]),
    );
  }
  if (f.before) query = query.where('id', '<', f.before);
  const rows = await query.orderBy('id', 'desc').limit(f.limit).execute();
  return { ids: rows.map((r) => r.id), nextBefore: rows.length === f.limit ? rows.at(-1)!.id : null };
}
