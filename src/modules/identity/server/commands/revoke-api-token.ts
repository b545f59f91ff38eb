/** An administrator revokes an API token; it stops working at once. Revoking twice is a no-op. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { identityPolicy } from '../identity.policy.ts';
import { presentApiToken } from '../api-token.presenter.ts';

export async function revokeApiToken(opts: { db: Kysely<Database>; ctx: RequestContext; tokenId: number }) {
  if (!identityPolicy.canManageTokens(opts.ctx.actor)) throw new AppError('forbidden', 'administrators only');
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', opts.tokenId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('API token');
    if (before.revoked_at) return presentApiToken(before);
    const after = await uow.trx
      .updateTable('api_token')
      .set({ revoked_at: new Date() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: before.id,
      before: presentApiToken(before),
      after: presentApiToken(after),
    });
    return presentApiToken(after);
  });
}
