/** Purchase orders for spares and their stock-in. */
import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  cancelPurchaseOrderBody,
  idParams,
  purchaseOrderBody,
  purchaseOrderListQuery,
  purchaseOrderSchema,
  receivePurchaseOrderBody,
} from '../spares.api.ts';
import { assertCanReadStock } from './spares.policy.ts';
import { getPurchaseOrder, listPurchaseOrders } from './purchase-order.repository.ts';
import { createPurchaseOrder } from './commands/create-purchase-order.ts';
import { orderPurchaseOrder } from './commands/order-purchase-order.ts';
import { receivePurchaseOrder } from './commands/receive-purchase-order.ts';
import { cancelPurchaseOrder } from './commands/cancel-purchase-order.ts';
import type { SparesRouteDeps } from './spares.routes.ts';

const tags = ['spares'];

export function registerPurchaseOrderRoutes(app: HttpServer, deps: SparesRouteDeps) {
  const { db, clock } = deps;

  app.get('/api/purchase-orders', {
    schema: {
      operationId: 'listPurchaseOrders',
      tags,
      summary: 'Purchase orders for spares, newest first',
      querystring: purchaseOrderListQuery,
      response: { 200: z.object({ items: z.array(purchaseOrderSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return listPurchaseOrders(db, request.query, clock(), requireActor(request));
    },
  });

  app.get('/api/purchase-orders/:id', {
    schema: {
      operationId: 'getPurchaseOrder',
      tags,
      summary: 'One purchase order with its lines',
      params: idParams,
      response: { 200: purchaseOrderSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      assertCanReadStock(actor);
      return getPurchaseOrder(db, request.params.id, clock(), actor);
    },
  });

  app.post('/api/purchase-orders', {
    schema: {
      operationId: 'createPurchaseOrder',
      tags,
      summary: 'Record a purchase order (due a week after signing unless said otherwise)',
      body: purchaseOrderBody,
      response: { 201: purchaseOrderSchema },
    },
    handler: async (request, reply) => {
      const now = clock();
      const id = await createPurchaseOrder({ db, ctx: contextOf(request), input: request.body, now });
      return reply.status(201).send(await getPurchaseOrder(db, id, now, requireActor(request)));
    },
  });

  app.post('/api/purchase-orders/:id/order', {
    schema: {
      operationId: 'orderPurchaseOrder',
      tags,
      summary: 'Mark the order as sent to the supplier',
      params: idParams,
      body: z.object({}).strict().default({}),
      response: { 200: purchaseOrderSchema },
    },
    handler: async (request) => {
      const now = clock();
      await orderPurchaseOrder({ db, ctx: contextOf(request), id: request.params.id, now });
      return getPurchaseOrder(db, request.params.id, now, requireActor(request));
    },
  });

  app.post('/api/purchase-orders/:id/receive', {
    schema: {
      operationId: 'receivePurchaseOrder',
      tags,
      summary: 'Stock-in of delivered lines (serialised parts with their serials)',
      params: idParams,
      body: receivePurchaseOrderBody,
      response: { 200: purchaseOrderSchema },
    },
    handler: async (request) => {
      const now = clock();
      await receivePurchaseOrder({
        db,
        ctx: contextOf(request),
        id: request.params.id,
        input: request.body,
        now,
      });
      return getPurchaseOrder(db, request.params.id, now, requireActor(request));
    },
  });

  app.post('/api/purchase-orders/:id/cancel', {
    schema: {
      operationId: 'cancelPurchaseOrder',
      tags,
      summary: 'Cancel an order not fully received (what arrived stays in stock)',
      params: idParams,
      body: cancelPurchaseOrderBody,
      response: { 200: purchaseOrderSchema },
    },
    handler: async (request) => {
      const now = clock();
      await cancelPurchaseOrder({
        db,
        ctx: contextOf(request),
        id: request.params.id,
        reason: request.body.reason,
        now,
      });
      return getPurchaseOrder(db, request.params.id, now, requireActor(request));
    },
  });
}
