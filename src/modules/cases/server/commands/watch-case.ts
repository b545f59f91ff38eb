/** A staff member follows (or stops following) a case to hear about its changes. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { loadVisibleCase } from '../case.repository.ts';

export async function setCaseWatch(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  watching: boolean;
}) {
  const actor = opts.ctx.actor;
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const c = await loadVisibleCase(uow.trx, actor, opts.caseId);
    if (actor.kind !== 'staff' || actor.userId === null)
      throw new AppError('forbidden', 'staff members only');
    const userId = actor.userId;
    if (opts.watching) {
      await uow.trx
        .insertInto('case_watcher')
        .values({ case_id: c.id, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } else {
      await uow.trx
        .deleteFrom('case_watcher')
        .where('case_id', '=', c.id)
        .where('user_id', '=', userId)
        .execute();
    }
    await recordEvent(uow, {
      type: opts.watching ? 'case.watched' : 'case.unwatched',
      subjectType: 'case',
      subjectId: c.id,
      organisationId: c.organisation_id,
    });
  });
}
