/** An administrator sets aside an unmatched alert that needs no case (a test, a lab device). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { alertsPolicy } from '../alerts.policy.ts';

export async function dismissAlert(opts: { db: Kysely<Database>; ctx: RequestContext; alertId: number }) {
  const { db, ctx } = opts;
  if (!alertsPolicy.canHandleAlerts(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  await inTransaction(db, ctx, async (uow) => {
    const alert = await uow.trx
      .selectFrom('alert')
      .select(['id', 'state'])
      .where('id', '=', opts.alertId)
      .forUpdate()
      .executeTakeFirst();
    if (!alert) throw notFound('alert');
    if (alert.state !== 'unmatched')
      throw new AppError('conflict', `the alert is ${alert.state}; only an unmatched alert can be dismissed`);
    await uow.trx.updateTable('alert').set({ state: 'dismissed' }).where('id', '=', alert.id).execute();
    await recordEvent(uow, {
      type: 'alert.dismissed',
      subjectType: 'alert',
      subjectId: alert.id,
      before: { state: 'unmatched' },
      after: { state: 'dismissed' },
    });
  });
}
