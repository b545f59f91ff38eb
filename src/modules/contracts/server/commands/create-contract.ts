/**
 * A contract manager records a service contract: period, service level, owner (服务专员),
 * promises, and what it covers — all sites of the customer, listed sites, listed assets
 * (by id or serial number).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { contractBody } from '../../contracts.api.ts';
import { contractsPolicy } from '../contracts.policy.ts';
import {
  checkOwner,
  checkServiceLevel,
  checkSites,
  contractSnapshot,
  resolveCoveredAssets,
  writeCoverage,
} from '../contract-checks.ts';

/** Fails with `body.number` when the number is taken. */
export async function checkNumberFree(db: Kysely<Database>, number: string, exceptId?: number) {
  let query = db.selectFrom('service_contract').select('id').where('number', '=', number);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('conflict', `contract ${number} exists`, {
      zh: `合同编号 ${number} 已被使用`,
      fieldErrors: [{ field: 'body.number', message: 'already taken', zh: '该合同编号已被使用' }],
    });
  }
}

export async function createContract(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof contractBody>;
}): Promise<number> {
  if (!contractsPolicy.canCreate(opts.ctx.actor)) throw new AppError('forbidden', 'contract managers only');
  const { db, input } = opts;
  await checkNumberFree(db, input.number);
  if (
    !(await db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', input.organisationId)
      .executeTakeFirst())
  ) {
    throw invalidField('body.organisationId', 'no such organisation', '没有这个客户');
  }
  await checkServiceLevel(db, input.serviceLevelId);
  if (input.ownerId) await checkOwner(db, input.ownerId);
  await checkSites(db, input.organisationId, input.siteIds);
  const assetIds = await resolveCoveredAssets(db, input.organisationId, input);
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
        owner_id: input.ownerId ?? null,
        onsite_hours: input.onsiteHours ?? null,
        parts_hours: input.partsHours ?? null,
        inspections_per_year: input.inspectionsPerYear ?? null,
        ...(input.renewalNoticeDays !== undefined ? { renewal_notice_days: input.renewalNoticeDays } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeCoverage(uow.trx, contract.id, { siteIds: input.siteIds, assetIds });
    const after = await contractSnapshot(uow.trx, contract.id);
    await recordEvent(uow, {
      type: 'service_contract.created',
      subjectType: 'service_contract',
      subjectId: contract.id,
      organisationId: input.organisationId,
      after,
    });
    return contract.id;
  });
}
