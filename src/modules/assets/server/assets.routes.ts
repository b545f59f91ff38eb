/** Assets: the filtered list, one asset, registration, corrections and the asset's history. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  assetBody,
  assetListAbilities,
  assetHistorySchema,
  assetListQuery,
  assetPatch,
  assetSchema,
  idParams,
} from '../assets.api.ts';
import { listAssets, loadVisibleAsset } from './asset.repository.ts';
import { assetsPolicy } from './assets.policy.ts';
import { beijingDay, presentAsset } from './assets.presenter.ts';
import { buildAssetHistory } from './asset-history.ts';
import { registerAsset } from './commands/register-asset.ts';
import { updateAsset } from './commands/update-asset.ts';

const tags = ['installed base'];

export function registerAssetCrudRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  async function show(actor: Actor, id: number) {
    return presentAsset(await loadVisibleAsset(db, actor, id), actor, beijingDay(clock()));
  }

  app.get('/api/assets', {
    schema: {
      operationId: 'listAssets',
      tags,
      summary:
        'The installed base: by organisation, site, model, vendor, category, state, serial or text, warranty ending before a day; keyset paging (a contact sees its own organisation’s)',
      querystring: assetListQuery,
      response: {
        200: z.object({
          items: z.array(assetSchema),
          nextCursor: z.string().nullable(),
          abilities: assetListAbilities,
        }),
      },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const { rows, nextCursor } = await listAssets(db, actor, request.query);
      const today = beijingDay(clock());
      return {
        items: rows.map((r) => presentAsset(r, actor, today)),
        nextCursor,
        abilities: { register: assetsPolicy.canWrite(actor), import: assetsPolicy.canImport(actor) },
      };
    },
  });

  app.get('/api/assets/:id', {
    schema: {
      operationId: 'getAsset',
      tags,
      summary: 'One asset with its model, organisation, site, maker’s warranty and state',
      params: idParams,
      response: { 200: assetSchema },
    },
    handler: async (request) => show(requireActor(request), request.params.id),
  });

  app.post('/api/assets', {
    schema: {
      operationId: 'registerAsset',
      tags,
      summary:
        'Register an asset (serial unique per vendor, any case; warranty end defaults to installation + the model’s warranty months)',
      body: assetBody,
      response: { 201: assetSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const id = await registerAsset({ db, ctx, input: request.body, now: clock() });
      return reply.status(201).send(await show(ctx.actor, id));
    },
  });

  app.patch('/api/assets/:id', {
    schema: {
      operationId: 'updateAsset',
      tags,
      summary: 'Correct an asset; a move between sites and a change of state show in its history',
      params: idParams,
      body: assetPatch,
      response: { 200: assetSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await updateAsset({ db, ctx, assetId: request.params.id, input: request.body, now: clock() });
      return show(ctx.actor, request.params.id);
    },
  });

  app.get('/api/assets/:id/history', {
    schema: {
      operationId: 'getAssetHistory',
      tags,
      summary:
        'The asset’s history newest first: its own events, the cases opened with its serial, RMAs and swaps (customers: public information only)',
      params: idParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
      response: { 200: assetHistorySchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const asset = await loadVisibleAsset(db, actor, request.params.id);
      const history = await buildAssetHistory({ db, asset, actor, limit: request.query.limit });
      return { asset: { id: asset.id, vendor: asset.vendor, serial: asset.serial }, ...history };
    },
  });
}
