/** Creates or changes a customer organisation. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction } from '../../../../platform/events/domain-events.ts';
import type { organisationBody, organisationPatch } from '../../organisations.api.ts';
import { organisationsPolicy } from '../organisations.policy.ts';
import {
  authorizeCustomerWrite,
  insertCustomerRecord,
  updateCustomerRecord,
} from '../customer-record-store.ts';

type Input = z.output<typeof organisationPatch>;

async function checkInput(db: Kysely<Database>, input: Input, selfId?: number) {
  if (input.branchId) {
    const branch = await db
      .selectFrom('branch')
      .select('id')
      .where('id', '=', input.branchId)
      .executeTakeFirst();
    if (!branch) throw invalidField('body.branchId', 'no such branch', '没有这个分公司');
  }
  if (input.code) {
    let q = db.selectFrom('organisation').select('id').where('code', '=', input.code);
    if (selfId) q = q.where('id', '!=', selfId);
    if (await q.executeTakeFirst()) {
      throw new AppError('conflict', `code ${input.code} is taken`, {
        zh: `客户编码 ${input.code} 已被使用`,
        fieldErrors: [{ field: 'body.code', message: 'already taken', zh: '客户编码已被使用' }],
      });
    }
  }
}

function columns(input: Input) {
  return {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.industry !== undefined && { industry: input.industry }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.notes !== undefined && { notes: input.notes }),
    ...(input.branchId !== undefined && { branch_id: input.branchId }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

export async function createOrganisation(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof organisationBody>;
}) {
  if (!organisationsPolicy.canWrite(opts.ctx.actor)) throw new AppError('forbidden', 'not allowed');
  await checkInput(opts.db, opts.input);
  return inTransaction(opts.db, opts.ctx, (uow) =>
    insertCustomerRecord(uow, 'organisation', { ...columns(opts.input), name: opts.input.name }),
  );
}

export async function updateOrganisation(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  await authorizeCustomerWrite(opts.db, opts.ctx.actor, 'organisation', opts.id);
  await checkInput(opts.db, opts.input, opts.id);
  return inTransaction(opts.db, opts.ctx, (uow) =>
    updateCustomerRecord(uow, 'organisation', opts.id, columns(opts.input)),
  );
}
