/** Branches and regions of the integrator. */
import { idParams } from '../../../platform/http/contract-fields.ts';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { branchBody, branchPatch, branchSchema } from '../branches.api.ts';
import { branchesPolicy } from './branches.policy.ts';
import { presentBranch } from './branches.presenter.ts';
import { createBranch, updateBranch } from './commands/save-branch.ts';

const tags = ['branches'];

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
      return { items: rows.map(presentBranch) };
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
      const row = await createBranch({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send(presentBranch(row));
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
    handler: async (request) =>
      presentBranch(
        await updateBranch({ db, ctx: contextOf(request), id: request.params.id, input: request.body }),
      ),
  });
}
