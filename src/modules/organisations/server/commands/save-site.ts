/** Adds or changes a site (location) of a customer organisation. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction } from '../../../../platform/events/domain-events.ts';
import type { siteBody, sitePatch } from '../../organisations.api.ts';
import { organisationsPolicy } from '../organisations.policy.ts';
import { insertCustomerRecord, updateCustomerRecord } from '../customer-record-store.ts';

type Input = z.output<typeof sitePatch>;
const columns = (input: Input) => ({
  ...(input.name !== undefined && { name: input.name }),
  ...(input.address !== undefined && { address: input.address }),
  ...(input.city !== undefined && { city: input.city }),
  ...(input.notes !== undefined && { notes: input.notes }),
  ...(input.active !== undefined && { active: input.active }),
});

export async function addSite(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  organisationId: number;
  input: z.output<typeof siteBody>;
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
  return inTransaction(opts.db, opts.ctx, (uow) =>
    insertCustomerRecord(uow, 'site', {
      ...columns(opts.input),
      name: opts.input.name,
      organisation_id: org.id,
    }),
  );
}

export async function updateSite(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  const site = await opts.db
    .selectFrom('site')
    .select(['id', 'organisation_id'])
    .where('id', '=', opts.id)
    .executeTakeFirst();
  if (!site || !organisationsPolicy.canRead(opts.ctx.actor, site.organisation_id)) throw notFound('site');
  if (!organisationsPolicy.canWrite(opts.ctx.actor)) throw new AppError('forbidden', 'not allowed');
  return inTransaction(opts.db, opts.ctx, (uow) =>
    updateCustomerRecord(uow, 'site', site.id, columns(opts.input)),
  );
}
