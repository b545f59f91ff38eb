/** A new webhook token for an alert source; the old one stops working at once. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { alertsPolicy } from '../alerts.policy.ts';
import { newSourceToken } from '../alert-source-token.ts';
import { loadAlertSource } from '../alert-source.repository.ts';
import type { AlertSourceRow } from '../alerts.presenter.ts';

export async function rotateAlertSourceToken(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  sourceId: number;
  now: Date;
}): Promise<{ source: AlertSourceRow; token: string }> {
  const { db, ctx, now } = opts;
  if (!alertsPolicy.canManageSources(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const token = newSourceToken();
  return inTransaction(db, ctx, async (uow) => {
    const before = await loadAlertSource(uow.trx, opts.sourceId, { forUpdate: true });
    const source = await uow.trx
      .updateTable('alert_source')
      .set({ token_hash: token.hash, token_prefix: token.prefix, token_rotated_at: now, updated_at: now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'alert_source.token_rotated',
      subjectType: 'alert_source',
      subjectId: source.id,
      organisationId: source.organisation_id,
      before: { tokenPrefix: before.token_prefix },
      after: { tokenPrefix: source.token_prefix },
    });
    return { source, token: token.token };
  });
}
