/** Branches / regions: every staff member reads them; administrators maintain them. */
import { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { branchBody, branchPatch, branchSchema } from '../branches.api.ts';
import type { BranchTable } from './branches.tables.ts';

const tags = ['branches'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const branchesPolicy = {
  canRead: (actor: Actor) => actor.kind !== 'contact',
  canWrite: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
};

function present(row: Selectable<BranchTable>) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    region: row.region,
    isHeadquarters: row.is_headquarters,
    vendorDirectDelivery: row.vendor_direct_delivery,
    address: row.address,
    phone: row.phone,
    active: row.active,
  };
}

function columns(input: z.output<typeof branchPatch>) {
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

async function assertCodeFree(db: Kysely<Database>, code: string | undefined, selfId?: number) {
  if (!code) return;
  let q = db.selectFrom('branch').select('id').where('code', '=', code);
  if (selfId) q = q.where('id', '!=', selfId);
  if (await q.executeTakeFirst()) {
    throw new AppError('conflict', `code ${code} is taken`, {
      fieldErrors: [{ field: 'body.code', message: 'already taken' }],
    });
  }
}

export function registerBranchRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.get('/api/branches', {
    schema: {
      operationId: 'listBranches',
      tags,
      summary: 'Branches and regions',
      response: { 200: z.object({ items: z.array(branchSchema) }) },
    },
    handler: async (request) => {
      if (!branchesPolicy.canRead(requireActor(request))) throw new AppError('forbidden', 'staff only');
      const rows = await db.selectFrom('branch').selectAll().orderBy('id').limit(1000).execute();
      return { items: rows.map(present) };
    },
  });

  app.post('/api/branches', {
    schema: {
      operationId: 'createBranch',
      tags,
      summary: 'Add a branch',
      body: branchBody,
      response: { 201: branchSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      if (!branchesPolicy.canWrite(ctx.actor)) throw new AppError('forbidden', 'administrators only');
      await assertCodeFree(db, request.body.code);
      const row = await inTransaction(db, ctx, async (uow) => {
        const created = await uow.trx
          .insertInto('branch')
          .values({ ...columns(request.body), code: request.body.code, name: request.body.name })
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
      return reply.status(201).send(present(row));
    },
  });

  app.patch('/api/branches/:id', {
    schema: {
      operationId: 'updateBranch',
      tags,
      summary: 'Change a branch',
      params: idParams,
      body: branchPatch,
      response: { 200: branchSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      if (!branchesPolicy.canWrite(ctx.actor)) throw new AppError('forbidden', 'administrators only');
      await assertCodeFree(db, request.body.code, request.params.id);
      const row = await inTransaction(db, ctx, async (uow) => {
        const before = await uow.trx
          .selectFrom('branch')
          .selectAll()
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw notFound('branch');
        const after = await uow.trx
          .updateTable('branch')
          .set({ ...columns(request.body), updated_at: new Date() })
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
      return present(row);
    },
  });
}
