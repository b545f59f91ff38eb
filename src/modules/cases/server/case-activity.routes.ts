/** A case's timeline, watchers, links, merges and vendor cases. */
import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  entryBody,
  entrySchema,
  idParams,
  linkBody,
  mergeBody,
  vendorCaseBody,
  vendorCasePatch,
  vendorCaseSchema,
} from '../cases.api.ts';
import { casesPolicy } from './cases.policy.ts';
import { loadVisibleCase } from './case.repository.ts';
import { presentEntry } from './cases.presenter.ts';
import { addCaseEntry } from './commands/add-case-entry.ts';
import { setCaseWatch } from './commands/watch-case.ts';
import { linkCases } from './commands/link-cases.ts';
import { mergeCase } from './commands/merge-case.ts';
import { addVendorCase, updateVendorCase } from './commands/save-vendor-case.ts';
import type { CaseRouteDeps } from './cases.routes.ts';
import type { Selectable } from 'kysely';
import type { VendorCaseTable } from './cases.tables.ts';

const tags = ['cases'];
const ok = z.object({ ok: z.literal(true) });

function presentVendorCase(row: Selectable<VendorCaseTable>) {
  return {
    id: row.id,
    caseId: row.case_id,
    vendor: row.vendor,
    vendorCaseNumber: row.vendor_case_number,
    status: row.status,
    openedAt: row.opened_at.toISOString(),
    notes: row.notes,
  };
}

export function registerCaseActivityRoutes(app: HttpServer, deps: CaseRouteDeps) {
  const { db, clock } = deps;

  app.get('/api/cases/:id/entries', {
    schema: {
      operationId: 'listCaseEntries',
      tags,
      summary: 'The timeline, oldest first (customers see public entries only)',
      params: idParams,
      response: { 200: z.object({ items: z.array(entrySchema) }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const c = await loadVisibleCase(db, actor, request.params.id);
      let query = db.selectFrom('case_entry').selectAll().where('case_id', '=', c.id);
      if (!casesPolicy.canSeeInternal(actor)) query = query.where('visibility', '=', 'public');
      const rows = await query.orderBy('id').limit(5000).execute();
      return { items: rows.map(presentEntry) };
    },
  });

  app.post('/api/cases/:id/entries', {
    schema: {
      operationId: 'addCaseEntry',
      tags,
      summary: 'Reply, internal note or phone-call log',
      params: idParams,
      body: entryBody,
      response: { 201: entrySchema },
    },
    handler: async (request, reply) => {
      const entry = await addCaseEntry({
        db,
        ctx: contextOf(request),
        caseId: request.params.id,
        input: request.body,
        now: clock(),
      });
      return reply.status(201).send(presentEntry(entry));
    },
  });

  app.put('/api/cases/:id/watch', {
    schema: {
      operationId: 'watchCase',
      tags,
      summary: 'Follow the case',
      params: idParams,
      response: { 200: ok },
    },
    handler: async (request) => {
      await setCaseWatch({ db, ctx: contextOf(request), caseId: request.params.id, watching: true });
      return { ok: true as const };
    },
  });

  app.delete('/api/cases/:id/watch', {
    schema: {
      operationId: 'unwatchCase',
      tags,
      summary: 'Stop following the case',
      params: idParams,
      response: { 200: ok },
    },
    handler: async (request) => {
      await setCaseWatch({ db, ctx: contextOf(request), caseId: request.params.id, watching: false });
      return { ok: true as const };
    },
  });

  app.post('/api/cases/:id/links', {
    schema: {
      operationId: 'linkCases',
      tags,
      summary: 'Link to another case',
      params: idParams,
      body: linkBody,
      response: { 200: ok },
    },
    handler: async (request) => {
      await linkCases({ db, ctx: contextOf(request), caseId: request.params.id, ...request.body });
      return { ok: true as const };
    },
  });

  app.post('/api/cases/:id/merge', {
    schema: {
      operationId: 'mergeCase',
      tags,
      summary: 'Merge this duplicate into another case of the same customer',
      params: idParams,
      body: mergeBody,
      response: { 200: ok },
    },
    handler: async (request) => {
      await mergeCase({
        db,
        ctx: contextOf(request),
        caseId: request.params.id,
        ...request.body,
        now: clock(),
      });
      return { ok: true as const };
    },
  });

  app.get('/api/cases/:id/vendor-cases', {
    schema: {
      operationId: 'listVendorCases',
      tags,
      summary: 'Cases opened at upstream vendors',
      params: idParams,
      response: { 200: z.object({ items: z.array(vendorCaseSchema) }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const c = await loadVisibleCase(db, actor, request.params.id);
      const customer = !casesPolicy.canSeeInternal(actor);
      let query = db.selectFrom('vendor_case').selectAll().where('case_id', '=', c.id);
      // A customer sees the vendor's case number, not our notes or the task to open one.
      if (customer) query = query.where('status', '!=', 'requested');
      const rows = await query.orderBy('id').execute();
      return { items: rows.map((r) => ({ ...presentVendorCase(r), notes: customer ? null : r.notes })) };
    },
  });

  app.post('/api/cases/:id/vendor-cases', {
    schema: {
      operationId: 'addVendorCase',
      tags,
      summary: 'Record a case opened at the vendor',
      params: idParams,
      body: vendorCaseBody,
      response: { 201: vendorCaseSchema },
    },
    handler: async (request, reply) => {
      const row = await addVendorCase({
        db,
        ctx: contextOf(request),
        caseId: request.params.id,
        input: request.body,
        now: clock(),
      });
      return reply.status(201).send(presentVendorCase(row));
    },
  });

  app.patch('/api/vendor-cases/:id', {
    schema: {
      operationId: 'updateVendorCase',
      tags,
      summary: 'Update a vendor case (number, status, notes)',
      params: idParams,
      body: vendorCasePatch,
      response: { 200: vendorCaseSchema },
    },
    handler: async (request) =>
      presentVendorCase(
        await updateVendorCase({
          db,
          ctx: contextOf(request),
          vendorCaseId: request.params.id,
          input: request.body,
          now: clock(),
        }),
      ),
  });
}
