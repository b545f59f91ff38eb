/** Stock levels, serialised units, manual movements, the ledger and the stock report. */
import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { preferredLocale } from '../../../platform/http/problem.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  ledgerQuery,
  stockLevelQuery,
  stockLevelSchema,
  stockMovementBody,
  stockMovementResult,
  stockMovementSchema,
  stockReportQuery,
  stockReportSchema,
  stockUnitQuery,
  stockUnitSchema,
} from '../spares.api.ts';
import { assertCanReadStock } from './spares.policy.ts';
import {
  getMovement,
  listMovements,
  listStockLevels,
  listStockUnits,
  stockReport,
} from './stock.repository.ts';
import { presentStockReport, stockReportToXlsx } from './stock-report.ts';
import { recordStockMovement } from './commands/record-stock-movement.ts';
import type { SparesRouteDeps } from './spares.routes.ts';

const tags = ['spares'];

export function registerStockRoutes(app: HttpServer, deps: SparesRouteDeps) {
  const { db, clock } = deps;

  app.get('/api/stock/levels', {
    schema: {
      operationId: 'listStockLevels',
      tags,
      summary: 'Stock per store and part: good, reserved, available, faulty, below reorder level',
      querystring: stockLevelQuery,
      response: { 200: z.object({ items: z.array(stockLevelSchema) }) },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return { items: await listStockLevels(db, request.query) };
    },
  });

  app.get('/api/stock/units', {
    schema: {
      operationId: 'listStockUnits',
      tags,
      summary: 'Serialised units: of a part, in a store, by state, or found by serial',
      querystring: stockUnitQuery,
      response: { 200: z.object({ items: z.array(stockUnitSchema) }) },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return { items: await listStockUnits(db, request.query) };
    },
  });

  app.post('/api/stock/movements', {
    schema: {
      operationId: 'recordStockMovement',
      tags,
      summary:
        'A manual stock movement: stock-in, reserve/release/issue for a case, faulty return, to/from vendor, scrap, transfer',
      body: stockMovementBody,
      response: { 201: stockMovementResult },
    },
    handler: async (request, reply) => {
      const result = await recordStockMovement({
        db,
        ctx: contextOf(request),
        input: request.body,
        now: clock(),
      });
      return reply.status(201).send({
        movement: await getMovement(db, result.movementId),
        serials: result.serials,
        levels: result.levels,
      });
    },
  });

  app.get('/api/stock/movements', {
    schema: {
      operationId: 'listStockMovements',
      tags,
      summary: 'The stock ledger, newest first: filter by part, store, kind, serial, case, RMA, order, dates',
      querystring: ledgerQuery,
      response: { 200: z.object({ items: z.array(stockMovementSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      return listMovements(db, request.query);
    },
  });

  app.get('/api/stock/report', {
    schema: {
      operationId: 'getStockReport',
      tags,
      summary: 'Stock report per store in the caller’s language',
      querystring: stockReportQuery,
      response: { 200: stockReportSchema },
    },
    handler: async (request) => {
      assertCanReadStock(requireActor(request));
      const report = await stockReport(db, { warehouseId: request.query.warehouseId, now: clock() });
      return presentStockReport(report, preferredLocale(request));
    },
  });

  app.get('/api/stock/report.xlsx', {
    schema: {
      operationId: 'getStockReportXlsx',
      tags,
      summary: 'Stock report per store as xlsx, one sheet per store, in the caller’s language',
      querystring: stockReportQuery,
    },
    handler: async (request, reply) => {
      assertCanReadStock(requireActor(request));
      const now = clock();
      const report = await stockReport(db, { warehouseId: request.query.warehouseId, now });
      const body = await stockReportToXlsx(report, preferredLocale(request));
      reply.header(
        'content-disposition',
        `attachment; filename="stock-${now.toISOString().slice(0, 10)}.xlsx"`,
      );
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(body);
    },
  });
}
