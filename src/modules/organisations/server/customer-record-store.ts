/**
 * Inserts and updates of organisation, site and contact rows with their audit event in the
 * same transaction (before -> after). Commands decide what may change; this writes it.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { recordEvent, type UnitOfWork } from '../../../platform/events/domain-events.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { Kysely } from 'kysely';
import { organisationsPolicy } from './organisations.policy.ts';

export type CustomerTable = 'organisation' | 'site' | 'contact';

/** The organisation a row belongs to (an organisation belongs to itself). */
function ownerOf(table: CustomerTable, row: { id: number; organisation_id?: number }): number {
  return table === 'organisation' ? row.id : row.organisation_id!;
}

/**
 * Checks that `actor` may write the row `id` of `table`, in this order: a row that does not
 * exist or belongs to an organisation the actor cannot read is 404; a readable one the actor
 * may not change is 403. Returns the owning organisation's id.
 */
/** The organisation a customer record belongs to (an organisation: itself), or null when there is none. */
export async function organisationOfRecord(
  db: Kysely<Database>,
  table: CustomerTable,
  id: number,
): Promise<number | null> {
  const row =
    table === 'organisation'
      ? await db
          .selectFrom('organisation')
          .select('id as organisation_id')
          .where('id', '=', id)
          .executeTakeFirst()
      : await db.selectFrom(table).select('organisation_id').where('id', '=', id).executeTakeFirst();
  return row?.organisation_id ?? null;
}

export async function authorizeCustomerWrite(
  db: Kysely<Database>,
  actor: Actor,
  table: CustomerTable,
  id: number,
): Promise<number> {
  const organisationId = await organisationOfRecord(db, table, id);
  if (organisationId === null || !organisationsPolicy.canRead(actor, organisationId)) throw notFound(table);
  if (!organisationsPolicy.canWrite(actor)) throw new AppError('forbidden', 'not allowed');
  return organisationId;
}

export async function insertCustomerRecord<T extends CustomerTable>(
  uow: UnitOfWork<Database>,
  table: T,
  values: Insertable<Database[T]>,
): Promise<Selectable<Database[T]>> {
  const row = (await uow.trx
    .insertInto(table)
    .values(values as never)
    .returningAll()
    .executeTakeFirstOrThrow()) as unknown as Selectable<Database[T]> & {
    id: number;
    organisation_id?: number;
  };
  await recordEvent(uow, {
    type: `${table}.created`,
    subjectType: table,
    subjectId: row.id,
    organisationId: ownerOf(table, row),
    after: row,
  });
  return row;
}

export async function updateCustomerRecord<T extends CustomerTable>(
  uow: UnitOfWork<Database>,
  table: T,
  id: number,
  changes: Updateable<Database[T]>,
): Promise<Selectable<Database[T]>> {
  const trx = uow.trx;
  const before = await trx
    .selectFrom(table as CustomerTable)
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(table);
  const after = await trx
    .updateTable(table as CustomerTable)
    .set({ ...(changes as object), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(uow, {
    type: `${table}.updated`,
    subjectType: table,
    subjectId: id,
    organisationId: ownerOf(table, before as { id: number; organisation_id?: number }),
    before,
    after,
  });
  return after as unknown as Selectable<Database[T]>;
}
