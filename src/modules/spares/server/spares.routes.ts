/** Spare stores (warehouses) and the parts catalogue. Routes stay thin: validate, command, present. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  idParams,
  partBody,
  partListQuery,
  partPatch,
  partSchema,
  warehouseBody,
  warehousePatch,
  warehouseSchema,
} from '../spares.api.ts';
import { assertCanReadStock } from './spares.policy.ts';
import { getPart, getWarehouse, listParts, listWarehouses } from './spares.repository.ts';
import { createWarehouse, updateWarehouse } from './commands/save-warehouse.ts';
import { createSparePart, updateSparePart } from './commands/save-spare-part.ts';

export interface SparesRouteDeps {
  db: Kysely<Database>;
  clock: () => Date;
}

const tags = ['spares'];

export function registerSparesCatalogueRoutes(app: HttpServer, deps: SparesRouteDeps) {
  const { db, clock } = deps;

  app.get('/api/warehouses', {
    schema: {
      operationId: 'listWarehouses',
      tags,
      summary: 'Spare stores of HQ and the branches',
      querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(warehouseSchema) }) },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      const active = request.query.active === undefined ? undefined : request.query.active === 'true';
      return { items: await listWarehouses(db, { active }) };
    },
  });

  app.get('/api/warehouses/:id', {
    schema: {
      operationId: 'getWarehouse',
      tags,
      summary: 'One spare store',
      params: idParams,
      response: { 200: warehouseSchema },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return getWarehouse(db, request.params.id);
    },
  });

  app.post('/api/warehouses', {
    schema: {
      operationId: 'createWarehouse',
      tags,
      summary: 'Add a spare store to a branch',
      body: warehouseBody,
      response: { 201: warehouseSchema },
    },
    handler: async (request, reply) => {
      const id = await createWarehouse({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send(await getWarehouse(db, id));
    },
  });

  app.patch('/api/warehouses/:id', {
    schema: {
      operationId: 'updateWarehouse',
      tags,
      summary: 'Change a spare store (closing it needs it empty)',
      params: idParams,
      body: warehousePatch,
      response: { 200: warehouseSchema },
    },
    handler: async (request) => {
      await updateWarehouse({
        db,
        ctx: contextOf(request),
        id: request.params.id,
        input: request.body,
        now: clock(),
      });
      return getWarehouse(db, request.params.id);
    },
  });

  app.get('/api/spare-parts', {
    schema: {
      operationId: 'listSpareParts',
      tags,
      summary: 'The parts catalogue by part number; search by part number, name or vendor',
      querystring: partListQuery,
      response: { 200: z.object({ items: z.array(partSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return listParts(db, request.query);
    },
  });

  app.get('/api/spare-parts/:id', {
    schema: {
      operationId: 'getSparePart',
      tags,
      summary: 'One spare part',
      params: idParams,
      response: { 200: partSchema },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return getPart(db, request.params.id);
    },
  });

  app.post('/api/spare-parts', {
    schema: {
      operationId: 'createSparePart',
      tags,
      summary: 'Add a spare part (held by serial or by quantity)',
      body: partBody,
      response: { 201: partSchema },
    },
    handler: async (request, reply) => {
      const id = await createSparePart({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send(await getPart(db, id));
    },
  });

  app.patch('/api/spare-parts/:id', {
    schema: {
      operationId: 'updateSparePart',
      tags,
      summary: 'Change a spare part',
      params: idParams,
      body: partPatch,
      response: { 200: partSchema },
    },
    handler: async (request) => {
      await updateSparePart({
        db,
        ctx: contextOf(request),
        id: request.params.id,
        input: request.body,
        now: clock(),
      });
      return getPart(db, request.params.id);
    },
  });
}
