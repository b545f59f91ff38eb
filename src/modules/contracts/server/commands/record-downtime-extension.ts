/**
 * Seed 001: "维保期内所有因软件质量及服务问题而导致软件停止运行的，维保期将按停运天数（按24小时计算）
 * 相应延长" — downtime within the maintenance period caused by the software or by the vendor
 * extends the contract by the days it lasted, each day 24 h, a started day counting whole.
 * Recorded from a case or by hand; each extension is its own row and its own audit event.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { extensionBody } from '../../contracts.api.ts';
import { CONTRACT_STATE_LABELS, addDays, contractTransition, downtimeDays } from '../../contract-status.ts';
import { contractsPolicy } from '../contracts.policy.ts';
import { serviceDay } from '../entitlement.ts';
import { loadContractForUpdate, requireVisibleContract } from '../contract.repository.ts';
import { writeContractState } from './change-contract-state.ts';
import { renewalNotifiedAfterChange } from './update-contract.ts';

export async function recordDowntimeExtension(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  contractId: number;
  input: z.output<typeof extensionBody>;
  now: Date;
}): Promise<number> {
  const { db, ctx, input, now } = opts;
  const current = await requireVisibleContract(db, ctx.actor, opts.contractId);
  if (!contractsPolicy.canManage(ctx.actor, current))
    throw new AppError('forbidden', 'contract managers and the owner only');
  const downFrom = new Date(input.downFrom);
  const downTo = new Date(input.downTo);
  if (downTo > now)
    throw invalidField(
      'body.downTo',
      'the downtime must be over before it is recorded',
      '停机结束（恢复运行）后才能登记',
    );
  if (input.caseId) {
    const c = await db
      .selectFrom('support_case')
      .select('organisation_id')
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (c?.organisation_id !== current.organisation_id)
      throw invalidField('body.caseId', 'not a case of this contract’s organisation', '不是该合同客户的案例');
  }

  return inTransaction(db, ctx, async (uow) => {
    const row = await loadContractForUpdate(uow.trx, current.id);
    if (row.state !== 'active' && row.state !== 'expired')
      throw new AppError('conflict', `a ${row.state} contract cannot be extended`, {
        zh: `合同状态为“${CONTRACT_STATE_LABELS[row.state]['zh-CN']}”，不能登记停机顺延`,
      });
    const downDay = serviceDay(downFrom);
    if (downDay < row.starts_on || downDay > row.ends_on)
      throw invalidField(
        'body.downFrom',
        `the downtime must begin within the maintenance period ${row.starts_on} – ${row.ends_on}`,
        `停机开始时间须在服务期 ${row.starts_on} – ${row.ends_on} 之内`,
      );
    const overlapping = await uow.trx
      .selectFrom('contract_extension')
      .select('id')
      .where('contract_id', '=', row.id)
      .where('down_from', '<', downTo)
      .where('down_to', '>', downFrom)
      .executeTakeFirst();
    if (overlapping)
      throw new AppError('conflict', `this downtime overlaps extension #${overlapping.id}`, {
        zh: `此次停机与停机顺延记录 #${overlapping.id} 的时段重叠`,
        fieldErrors: [
          {
            field: 'body.downFrom',
            message: `overlaps extension #${overlapping.id}`,
            zh: `与停机顺延记录 #${overlapping.id} 的时段重叠`,
          },
        ],
      });

    const days = downtimeDays(downFrom, downTo);
    const endsOnAfter = addDays(row.ends_on, days);
    const extension = await uow.trx
      .insertInto('contract_extension')
      .values({
        contract_id: row.id,
        case_id: input.caseId ?? null,
        cause: input.cause,
        down_from: downFrom,
        down_to: downTo,
        days,
        ends_on_before: row.ends_on,
        ends_on_after: endsOnAfter,
        reason: input.reason,
        recorded_by: ctx.actor.kind === 'system' ? null : ctx.actor.userId,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await uow.trx
      .updateTable('service_contract')
      .set({
        ends_on: endsOnAfter,
        extension_days: row.extension_days + days,
        renewal_notified_at: renewalNotifiedAfterChange(
          row.renewal_notified_at,
          endsOnAfter,
          row.renewal_notice_days,
          serviceDay(now),
        ),
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await recordEvent(uow, {
      type: 'service_contract.extended',
      subjectType: 'service_contract',
      subjectId: row.id,
      organisationId: row.organisation_id,
      before: { ends_on: row.ends_on, extension_days: row.extension_days },
      after: { ends_on: endsOnAfter, extension_days: row.extension_days + days },
      data: {
        extensionId: extension.id,
        number: row.number,
        cause: input.cause,
        caseId: input.caseId ?? null,
        downFrom: downFrom.toISOString(),
        downTo: downTo.toISOString(),
        days,
        reason: input.reason,
      },
    });
    // An expired contract whose end moves past today runs again (the extension is owed).
    if (
      row.state === 'expired' &&
      endsOnAfter >= serviceDay(now) &&
      contractTransition('expired', 'active', 'extension')
    )
      await writeContractState(uow, { ...row, ends_on: endsOnAfter }, 'active', 'extension', now);
    return extension.id;
  });
}
