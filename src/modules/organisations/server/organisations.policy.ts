/**
 * Customer data belongs to its organisation: staff read all of it, a customer contact (or an
 * organisation-scoped token) only its own. Writes: administrators and the hotline (CaseAdmin).
 */
import type { SelectQueryBuilder } from 'kysely';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';

export const organisationsPolicy = {
  canRead: (actor: Actor, organisationId: number) =>
    actor.kind === 'system' ||
    actor.kind === 'staff' ||
    (actor.kind === 'contact' && actor.organisationId === organisationId),
  canWrite: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin', 'hotline_operator'),
};

/** Restricts any query over a table with an organisation column to what the actor may read. */
export function scopeToOrganisation<T extends keyof Database, O>(
  actor: Actor,
  query: SelectQueryBuilder<Database, T, O>,
  column: string,
): SelectQueryBuilder<Database, T, O> {
  if (actor.kind !== 'contact') return query;
  return query.where(column as never, '=', actor.organisationId as never);
}

export function organisationAbilities(actor: Actor) {
  const write = organisationsPolicy.canWrite(actor);
  return { update: write, addSite: write, addContact: write };
}
