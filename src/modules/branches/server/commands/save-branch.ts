/** Adds or changes a branch / region; codes are unique. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { branchBody, branchPatch } from '../../branches.api.ts';
import { branchesPolicy } from '../branches.policy.ts';

type Input = z.output<typeof branchPatch>;

function columns(input: Input) {
  return {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.region !== undefined && { region: input.region }),
    ...(input.isHeadquarters !== undefined && { is_headquarters: input.isHeadquarters }),
    ...(input.vendorDirectDelivery !== undefined && { vendor_direct_delivery: input.vendorDirectDelivery }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

async function assertAllowedAndCodeFree(
  db: Kysely<Database>,
  ctx: RequestContext,
  code: string | undefined,
  selfId?: number,
) {
  if (!branchesPolicy.canWrite(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  if (!code) return;
  let query = db.selectFrom('branch').select('id').where('code', '=', code);
  if (selfId) query = query.where('id', '!=', selfId);
  if (await query.executeTakeFirst()) {
    throw new AppError('conflict', `code ${code} is taken`, {
      zh: `分支机构编码 ${code} 已被使用`,
      fieldErrors: [{ field: 'body.code', message: 'already taken', zh: '编码已被使用' }],
    });
  }
}

export async function createBranch(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof branchBody>;
}) {
  await assertAllowedAndCodeFree(opts.db, opts.ctx, opts.input.code);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const created = await uow.trx
      .insertInto('branch')
      .values({ ...columns(opts.input), code: opts.input.code, name: opts.input.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'branch.created',
      subjectType: 'branch',
      subjectId: created.id,
      after: created,
    });
    return created;
  });
}

export async function updateBranch(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  await assertAllowedAndCodeFree(opts.db, opts.ctx, opts.input.code, opts.id);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('branch')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('branch');
    const after = await uow.trx
      .updateTable('branch')
      .set({ ...columns(opts.input), updated_at: new Date() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'branch.updated',
      subjectType: 'branch',
      subjectId: before.id,
      before,
      after,
    });
    return after;
  });
}
