/** Ends the caller's session. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { deleteSession } from '../session-store.ts';

export async function logOut(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  token: string;
}): Promise<void> {
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    await deleteSession(uow.trx, opts.token);
    const actor = opts.ctx.actor;
    if (actor.kind !== 'system' && actor.userId) {
      await recordEvent(uow, { type: 'user.logged_out', subjectType: 'user', subjectId: actor.userId });
    }
  });
}
