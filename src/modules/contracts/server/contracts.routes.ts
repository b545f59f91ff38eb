/** Service levels, service contracts and the entitlement lookup used at intake. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  contractBody,
  contractDetailSchema,
  contractListQuery,
  contractListSchema,
  contractPatch,
  entitlementQuery,
  entitlementSchema,
  idParams,
  serviceLevelBody,
  serviceLevelPatch,
  serviceLevelSchema,
} from '../contracts.api.ts';
import { contractsPolicy } from './contracts.policy.ts';
import { presentContractDetail, presentContracts, presentServiceLevels } from './contracts.presenter.ts';
import { listContractIds, requireVisibleContract } from './contract.repository.ts';
import { createServiceLevel } from './commands/create-service-level.ts';
import { updateServiceLevel } from './commands/update-service-level.ts';
import { createContract } from './commands/create-contract.ts';
import { updateContract } from './commands/update-contract.ts';
import { lookUpEntitlement, serviceDay } from './entitlement.ts';
import { registerContractLifecycleRoutes } from './contract-lifecycle.routes.ts';

const tags = ['contracts'];

export interface ContractRouteDeps {
  db: Kysely<Database>;
  /** The domain's clock (tests move it). */
  clock?: () => Date;
}

export function registerContractRoutes(app: HttpServer, deps: ContractRouteDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  app.get('/api/service-levels', {
    schema: {
      operationId: 'listServiceLevels',
      tags,
      summary: 'Service levels with their targets',
      response: { 200: z.object({ items: z.array(serviceLevelSchema) }) },
    },
    handler: async (request) => {
      if (!contractsPolicy.canReadServiceLevels(requireActor(request)))
        throw new AppError('forbidden', 'staff only');
      const ids = await db.selectFrom('service_level').select('id').orderBy('id').limit(500).execute();
      return {
        items: await presentServiceLevels(
          db,
          ids.map((r) => r.id),
        ),
      };
    },
  });

  app.post('/api/service-levels', {
    schema: {
      operationId: 'createServiceLevel',
      tags,
      summary: 'Define a service level',
      body: serviceLevelBody,
      response: { 201: serviceLevelSchema },
    },
    handler: async (request, reply) => {
      const id = await createServiceLevel({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send((await presentServiceLevels(db, [id]))[0]!);
    },
  });

  app.get('/api/service-levels/:id', {
    schema: {
      operationId: 'getServiceLevel',
      tags,
      summary: 'One service level with its targets',
      params: idParams,
      response: { 200: serviceLevelSchema },
    },
    handler: async (request) => {
      if (!contractsPolicy.canReadServiceLevels(requireActor(request)))
        throw new AppError('forbidden', 'staff only');
      const level = (await presentServiceLevels(db, [request.params.id]))[0];
      if (!level) throw notFound('service level');
      return level;
    },
  });

  app.patch('/api/service-levels/:id', {
    schema: {
      operationId: 'updateServiceLevel',
      tags,
      summary: 'Change a service level: names, active, the P1–P4 targets (open cases are recomputed)',
      params: idParams,
      body: serviceLevelPatch,
      response: { 200: serviceLevelSchema },
    },
    handler: async (request) => {
      const id = await updateServiceLevel({
        db,
        ctx: contextOf(request),
        id: request.params.id,
        input: request.body,
      });
      return (await presentServiceLevels(db, [id]))[0]!;
    },
  });

  app.get('/api/contracts', {
    schema: {
      operationId: 'listContracts',
      tags,
      summary:
        'Service contracts, newest first: by organisation, state, owner, service level, ending before a day or within N days, number or customer name (a contact sees its own organisation’s)',
      querystring: contractListQuery,
      response: { 200: contractListSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const today = serviceDay(clock());
      const { ids, nextBefore } = await listContractIds(db, actor, request.query, today);
      return {
        items: await presentContracts(db, ids, { actor, today }),
        nextBefore,
        abilities: { create: contractsPolicy.canCreate(actor) },
      };
    },
  });

  app.get('/api/contracts/:id', {
    schema: {
      operationId: 'getContract',
      tags,
      summary: 'One contract with its covered sites and assets, downtime extensions and abilities',
      params: idParams,
      response: { 200: contractDetailSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const row = await requireVisibleContract(db, actor, request.params.id);
      return presentContractDetail(db, row.id, { actor, today: serviceDay(clock()) });
    },
  });

  app.post('/api/contracts', {
    schema: {
      operationId: 'createContract',
      tags,
      summary: 'Record a service contract (covering all sites, listed sites, or assets by id or serial)',
      body: contractBody,
      response: { 201: contractDetailSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const id = await createContract({ db, ctx, input: request.body });
      return reply
        .status(201)
        .send(await presentContractDetail(db, id, { actor: ctx.actor, today: serviceDay(clock()) }));
    },
  });

  app.patch('/api/contracts/:id', {
    schema: {
      operationId: 'updateContract',
      tags,
      summary: 'Change a draft or active contract (period and coverage changes are audited before → after)',
      params: idParams,
      body: contractPatch,
      response: { 200: contractDetailSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const now = clock();
      await updateContract({ db, ctx, contractId: request.params.id, input: request.body, now });
      return presentContractDetail(db, request.params.id, { actor: ctx.actor, today: serviceDay(now) });
    },
  });

  registerContractLifecycleRoutes(app, { db, clock });

  app.get('/api/entitlement', {
    schema: {
      operationId: 'checkEntitlement',
      tags,
      summary:
        'Which contract and service level apply (by serial, site or organisation), with the asset, maker’s warranty, promises and owner',
      querystring: entitlementQuery,
      response: { 200: entitlementSchema },
    },
    handler: async (request) => {
      if (!contractsPolicy.canCheckEntitlement(requireActor(request)))
        throw new AppError('forbidden', 'staff only');
      return lookUpEntitlement(db, { ...request.query, on: request.query.on ?? serviceDay(clock()) });
    },
  });
}
