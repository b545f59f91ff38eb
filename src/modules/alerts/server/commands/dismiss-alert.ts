/**
 * Someone working the alert queue sets aside an unmatched alert that needs no case (a test alert,
 * a false alarm, a problem already handled on another case), saying why: the reason stays on the
 * alert and in its event.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { ALERT_STATE_LABELS } from '../../alert-rules.ts';
import { alertsPolicy } from '../alerts.policy.ts';

/** The staff user who assigned or dismissed an alert (none for the system or a contact). */
export const handlerOf = (ctx: RequestContext) => (ctx.actor.kind === 'staff' ? ctx.actor.userId : null);

export async function dismissAlert(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  alertId: number;
  /** Trimmed, 1–500 characters (the contract checked it). */
  reason: string;
  now: Date;
}) {
  const { db, ctx, reason, now } = opts;
  if (!alertsPolicy.canHandleAlerts(ctx.actor)) throw new AppError('forbidden', 'not allowed');
  await inTransaction(db, ctx, async (uow) => {
    const alert = await uow.trx
      .selectFrom('alert')
      .select(['id', 'state'])
      .where('id', '=', opts.alertId)
      .forUpdate()
      .executeTakeFirst();
    if (!alert) throw notFound('alert');
    if (alert.state !== 'unmatched')
      throw new AppError(
        'conflict',
        `the alert is ${alert.state}; only an unmatched alert can be dismissed`,
        {
          zh: `告警${ALERT_STATE_LABELS[alert.state]['zh-CN']}，只有未匹配客户的告警可以忽略`,
        },
      );
    await uow.trx
      .updateTable('alert')
      .set({ state: 'dismissed', dismiss_reason: reason, handled_by: handlerOf(ctx), handled_at: now })
      .where('id', '=', alert.id)
      .execute();
    await recordEvent(uow, {
      type: 'alert.dismissed',
      subjectType: 'alert',
      subjectId: alert.id,
      before: { state: 'unmatched' },
      after: { state: 'dismissed', dismissReason: reason },
    });
  });
}
