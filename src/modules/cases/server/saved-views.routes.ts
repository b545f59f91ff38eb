/** Saved queue views: a staff member's named case-queue filters, their own and colleagues' shared ones. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  idParams,
  savedViewBody,
  savedViewList,
  savedViewPatch,
  savedViewSchema,
} from '../saved-views.api.ts';
import { casesPolicy } from './cases.policy.ts';
import { listSavedViews, loadVisibleView, viewOwnerId, type SavedViewRow } from './saved-views.repository.ts';
import { createSavedView, deleteSavedView, updateSavedView } from './commands/save-view.ts';

const tags = ['cases'];

function present(row: SavedViewRow, userId: number): z.infer<typeof savedViewSchema> {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    shared: row.shared,
    owner: { id: row.owner_user_id, name: row.owner_name },
    mine: row.owner_user_id === userId,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function registerSavedViewRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  app.get('/api/saved-views', {
    schema: {
      operationId: 'listSavedViews',
      tags,
      summary: 'The caller’s saved queue views and the views colleagues shared',
      response: { 200: savedViewList },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const userId = viewOwnerId(actor);
      const rows = await listSavedViews(db, userId);
      return { items: rows.map((r) => present(r, userId)), canShare: casesPolicy.canShareViews(actor) };
    },
  });

  app.post('/api/saved-views', {
    schema: {
      operationId: 'createSavedView',
      tags,
      summary: 'Save a queue filter under a name (shared: dispatchers, managers and administrators)',
      body: savedViewBody,
      response: { 201: savedViewSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const id = await createSavedView({ db, ctx, input: request.body, now: clock() });
      const userId = viewOwnerId(ctx.actor);
      return reply.status(201).send(present(await loadVisibleView(db, userId, id), userId));
    },
  });

  app.patch('/api/saved-views/:id', {
    schema: {
      operationId: 'updateSavedView',
      tags,
      summary: 'Rename one of the caller’s views, change its filter or whether it is shared',
      params: idParams,
      body: savedViewPatch,
      response: { 200: savedViewSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await updateSavedView({ db, ctx, viewId: request.params.id, input: request.body, now: clock() });
      const userId = viewOwnerId(ctx.actor);
      return present(await loadVisibleView(db, userId, request.params.id), userId);
    },
  });

  app.delete('/api/saved-views/:id', {
    schema: {
      operationId: 'deleteSavedView',
      tags,
      summary: 'Delete one of the caller’s views',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteSavedView({ db, ctx: contextOf(request), viewId: request.params.id });
      return reply.status(204).send(null);
    },
  });
}
