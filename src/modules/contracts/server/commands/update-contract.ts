/**
 * Changes a draft or active contract: number, service level, period as signed, coverage,
 * owner, promises, renewal notice, notes. The audit trail keeps the whole contract and its
 * coverage before and after. Downtime extensions stay on top of a changed end.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { contractPatch } from '../../contracts.api.ts';
import { CONTRACT_STATE_LABELS, EDITABLE_STATES, addDays } from '../../contract-status.ts';
import { contractsPolicy } from '../contracts.policy.ts';
import { serviceDay } from '../entitlement.ts';
import { loadContractForUpdate, requireVisibleContract } from '../contract.repository.ts';
import {
  checkOwner,
  checkServiceLevel,
  checkSites,
  contractSnapshot,
  resolveCoveredAssets,
  writeCoverage,
} from '../contract-checks.ts';
import { checkNumberFree } from './create-contract.ts';

/**
 * The renewal reminder fires once; it re-arms only when a new end (or notice) takes the
 * contract out of the reminder window again.
 */
export function renewalNotifiedAfterChange(
  notifiedAt: Date | null,
  endsOn: string,
  noticeDays: number,
  today: string,
): Date | null {
  return notifiedAt && today < addDays(endsOn, -noticeDays) ? null : notifiedAt;
}

export async function updateContract(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  contractId: number;
  input: z.output<typeof contractPatch>;
  now: Date;
}): Promise<void> {
  const { db, ctx, input, now } = opts;
  const current = await requireVisibleContract(db, ctx.actor, opts.contractId);
  if (!contractsPolicy.canManage(ctx.actor, current))
    throw new AppError('forbidden', 'contract managers and the owner only');
  if (!EDITABLE_STATES.includes(current.state))
    throw new AppError('conflict', `a ${current.state} contract cannot be changed`, {
      zh: `合同状态为“${CONTRACT_STATE_LABELS[current.state]['zh-CN']}”，不能修改`,
    });
  if (input.number !== undefined && input.number !== current.number)
    await checkNumberFree(db, input.number, current.id);
  if (input.serviceLevelId !== undefined) await checkServiceLevel(db, input.serviceLevelId);
  if (input.ownerId) await checkOwner(db, input.ownerId);
  if (input.siteIds) await checkSites(db, current.organisation_id, input.siteIds);
  const assetIds =
    input.assetIds !== undefined || input.serials !== undefined
      ? await resolveCoveredAssets(db, current.organisation_id, input)
      : undefined;

  await inTransaction(db, ctx, async (uow) => {
    const row = await loadContractForUpdate(uow.trx, current.id);
    if (!EDITABLE_STATES.includes(row.state))
      throw new AppError('conflict', `a ${row.state} contract cannot be changed`, {
        zh: `合同状态为“${CONTRACT_STATE_LABELS[row.state]['zh-CN']}”，不能修改`,
      });
    const startsOn = input.startsOn ?? row.starts_on;
    const signedEnd = input.endsOn ?? row.original_ends_on;
    if (signedEnd < startsOn)
      throw invalidField(
        input.endsOn ? 'body.endsOn' : 'body.startsOn',
        'the period would end before it starts',
        '服务期的到期日期会早于开始日期',
      );
    const endsOn = addDays(signedEnd, row.extension_days);
    const noticeDays = input.renewalNoticeDays ?? row.renewal_notice_days;
    const before = await contractSnapshot(uow.trx, row.id);
    await uow.trx
      .updateTable('service_contract')
      .set({
        number: input.number ?? row.number,
        service_level_id: input.serviceLevelId ?? row.service_level_id,
        starts_on: startsOn,
        ends_on: endsOn,
        covers_all_sites: input.coversAllSites ?? row.covers_all_sites,
        owner_id: input.ownerId !== undefined ? input.ownerId : row.owner_id,
        onsite_hours: input.onsiteHours !== undefined ? input.onsiteHours : row.onsite_hours,
        parts_hours: input.partsHours !== undefined ? input.partsHours : row.parts_hours,
        inspections_per_year:
          input.inspectionsPerYear !== undefined ? input.inspectionsPerYear : row.inspections_per_year,
        renewal_notice_days: noticeDays,
        renewal_notified_at: renewalNotifiedAfterChange(
          row.renewal_notified_at,
          endsOn,
          noticeDays,
          serviceDay(now),
        ),
        notes: input.notes !== undefined ? input.notes : row.notes,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await writeCoverage(uow.trx, row.id, { siteIds: input.siteIds, assetIds });
    const after = await contractSnapshot(uow.trx, row.id);
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter(
      (k) => k !== 'updated_at' && JSON.stringify(after[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length === 0) return;
    await recordEvent(uow, {
      type: 'service_contract.updated',
      subjectType: 'service_contract',
      subjectId: row.id,
      organisationId: row.organisation_id,
      before,
      after,
      data: {
        changed,
        periodChanged: changed.some((k) => k === 'starts_on' || k === 'ends_on'),
        coverageChanged: changed.some((k) => k === 'covers_all_sites' || k === 'siteIds' || k === 'assetIds'),
      },
    });
  });
}
