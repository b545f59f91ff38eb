/**
 * Removes an alert source that never delivered an alert (a typo, a test). One that did keeps its
 * alerts' history: deactivate it instead.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { alertsPolicy } from '../alerts.policy.ts';
import { loadAlertSource } from '../alert-source.repository.ts';

export async function deleteAlertSource(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  sourceId: number;
}): Promise<void> {
  const { db, ctx } = opts;
  if (!alertsPolicy.canManageSources(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  await inTransaction(db, ctx, async (uow) => {
    const source = await loadAlertSource(uow.trx, opts.sourceId, { forUpdate: true });
    const used = await uow.trx
      .selectFrom('alert')
      .select('id')
      .where('source_id', '=', source.id)
      .limit(1)
      .executeTakeFirst();
    if (used)
      throw new AppError(
        'conflict',
        'this source has delivered alerts; set it inactive instead of deleting it',
        { zh: '此告警源已推送过告警，不能删除，请改为停用' },
      );
    await uow.trx.deleteFrom('alert_source').where('id', '=', source.id).execute();
    const { token_hash: _hash, ...before } = source;
    await recordEvent(uow, {
      type: 'alert_source.deleted',
      subjectType: 'alert_source',
      subjectId: source.id,
      organisationId: source.organisation_id,
      before,
    });
  });
}
