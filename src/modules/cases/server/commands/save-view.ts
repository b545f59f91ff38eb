/**
 * A staff member saves, changes and deletes their named queue views. Only the owner changes a
 * view; sharing one with everyone is for dispatchers, managers and administrators.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { savedViewBody, savedViewPatch } from '../../saved-views.api.ts';
import { casesPolicy } from '../cases.policy.ts';
import { checkViewNameFree, loadVisibleView, viewOwnerId } from '../saved-views.repository.ts';

function checkMayShare(ctx: RequestContext, shared: boolean | undefined) {
  if (shared && !casesPolicy.canShareViews(ctx.actor)) {
    throw new AppError('forbidden', 'only dispatchers, managers and administrators share views', {
      zh: '只有系统管理员、呼叫受理员、值班工程师和经理可以共享视图',
      fieldErrors: [{ field: 'body.shared', message: 'you may not share views', zh: '您不能共享视图' }],
    });
  }
}

export async function createSavedView(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof savedViewBody>;
  now: Date;
}): Promise<number> {
  const { db, ctx, input, now } = opts;
  const ownerId = viewOwnerId(ctx.actor);
  checkMayShare(ctx, input.shared);
  return inTransaction(db, ctx, async (uow) => {
    await checkViewNameFree(uow.trx, ownerId, input.name);
    const view = await uow.trx
      .insertInto('saved_view')
      .values({
        owner_user_id: ownerId,
        name: input.name,
        query: input.query,
        shared: input.shared,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'saved_view.created',
      subjectType: 'saved_view',
      subjectId: view.id,
      after: view,
    });
    return view.id;
  });
}

export async function updateSavedView(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  viewId: number;
  input: z.output<typeof savedViewPatch>;
  now: Date;
}): Promise<void> {
  const { db, ctx, input, now } = opts;
  const ownerId = viewOwnerId(ctx.actor);
  await inTransaction(db, ctx, async (uow) => {
    const before = await loadVisibleView(uow.trx, ownerId, opts.viewId, { forUpdate: true });
    if (before.owner_user_id !== ownerId)
      throw new AppError('forbidden', 'only its owner changes a view', {
        zh: '只有视图的创建者可以修改视图',
      });
    if (input.shared !== before.shared) checkMayShare(ctx, input.shared);
    if (input.name !== undefined) await checkViewNameFree(uow.trx, ownerId, input.name, before.id);
    const after = await uow.trx
      .updateTable('saved_view')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.query !== undefined && { query: input.query }),
        ...(input.shared !== undefined && { shared: input.shared }),
        updated_at: now,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { owner_name: _ownerName, ...row } = before;
    await recordEvent(uow, {
      type: 'saved_view.updated',
      subjectType: 'saved_view',
      subjectId: before.id,
      before: row,
      after,
    });
  });
}

export async function deleteSavedView(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  viewId: number;
}): Promise<void> {
  const { db, ctx } = opts;
  const ownerId = viewOwnerId(ctx.actor);
  await inTransaction(db, ctx, async (uow) => {
    const before = await loadVisibleView(uow.trx, ownerId, opts.viewId, { forUpdate: true });
    if (before.owner_user_id !== ownerId)
      throw new AppError('forbidden', 'only its owner deletes a view', {
        zh: '只有视图的创建者可以删除视图',
      });
    await uow.trx.deleteFrom('saved_view').where('id', '=', before.id).execute();
    const { owner_name: _ownerName, ...row } = before;
    await recordEvent(uow, {
      type: 'saved_view.deleted',
      subjectType: 'saved_view',
      subjectId: before.id,
      before: row,
    });
  });
}
