/** Service levels, contracts and the entitlement lookup used at intake. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  contractBody,
  contractSchema,
  entitlementQuery,
  entitlementSchema,
  idParams,
  serviceLevelBody,
  serviceLevelSchema,
} from '../contracts.api.ts';
import { contractsPolicy } from './contracts.policy.ts';
import { presentContracts, presentServiceLevels } from './contracts.presenter.ts';
import { createServiceLevel } from './commands/create-service-level.ts';
import { createContract } from './commands/create-contract.ts';
import { lookUpEntitlement, serviceDay } from './entitlement.ts';

const tags = ['contracts'];

export function registerContractRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;

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

  app.get('/api/contracts', {
    schema: {
      operationId: 'listContracts',
      tags,
      summary: 'Service contracts (a contact sees its own organisation’s)',
      querystring: z.object({ organisationId: z.coerce.number().int().positive().optional() }),
      response: { 200: z.object({ items: z.array(contractSchema) }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      let query = db.selectFrom('service_contract').select('id').orderBy('id', 'desc').limit(500);
      if (actor.kind === 'contact') query = query.where('organisation_id', '=', actor.organisationId);
      if (request.query.organisationId)
        query = query.where('organisation_id', '=', request.query.organisationId);
      const ids = await query.execute();
      return {
        items: await presentContracts(
          db,
          ids.map((r) => r.id),
          { internal: actor.kind !== 'contact' },
        ),
      };
    },
  });

  app.get('/api/contracts/:id', {
    schema: {
      operationId: 'getContract',
      tags,
      summary: 'One contract',
      params: idParams,
      response: { 200: contractSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const [contract] = await presentContracts(db, [request.params.id], {
        internal: actor.kind !== 'contact',
      });
      if (!contract || !contractsPolicy.canReadContract(actor, contract.organisationId))
        throw notFound('contract');
      return contract;
    },
  });

  app.post('/api/contracts', {
    schema: {
      operationId: 'createContract',
      tags,
      summary: 'Record a service contract',
      body: contractBody,
      response: { 201: contractSchema },
    },
    handler: async (request, reply) => {
      const id = await createContract({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send((await presentContracts(db, [id]))[0]!);
    },
  });

  app.get('/api/entitlement', {
    schema: {
      operationId: 'checkEntitlement',
      tags,
      summary: 'Which contract and service level apply (by organisation, site or serial)',
      querystring: entitlementQuery,
      response: { 200: entitlementSchema },
    },
    handler: async (request) => {
      if (!contractsPolicy.canCheckEntitlement(requireActor(request)))
        throw new AppError('forbidden', 'staff only');
      return lookUpEntitlement(db, { ...request.query, on: request.query.on ?? serviceDay(new Date()) });
    },
  });
}
