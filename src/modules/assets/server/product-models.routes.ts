/** Product models of the installed base: list (by vendor, category, text), read, create, correct. */
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  idParams,
  productModelBody,
  productModelListAbilities,
  productModelListQuery,
  productModelPatch,
  productModelSchema,
} from '../assets.api.ts';
import { assetsPolicy } from './assets.policy.ts';
import { presentProductModel } from './assets.presenter.ts';
import { createProductModel, updateProductModel } from './commands/save-product-model.ts';

const tags = ['installed base'];

function modelQuery(db: Kysely<Database>) {
  return db
    .selectFrom('product_model')
    .selectAll('product_model')
    .select((eb) =>
      eb
        .selectFrom('asset')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('asset.product_model_id', '=', 'product_model.id')
        .as('asset_count'),
    );
}

const encodeCursor = (vendor: string, model: string, id: number) =>
  Buffer.from(JSON.stringify([vendor, model, id])).toString('base64url');
function decodeCursor(cursor: string): [string, string, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      Number.isInteger(v[2])
    )
      return v as [string, string, number];
  } catch {
    // falls through to the refusal
  }
  throw invalidField('querystring.cursor', 'not a cursor from this list', '不是这个列表的翻页位置');
}

function requireReader(actor: Actor) {
  if (!assetsPolicy.canReadModels(actor)) throw new AppError('forbidden', 'staff only');
}

export function registerProductModelRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date },
) {
  const { db, clock } = deps;

  async function show(actor: Actor, id: number) {
    const row = await modelQuery(db).where('product_model.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('product model');
    return presentProductModel({ ...row, asset_count: row.asset_count ?? 0 }, actor);
  }

  app.get('/api/product-models', {
    schema: {
      operationId: 'listProductModels',
      tags,
      summary: 'Product models by vendor and model name: filter by vendor, category, text; keyset paging',
      querystring: productModelListQuery,
      response: {
        200: z.object({
          items: z.array(productModelSchema),
          nextCursor: z.string().nullable(),
          abilities: productModelListAbilities,
        }),
      },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      requireReader(actor);
      const f = request.query;
      let query = modelQuery(db);
      if (f.vendor)
        query = query.where(sql<boolean>`upper(product_model.vendor) = ${f.vendor.toUpperCase()}`);
      if (f.category) query = query.where('product_model.category', '=', f.category);
      if (f.active !== undefined) query = query.where('product_model.active', '=', f.active);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([
            eb('product_model.vendor', 'ilike', like),
            eb('product_model.model', 'ilike', like),
            eb('product_model.part_number', 'ilike', like),
            eb('product_model.description', 'ilike', like),
          ]),
        );
      }
      if (f.cursor) {
        const [vendor, model, id] = decodeCursor(f.cursor);
        query = query.where(
          sql<boolean>`(upper(product_model.vendor), upper(product_model.model), product_model.id) > (${vendor}, ${model}, ${id})`,
        );
      }
      const rows = await query
        .orderBy(sql`upper(product_model.vendor)`)
        .orderBy(sql`upper(product_model.model)`)
        .orderBy('product_model.id')
        .limit(f.limit)
        .execute();
      const last = rows.at(-1);
      return {
        items: rows.map((r) => presentProductModel({ ...r, asset_count: r.asset_count ?? 0 }, actor)),
        nextCursor:
          rows.length === f.limit && last
            ? encodeCursor(last.vendor.toUpperCase(), last.model.toUpperCase(), last.id)
            : null,
        abilities: { create: assetsPolicy.canWriteModels(actor) },
      };
    },
  });

  app.get('/api/product-models/:id', {
    schema: {
      operationId: 'getProductModel',
      tags,
      summary: 'One product model with its number of assets',
      params: idParams,
      response: { 200: productModelSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      requireReader(actor);
      return show(actor, request.params.id);
    },
  });

  app.post('/api/product-models', {
    schema: {
      operationId: 'createProductModel',
      tags,
      summary: 'Record a product model (vendor + model unique, any case)',
      body: productModelBody,
      response: { 201: productModelSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const id = await createProductModel({ db, ctx, input: request.body });
      return reply.status(201).send(await show(ctx.actor, id));
    },
  });

  app.patch('/api/product-models/:id', {
    schema: {
      operationId: 'updateProductModel',
      tags,
      summary: 'Correct a product model (a new vendor name carries over to its assets)',
      params: idParams,
      body: productModelPatch,
      response: { 200: productModelSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await updateProductModel({ db, ctx, id: request.params.id, input: request.body, now: clock() });
      return show(ctx.actor, request.params.id);
    },
  });
}
