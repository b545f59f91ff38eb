/** Adds or changes a contact person of a customer organisation. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import type { contactBody, contactPatch } from '../../organisations.api.ts';
import {
  authorizeCustomerWrite,
  insertCustomerRecord,
  updateCustomerRecord,
} from '../customer-record-store.ts';

type Input = z.output<typeof contactPatch>;
const columns = (input: Input) => ({
  ...(input.siteId !== undefined && { site_id: input.siteId }),
  ...(input.name !== undefined && { name: input.name }),
  ...(input.title !== undefined && { title: input.title }),
  ...(input.phone !== undefined && { phone: input.phone }),
  ...(input.mobile !== undefined && { mobile: input.mobile }),
  ...(input.email !== undefined && { email: input.email }),
  ...(input.preferredChannel !== undefined && { preferred_channel: input.preferredChannel }),
  ...(input.isPrimary !== undefined && { is_primary: input.isPrimary }),
  ...(input.active !== undefined && { active: input.active }),
});

/** A contact's site must belong to the contact's own organisation. */
async function checkSite(db: Kysely<Database>, organisationId: number, siteId: number | null | undefined) {
  if (!siteId) return;
  const site = await db
    .selectFrom('site')
    .select('organisation_id')
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site || site.organisation_id !== organisationId)
    throw invalidField('body.siteId', 'no such site in this organisation', '该客户没有这个站点');
}

/** One primary contact per organisation: marking one primary unmarks the others. */
async function claimPrimary(
  trx: Kysely<Database>,
  input: Input,
  organisationId: number,
  exceptId: number | null,
): Promise<void> {
  if (input.isPrimary !== true) return;
  let query = trx
    .updateTable('contact')
    .set({ is_primary: false })
    .where('organisation_id', '=', organisationId)
    .where('is_primary', '=', true);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  await query.execute();
}

export async function addContact(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  organisationId: number;
  input: z.output<typeof contactBody>;
}) {
  return inTransaction(opts.db, opts.ctx, (uow) => addContactIn(uow, opts.organisationId, opts.input));
}

/** Adds a contact inside the caller's transaction (e.g. the sender of a mail accepted from quarantine). */
export async function addContactIn(
  uow: UnitOfWork<Database>,
  organisationId: number,
  input: z.output<typeof contactBody>,
) {
  await authorizeCustomerWrite(uow.trx, uow.ctx.actor, 'organisation', organisationId);
  await checkSite(uow.trx, organisationId, input.siteId);
  await claimPrimary(uow.trx, input, organisationId, null);
  return insertCustomerRecord(uow, 'contact', {
    ...columns(input),
    name: input.name,
    organisation_id: organisationId,
  });
}

export async function updateContact(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  const organisationId = await authorizeCustomerWrite(opts.db, opts.ctx.actor, 'contact', opts.id);
  await checkSite(opts.db, organisationId, opts.input.siteId);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    await claimPrimary(uow.trx, opts.input, organisationId, opts.id);
    return updateCustomerRecord(uow, 'contact', opts.id, columns(opts.input));
  });
}
