/** A contract's life cycle: state changes, renewal, downtime extensions. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  contractDetailSchema,
  contractStateBody,
  extensionBody,
  extensionSchema,
  idParams,
  renewContractBody,
} from '../contracts.api.ts';
import { presentContractDetail, presentExtensions } from './contracts.presenter.ts';
import { requireVisibleContract } from './contract.repository.ts';
import { changeContractState } from './commands/change-contract-state.ts';
import { renewContract } from './commands/renew-contract.ts';
import { recordDowntimeExtension } from './commands/record-downtime-extension.ts';
import { serviceDay } from './entitlement.ts';

const tags = ['contracts'];

export function registerContractLifecycleRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date },
) {
  const { db, clock } = deps;

  app.post('/api/contracts/:id/state', {
    schema: {
      operationId: 'changeContractState',
      tags,
      summary: 'Activate a signed draft, or end an active contract early (with a reason)',
      params: idParams,
      body: contractStateBody,
      response: { 200: contractDetailSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const now = clock();
      await changeContractState({ db, ctx, contractId: request.params.id, ...request.body, now });
      return presentContractDetail(db, request.params.id, { actor: ctx.actor, today: serviceDay(now) });
    },
  });

  app.post('/api/contracts/:id/renew', {
    schema: {
      operationId: 'renewContract',
      tags,
      summary:
        'Create the follow-on contract (from the day after the end, coverage copied); this one becomes renewed',
      params: idParams,
      body: renewContractBody,
      response: { 201: contractDetailSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const now = clock();
      const id = await renewContract({ db, ctx, contractId: request.params.id, input: request.body, now });
      return reply
        .status(201)
        .send(await presentContractDetail(db, id, { actor: ctx.actor, today: serviceDay(now) }));
    },
  });

  app.get('/api/contracts/:id/extensions', {
    schema: {
      operationId: 'listContractExtensions',
      tags,
      summary: 'Downtime extensions of the contract, oldest first',
      params: idParams,
      response: { 200: z.object({ items: z.array(extensionSchema) }) },
    },
    handler: async (request) => {
      const row = await requireVisibleContract(db, requireActor(request), request.params.id);
      return { items: await presentExtensions(db, row.id) };
    },
  });

  app.post('/api/contracts/:id/extensions', {
    schema: {
      operationId: 'recordContractExtension',
      tags,
      summary:
        'Record downtime caused by the software or the vendor: the end moves by whole days, each 24 h (seed 001)',
      params: idParams,
      body: extensionBody,
      response: { 201: extensionSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const id = await recordDowntimeExtension({
        db,
        ctx,
        contractId: request.params.id,
        input: request.body,
        now: clock(),
      });
      const items = await presentExtensions(db, request.params.id);
      return reply.status(201).send(items.find((e) => e.id === id)!);
    },
  });
}
