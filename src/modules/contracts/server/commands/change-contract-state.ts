/**
 * Moves a contract along its life cycle by hand: a signed draft becomes active; an active
 * contract ended early becomes expired (with a reason). Renewal and the daily job have
 * their own commands; the transitions themselves are data (`contract-status.ts`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import {
  CONTRACT_STATE_LABELS,
  contractTransition,
  type ContractState,
  type ContractTransitionBy,
} from '../../contract-status.ts';
import { contractsPolicy } from '../contracts.policy.ts';
import { loadContractForUpdate, requireVisibleContract, type ContractRow } from '../contract.repository.ts';

/** Writes a state change and its event inside the caller's transaction. */
export async function writeContractState(
  uow: UnitOfWork<Database>,
  row: ContractRow,
  to: ContractState,
  by: ContractTransitionBy,
  now: Date,
  extra: { reason?: string | null; followOnId?: number } = {},
) {
  await uow.trx
    .updateTable('service_contract')
    .set({ state: to, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await recordEvent(uow, {
    type: 'service_contract.state_changed',
    subjectType: 'service_contract',
    subjectId: row.id,
    organisationId: row.organisation_id,
    before: { state: row.state },
    after: { state: to, ...(extra.followOnId ? { renewedByContractId: extra.followOnId } : {}) },
    data: { from: row.state, to, by, reason: extra.reason ?? null, number: row.number },
  });
}

export async function changeContractState(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  contractId: number;
  to: ContractState;
  reason?: string | undefined;
  now: Date;
}): Promise<void> {
  const { db, ctx, to, now } = opts;
  const current = await requireVisibleContract(db, ctx.actor, opts.contractId);
  if (!contractsPolicy.canManage(ctx.actor, current))
    throw new AppError('forbidden', 'contract managers and the owner only');
  await inTransaction(db, ctx, async (uow) => {
    const row = await loadContractForUpdate(uow.trx, current.id);
    const transition = contractTransition(row.state, to, 'staff');
    if (!transition) {
      const how = to === 'renewed' ? ': renew it with POST /api/contracts/{id}/renew' : '';
      const howZh = to === 'renewed' ? '，请创建续约合同' : '';
      throw new AppError('conflict', `a ${row.state} contract cannot become ${to} by hand${how}`, {
        zh: `合同状态为“${CONTRACT_STATE_LABELS[row.state]['zh-CN']}”，不能手动改为“${CONTRACT_STATE_LABELS[to]['zh-CN']}”${howZh}`,
      });
    }
    if (transition.needsReason && !opts.reason) throw invalidField('body.reason', 'required', '必填');
    await writeContractState(uow, row, to, 'staff', now, { reason: opts.reason ?? null });
  });
}
