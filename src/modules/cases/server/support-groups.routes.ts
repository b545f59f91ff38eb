/** Support groups (hotline, second line, a region's field team…) that cases are assigned to. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { supportGroupBody } from '../cases.api.ts';
import { createSupportGroup } from './commands/create-support-group.ts';

const groupSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  branchId: z.number().nullable(),
  memberIds: z.array(z.number()),
});

async function present(db: Kysely<Database>) {
  const groups = await db
    .selectFrom('support_group')
    .selectAll()
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const members = await db.selectFrom('support_group_member').selectAll().execute();
  return groups.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    nameEn: g.name_en,
    branchId: g.branch_id,
    memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.user_id),
  }));
}

export function registerSupportGroupRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;
  app.get('/api/support-groups', {
    schema: {
      operationId: 'listSupportGroups',
      tags: ['cases'],
      summary: 'Support groups with their members',
      response: { 200: z.object({ items: z.array(groupSchema) }) },
    },
    handler: async (request) => {
      if (requireActor(request).kind !== 'staff') throw new AppError('forbidden', 'staff only');
      return { items: await present(db) };
    },
  });

  app.post('/api/support-groups', {
    schema: {
      operationId: 'createSupportGroup',
      tags: ['cases'],
      summary: 'Add a support group',
      body: supportGroupBody,
      response: { 201: groupSchema },
    },
    handler: async (request, reply) => {
      const id = await createSupportGroup({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send((await present(db)).find((g) => g.id === id)!);
    },
  });
}
