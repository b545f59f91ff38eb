/** Adds or changes a site (location) of a customer organisation. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction } from '../../../../platform/events/domain-events.ts';
import type { siteBody, sitePatch } from '../../organisations.api.ts';
import {
  authorizeCustomerWrite,
  insertCustomerRecord,
  updateCustomerRecord,
} from '../customer-record-store.ts';

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
  const organisationId = await authorizeCustomerWrite(
    opts.db,
    opts.ctx.actor,
    'organisation',
    opts.organisationId,
  );
  return inTransaction(opts.db, opts.ctx, (uow) =>
    insertCustomerRecord(uow, 'site', {
      ...columns(opts.input),
      name: opts.input.name,
      organisation_id: organisationId,
    }),
  );
}

export async function updateSite(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  await authorizeCustomerWrite(opts.db, opts.ctx.actor, 'site', opts.id);
  return inTransaction(opts.db, opts.ctx, (uow) =>
    updateCustomerRecord(uow, 'site', opts.id, columns(opts.input)),
  );
}
