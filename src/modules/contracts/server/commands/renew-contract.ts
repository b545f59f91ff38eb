/**
 * Renews a contract: a follow-on contract starting the day after the current end, with the
 * same coverage (assets swapped out by an RMA give way to their replacements), service level,
 * owner and promises unless given. The old contract becomes `renewed` and names its follow-on;
 * it still entitles until its own end.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { renewContractBody } from '../../contracts.api.ts';
import { CONTRACT_STATE_LABELS, addDays, contractTransition } from '../../contract-status.ts';
import { contractsPolicy } from '../contracts.policy.ts';
import { loadContractForUpdate, requireVisibleContract } from '../contract.repository.ts';
import { checkOwner, checkServiceLevel, contractSnapshot, writeCoverage } from '../contract-checks.ts';
import { checkNumberFree } from './create-contract.ts';
import { writeContractState } from './change-contract-state.ts';

/** The assets a follow-on covers: the live covered ones, and live replacements of retired ones. */
async function assetsToCarryOver(db: Kysely<Database>, contractId: number, organisationId: number) {
  const covered = await db
    .selectFrom('contract_asset')
    .innerJoin('asset', 'asset.id', 'contract_asset.asset_id')
    .select(['asset.id', 'asset.state'])
    .where('contract_asset.contract_id', '=', contractId)
    .where('asset.organisation_id', '=', organisationId)
    .execute();
  const ids = new Set(covered.filter((a) => a.state !== 'retired').map((a) => a.id));
  let retired = covered.filter((a) => a.state === 'retired').map((a) => a.id);
  // Follow swap chains (an RMA part swapped again) a few links deep.
  for (let depth = 0; retired.length > 0 && depth < 5; depth++) {
    const next = await db
      .selectFrom('asset')
      .select(['id', 'state'])
      .where('replaces_asset_id', 'in', retired)
      .where('organisation_id', '=', organisationId)
      .execute();
    for (const a of next) if (a.state !== 'retired') ids.add(a.id);
    retired = next.filter((a) => a.state === 'retired').map((a) => a.id);
  }
  return [...ids];
}

export async function renewContract(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  contractId: number;
  input: z.output<typeof renewContractBody>;
  now: Date;
}): Promise<number> {
  const { db, ctx, input, now } = opts;
  const old = await requireVisibleContract(db, ctx.actor, opts.contractId);
  if (!contractsPolicy.canManage(ctx.actor, old))
    throw new AppError('forbidden', 'contract managers and the owner only');
  if (!contractTransition(old.state, 'renewed', 'renewal'))
    throw new AppError('conflict', `a ${old.state} contract cannot be renewed`, {
      zh: `合同状态为“${CONTRACT_STATE_LABELS[old.state]['zh-CN']}”，不能续约`,
    });
  const dayAfter = addDays(old.ends_on, 1);
  const startsOn = input.startsOn ?? dayAfter;
  if (startsOn < dayAfter)
    throw invalidField(
      'body.startsOn',
      `must not be before ${dayAfter}, the day after the current end`,
      `不能早于 ${dayAfter}（现合同到期日的次日）`,
    );
  if (input.endsOn < startsOn)
    throw invalidField(
      'body.endsOn',
      `must not be before startsOn (${startsOn})`,
      `不能早于开始日期（${startsOn}）`,
    );
  await checkNumberFree(db, input.number);
  if (input.serviceLevelId) await checkServiceLevel(db, input.serviceLevelId);
  if (input.ownerId) await checkOwner(db, input.ownerId);

  return inTransaction(db, ctx, async (uow) => {
    const row = await loadContractForUpdate(uow.trx, old.id);
    const renewedAlready = await uow.trx
      .selectFrom('service_contract')
      .select('id')
      .where('renews_contract_id', '=', row.id)
      .executeTakeFirst();
    if (!contractTransition(row.state, 'renewed', 'renewal') || renewedAlready)
      throw new AppError('conflict', `a ${row.state} contract cannot be renewed`, {
        zh: `合同状态为“${CONTRACT_STATE_LABELS[row.state]['zh-CN']}”，不能续约`,
      });
    const sites = await uow.trx
      .selectFrom('contract_site')
      .innerJoin('site', 'site.id', 'contract_site.site_id')
      .select('site.id')
      .where('contract_site.contract_id', '=', row.id)
      .where('site.organisation_id', '=', row.organisation_id)
      .execute();
    const assetIds = await assetsToCarryOver(uow.trx, row.id, row.organisation_id);
    const pick = <T>(given: T | undefined, current: T) => (given !== undefined ? given : current);
    const created = await uow.trx
      .insertInto('service_contract')
      .values({
        number: input.number,
        organisation_id: row.organisation_id,
        service_level_id: input.serviceLevelId ?? row.service_level_id,
        starts_on: startsOn,
        ends_on: input.endsOn,
        state: input.state,
        covers_all_sites: row.covers_all_sites,
        notes: input.notes ?? null,
        owner_id: pick(input.ownerId, row.owner_id),
        onsite_hours: pick(input.onsiteHours, row.onsite_hours),
        parts_hours: pick(input.partsHours, row.parts_hours),
        inspections_per_year: pick(input.inspectionsPerYear, row.inspections_per_year),
        renewal_notice_days: input.renewalNoticeDays ?? row.renewal_notice_days,
        renews_contract_id: row.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeCoverage(uow.trx, created.id, { siteIds: sites.map((s) => s.id), assetIds });
    await recordEvent(uow, {
      type: 'service_contract.created',
      subjectType: 'service_contract',
      subjectId: created.id,
      organisationId: row.organisation_id,
      after: await contractSnapshot(uow.trx, created.id),
      data: { renews: { id: row.id, number: row.number } },
    });
    await writeContractState(uow, row, 'renewed', 'renewal', now, { followOnId: created.id });
    return created.id;
  });
}
