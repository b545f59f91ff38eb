/** Case intake, queues, detail, life cycle and assignment. Routes stay thin: validate, command, present. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  assignBody,
  diagnosisBody,
  priorityBody,
  updateCaseBody,
  caseListItem,
  caseListQuery,
  caseSchema,
  idParams,
  openCaseBody,
  openCaseResult,
  transitionBody,
} from '../cases.api.ts';
import { CASE_STATES, CHANNELS, PRIORITY_INFO, STATE_INFO } from '../case-status.ts';
import { listCases, loadVisibleCase, type CaseRow } from './case.repository.ts';
import { casesPolicy } from './cases.policy.ts';
import { casesToCsv, casesToXlsx } from './case-export.ts';
import { preferredLocale } from '../../../platform/http/problem.ts';

const EXPORT_LIMIT = 10_000;
import { presentCase, presentCaseListItem } from './cases.presenter.ts';
import { hotlineNumber, reopenWindowDays } from './case-settings.ts';
import { openCase } from './commands/open-case.ts';
import { changeCaseState } from './commands/change-case-state.ts';
import { assignCase } from './commands/assign-case.ts';
import { acceptCase } from './commands/accept-case.ts';
import { updateCase } from './commands/update-case.ts';
import { changeCasePriority } from './commands/change-case-priority.ts';
import { recordDiagnosis } from './commands/record-diagnosis.ts';
import { registerFaxIntakeRoutes } from './fax-intake.routes.ts';

const tags = ['cases'];

export interface CaseRouteDeps {
  db: Kysely<Database>;
  clock: () => Date;
  files: FileStore;
}

export function registerCaseRoutes(app: HttpServer, deps: CaseRouteDeps) {
  const { db, clock } = deps;

  /** The case as this actor sees it now. */
  async function show(actor: Actor, id: number) {
    const row = await loadVisibleCase(db, actor, id);
    // Only a resolved or closed case can be reopened: an open one needs no look at the window.
    const reopenDays = STATE_INFO[row.state].open ? 0 : await reopenWindowDays(db);
    return presentCase(row, actor, clock(), reopenDays);
  }

  registerFaxIntakeRoutes(app, { ...deps, show });

  app.get('/api/cases/meta', {
    schema: {
      operationId: 'getCaseMeta',
      tags,
      summary: 'Priorities with their definitions (seed 001), states and channels, for pickers',
      response: {
        200: z.object({
          priorities: z.array(z.unknown()),
          states: z.array(z.unknown()),
          channels: z.array(z.string()),
          /** Queue tools the caller may use: bulk assignment (dispatchers), sharing saved views. */
          abilities: z.object({ bulkAssign: z.boolean(), shareViews: z.boolean() }),
        }),
      },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      return {
        abilities: {
          bulkAssign: casesPolicy.canDispatch(actor),
          shareViews: casesPolicy.canShareViews(actor),
        },
        priorities: Object.entries(PRIORITY_INFO).map(([p, info]) => ({ priority: Number(p), ...info })),
        states: CASE_STATES.map((s) => ({ state: s, ...STATE_INFO[s] })),
        channels: [...CHANNELS],
      };
    },
  });

  app.post('/api/cases', {
    schema: {
      operationId: 'openCase',
      tags,
      summary: 'Open a case (staff for any customer; a contact for its own organisation)',
      body: openCaseBody,
      response: { 201: openCaseResult },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const { id, callHotline } = await openCase({ db, ctx, input: request.body, now: clock() });
      const notice = callHotline ? { code: 'call_hotline' as const, hotline: await hotlineNumber(db) } : null;
      return reply.status(201).send({ ...(await show(ctx.actor, id)), notice });
    },
  });

  app.get('/api/cases', {
    schema: {
      operationId: 'listCases',
      tags,
      summary:
        'Queues: filters, full-text search (Chinese and English), sort by newest, SLA urgency or relevance; keyset paging',
      querystring: caseListQuery,
      response: { 200: z.object({ items: z.array(caseListItem), nextCursor: z.string().nullable() }) },
    },
    handler: async (request) => {
      const { rows, nextCursor } = await listCases(db, requireActor(request), request.query, clock());
      return { items: rows.map(presentCaseListItem), nextCursor };
    },
  });

  app.get('/api/cases/export', {
    schema: {
      operationId: 'exportCases',
      tags,
      summary: 'The filtered list as CSV (UTF-8 with BOM) or xlsx, up to 10 000 cases',
      querystring: caseListQuery
        .omit({ cursor: true, limit: true })
        .extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const { format, ...filter } = request.query;
      const rows: CaseRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCases(db, actor, { ...filter, limit: 200, cursor }, clock());
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_LIMIT);
      const locale = preferredLocale(request);
      const timeZone = 'Asia/Shanghai';
      const stamp = clock().toISOString().slice(0, 10);
      const body =
        format === 'csv'
          ? casesToCsv(rows.slice(0, EXPORT_LIMIT), locale, timeZone)
          : await casesToXlsx(rows.slice(0, EXPORT_LIMIT), locale, timeZone);
      reply.header('content-disposition', `attachment; filename="cases-${stamp}.${format}"`);
      reply.type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      return reply.send(body);
    },
  });

  app.get('/api/cases/:id', {
    schema: {
      operationId: 'getCase',
      tags,
      summary: 'One case with what the caller may do on it',
      params: idParams,
      response: { 200: caseSchema },
    },
    handler: async (request) => show(requireActor(request), request.params.id),
  });

  app.patch('/api/cases/:id', {
    schema: {
      operationId: 'updateCase',
      tags,
      summary: 'Correct the case’s title, description, category, serial, site, contact or impact',
      params: idParams,
      body: updateCaseBody,
      response: { 200: caseSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await updateCase({ db, ctx, caseId: request.params.id, input: request.body, now: clock() });
      return show(ctx.actor, request.params.id);
    },
  });

  app.post('/api/cases/:id/priority', {
    schema: {
      operationId: 'changeCasePriority',
      tags,
      summary: 'Change the priority (with a reason); the escalation follows the new column',
      params: idParams,
      body: priorityBody,
      response: { 200: caseSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await changeCasePriority({ db, ctx, caseId: request.params.id, ...request.body, now: clock() });
      return show(ctx.actor, request.params.id);
    },
  });

  app.post('/api/cases/:id/diagnosis', {
    schema: {
      operationId: 'recordDiagnosis',
      tags,
      summary: 'Record the diagnosis: the diagnosis target is met and escalation stops',
      params: idParams,
      body: diagnosisBody,
      response: { 200: caseSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await recordDiagnosis({
        db,
        ctx,
        caseId: request.params.id,
        summary: request.body.summary,
        now: clock(),
      });
      return show(ctx.actor, request.params.id);
    },
  });

  app.post('/api/cases/:id/transitions', {
    schema: {
      operationId: 'changeCaseState',
      tags,
      summary: 'Move the case to another state (resolve, close, reopen, wait…)',
      params: idParams,
      body: transitionBody,
      response: { 200: caseSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await changeCaseState({
        db,
        ctx,
        caseId: request.params.id,
        ...request.body,
        now: clock(),
        reopenDays: await reopenWindowDays(db),
      });
      return show(ctx.actor, request.params.id);
    },
  });

  app.post('/api/cases/:id/assign', {
    schema: {
      operationId: 'assignCase',
      tags,
      summary: 'Assign or transfer to an engineer and/or group',
      params: idParams,
      body: assignBody,
      response: { 200: caseSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await assignCase({ db, ctx, caseId: request.params.id, input: request.body, now: clock() });
      return show(ctx.actor, request.params.id);
    },
  });

  app.post('/api/cases/:id/accept', {
    schema: {
      operationId: 'acceptCase',
      tags,
      summary: 'The assignee accepts the case and becomes its owner',
      params: idParams,
      response: { 200: caseSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      await acceptCase({ db, ctx, caseId: request.params.id, now: clock() });
      return show(ctx.actor, request.params.id);
    },
  });
}
