/** An administrator records a service contract covering whole sites or listed serial numbers. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { contractBody } from '../../contracts.api.ts';
import { contractsPolicy } from '../contracts.policy.ts';

export async function createContract(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof contractBody>;
}) {
  if (!contractsPolicy.canWrite(opts.ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const { db, input } = opts;
  if (
    await db.selectFrom('service_contract').select('id').where('number', '=', input.number).executeTakeFirst()
  ) {
    throw new AppError('conflict', `contract ${input.number} exists`, {
      fieldErrors: [{ field: 'body.number', message: 'already taken' }],
    });
  }
  if (
    !(await db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', input.organisationId)
      .executeTakeFirst())
  ) {
    throw invalidField('body.organisationId', 'no such organisation');
  }
  if (
    !(await db
      .selectFrom('service_level')
      .select('id')
      .where('id', '=', input.serviceLevelId)
      .executeTakeFirst())
  ) {
    throw invalidField('body.serviceLevelId', 'no such service level');
  }
  if (input.siteIds.length > 0) {
    const sites = await db
      .selectFrom('site')
      .select(['id', 'organisation_id'])
      .where('id', 'in', input.siteIds)
      .execute();
    const bad = input.siteIds.findIndex(
      (sid) => sites.find((s) => s.id === sid)?.organisation_id !== input.organisationId,
    );
    if (bad >= 0) throw invalidField(`body.siteIds.${bad}`, 'not a site of this organisation');
  }
  return inTransaction(db, opts.ctx, async (uow) => {
    const contract = await uow.trx
      .insertInto('service_contract')
      .values({
        number: input.number,
        organisation_id: input.organisationId,
        service_level_id: input.serviceLevelId,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        state: input.state,
        covers_all_sites: input.coversAllSites,
        notes: input.notes ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.siteIds.length) {
      await uow.trx
        .insertInto('contract_site')
        .values(input.siteIds.map((site_id) => ({ contract_id: contract.id, site_id })))
        .execute();
    }
    const serials = [...new Set(input.serials)];
    if (serials.length) {
      await uow.trx
        .insertInto('contract_serial')
        .values(serials.map((serial) => ({ contract_id: contract.id, serial })))
        .execute();
    }
    await recordEvent(uow, {
      type: 'service_contract.created',
      subjectType: 'service_contract',
      subjectId: contract.id,
      organisationId: contract.organisation_id,
      after: { ...contract, siteIds: input.siteIds, serials },
    });
    return contract.id;
  });
}
