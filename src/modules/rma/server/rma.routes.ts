/** RMA routes: the spare request on a case, each step of the flow, lists and the monthly report. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { preferredLocale } from '../../../platform/http/problem.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { loadVisibleCase } from '../../cases/server/index.ts';
import {
  cancelRmaBody,
  confirmRmaBody,
  fulfilRmaBody,
  idParams,
  receiveFaultyBody,
  receivePartBody,
  replaceBody,
  requestRmaBody,
  returnToVendorBody,
  rmaListQuery,
  rmaListSchema,
  rmaReportQuery,
  rmaReportSchema,
  rmaSchema,
  vendorRmaBody,
} from '../rma.api.ts';
import { rmaPolicy } from './rma.policy.ts';
import { presentRma } from './rma.presenter.ts';
import { countRmasByGroup, listRmas, loadVisibleRma } from './rma.repository.ts';
import { rmaMonthlyReport, rmaReportToXlsx } from './rma-report.ts';
import { requestRma } from './commands/request-rma.ts';
import { confirmRma } from './commands/confirm-rma.ts';
import { fulfilRma } from './commands/fulfil-rma.ts';
import { openVendorRma, receiveVendorPart } from './commands/vendor-rma.ts';
import { replacePart } from './commands/replace-part.ts';
import { receiveFaultyPart, returnToVendor } from './commands/return-faulty.ts';
import { cancelRma } from './commands/cancel-rma.ts';
import { addAssetHistorySource } from '../../assets/server/index.ts';
import { rmaAssetHistory } from './rma-asset-history.ts';

export interface RmaRouteDeps {
  db: Kysely<Database>;
  clock: () => Date;
}

const tags = ['rma'];

export function registerRmaRoutes(app: HttpServer, deps: RmaRouteDeps) {
  const { db, clock } = deps;
  addAssetHistorySource(rmaAssetHistory);

  const view = async (request: Parameters<typeof requireActor>[0], id: number) => {
    const actor = requireActor(request);
    return presentRma(await loadVisibleRma(db, actor, id), actor, clock());
  };

  app.post('/api/cases/:id/rmas', {
    schema: {
      operationId: 'requestRma',
      tags,
      summary: 'Hardware fault: request a spare part for the case (the case goes to RMA pending)',
      params: idParams,
      body: requestRmaBody,
      response: { 201: rmaSchema },
    },
    handler: async (request, reply) => {
      const id = await requestRma({
        db,
        ctx: contextOf(request),
        caseId: request.params.id,
        input: request.body,
        now: clock(),
      });
      return reply.status(201).send(await view(request, id));
    },
  });

  app.get('/api/cases/:id/rmas', {
    schema: {
      operationId: 'listCaseRmas',
      tags,
      summary: "The case's RMAs, newest first",
      params: idParams,
      response: { 200: rmaListSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      await loadVisibleCase(db, actor, request.params.id);
      const { rows, nextBefore } = await listRmas(
        db,
        actor,
        { caseId: request.params.id, limit: 200 },
        clock(),
      );
      return { items: rows.map((r) => presentRma(r, actor, clock())), nextBefore };
    },
  });

  app.get('/api/rmas', {
    schema: {
      operationId: 'listRmas',
      tags,
      summary:
        'RMAs with filters (state or "open", board tab, branch, customer, late returns, number/serial), newest first; optionally the count per tab',
      querystring: rmaListQuery,
      response: { 200: rmaListSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const now = clock();
      const { rows, nextBefore } = await listRmas(db, actor, request.query, now);
      const items = rows.map((r) => presentRma(r, actor, now));
      if (!request.query.withCounts) return { items, nextBefore };
      return { items, nextBefore, counts: await countRmasByGroup(db, actor, request.query, now) };
    },
  });

  const requireReporter = (request: Parameters<typeof requireActor>[0]) => {
    if (!rmaPolicy.canReport(requireActor(request)))
      throw new AppError('forbidden', 'RMA reports are for the service centre');
  };

  app.get('/api/rmas/report', {
    schema: {
      operationId: 'rmaMonthlyReport',
      tags,
      summary: 'Monthly RMA report per branch: requests, sources, time to replace, returns and late returns',
      querystring: rmaReportQuery,
      response: { 200: rmaReportSchema },
    },
    handler: async (request) => {
      requireReporter(request);
      return rmaMonthlyReport(db, request.query, clock());
    },
  });

  app.get('/api/rmas/report.xlsx', {
    schema: {
      operationId: 'rmaMonthlyReportXlsx',
      tags,
      summary: 'The monthly RMA report as xlsx, in the caller’s language',
      querystring: rmaReportQuery,
    },
    handler: async (request, reply) => {
      requireReporter(request);
      const report = await rmaMonthlyReport(db, request.query, clock());
      const body = await rmaReportToXlsx(report, preferredLocale(request));
      reply.header('content-disposition', `attachment; filename="rma-${report.month}.xlsx"`);
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(body);
    },
  });

  app.get('/api/rmas/:id', {
    schema: {
      operationId: 'getRma',
      tags,
      summary: 'One RMA',
      params: idParams,
      response: { 200: rmaSchema },
    },
    handler: async (request) => view(request, request.params.id),
  });

  const step = <B extends z.ZodType>(
    path: string,
    operationId: string,
    summary: string,
    body: B,
    run: (args: {
      request: Parameters<typeof contextOf>[0];
      id: number;
      body: z.infer<B>;
      now: Date;
    }) => Promise<void>,
  ) =>
    app.post(`/api/rmas/:id/${path}`, {
      schema: { operationId, tags, summary, params: idParams, body, response: { 200: rmaSchema } },
      handler: async (request) => {
        const { id } = request.params as { id: number };
        await run({ request, id, body: request.body as z.infer<B>, now: clock() });
        return view(request, id);
      },
    });

  step(
    'confirm',
    'confirmRma',
    'The customer confirms the spare request (portal), or staff record it',
    confirmRmaBody,
    (a) => confirmRma({ db, ctx: contextOf(a.request), rmaId: a.id, note: a.body.note, now: a.now }),
  );
  step(
    'fulfil',
    'fulfilRma',
    "Stock check: issue a spare from the branch's store, or wait for the vendor's part",
    fulfilRmaBody,
    (a) => fulfilRma({ db, ctx: contextOf(a.request), rmaId: a.id, now: a.now }),
  );
  step(
    'vendor-rma',
    'openVendorRma',
    'Record the vendor RMA number and the delivery route',
    vendorRmaBody,
    (a) => openVendorRma({ db, ctx: contextOf(a.request), rmaId: a.id, ...a.body, now: a.now }),
  );
  step(
    'receive-part',
    'receiveRmaPart',
    "Register the vendor's good part (serial, RMA number); the faulty part is due back in 10 working days",
    receivePartBody,
    (a) => receiveVendorPart({ db, ctx: contextOf(a.request), rmaId: a.id, ...a.body, now: a.now }),
  );
  step(
    'replace',
    'replaceRmaPart',
    'The engineer replaced the part: the installed base swaps serials',
    replaceBody,
    (a) => replacePart({ db, ctx: contextOf(a.request), rmaId: a.id, ...a.body, now: a.now }),
  );
  step(
    'receive-faulty',
    'receiveFaultyPart',
    'The faulty part is back with the spare-parts clerk',
    receiveFaultyBody,
    (a) =>
      receiveFaultyPart({ db, ctx: contextOf(a.request), rmaId: a.id, serial: a.body.serial, now: a.now }),
  );
  step(
    'return-to-vendor',
    'returnRmaToVendor',
    'The faulty part is sent back to the vendor',
    returnToVendorBody,
    (a) =>
      returnToVendor({ db, ctx: contextOf(a.request), rmaId: a.id, waybill: a.body.waybill, now: a.now }),
  );
  step('cancel', 'cancelRma', 'Cancel a spare request before any part has moved', cancelRmaBody, (a) =>
    cancelRma({ db, ctx: contextOf(a.request), rmaId: a.id, reason: a.body.reason, now: a.now }),
  );
}
