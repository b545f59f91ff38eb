/** Adds or changes a contact person of a customer organisation. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction } from '../../../../platform/events/domain-events.ts';
import type { contactBody, contactPatch } from '../../organisations.api.ts';
import { organisationsPolicy } from '../organisations.policy.ts';
import { insertCustomerRecord, updateCustomerRecord } from '../customer-record-store.ts';

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
    throw invalidField('body.siteId', 'no such site in this organisation');
}

export async function addContact(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  organisationId: number;
  input: z.output<typeof contactBody>;
}) {
  const actor = opts.ctx.actor;
  if (!organisationsPolicy.canRead(actor, opts.organisationId)) throw notFound('organisation');
  if (!organisationsPolicy.canWrite(actor)) throw new AppError('forbidden', 'not allowed');
  const org = await opts.db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', opts.organisationId)
    .executeTakeFirst();
  if (!org) throw notFound('organisation');
  await checkSite(opts.db, org.id, opts.input.siteId);
  return inTransaction(opts.db, opts.ctx, (uow) =>
    insertCustomerRecord(uow, 'contact', {
      ...columns(opts.input),
      name: opts.input.name,
      organisation_id: org.id,
    }),
  );
}

export async function updateContact(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  const contact = await opts.db
    .selectFrom('contact')
    .select(['id', 'organisation_id'])
    .where('id', '=', opts.id)
    .executeTakeFirst();
  if (!contact || !organisationsPolicy.canRead(opts.ctx.actor, contact.organisation_id))
    throw notFound('contact');
  if (!organisationsPolicy.canWrite(opts.ctx.actor)) throw new AppError('forbidden', 'not allowed');
  await checkSite(opts.db, contact.organisation_id, opts.input.siteId);
  return inTransaction(opts.db, opts.ctx, (uow) =>
    updateCustomerRecord(uow, 'contact', contact.id, columns(opts.input)),
  );
}
