/**
 * Bulk assignment from the queue: several cases onto one engineer's desk. Each case goes through
 * the ordinary assign command in its own transaction (its permission and state checks included),
 * so some may be assigned while others are refused; the answer says which and why.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { contextOf } from '../../../platform/http/request-context.ts';
import { bulkAssignBody, bulkAssignResult } from '../saved-views.api.ts';
import { casesPolicy } from './cases.policy.ts';
import { checkAssignee } from './case-checks.ts';
import { assignCase } from './commands/assign-case.ts';

export function registerBulkAssignRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;

  app.post('/api/cases/bulk-assign', {
    schema: {
      operationId: 'bulkAssignCases',
      tags: ['cases'],
      summary: 'Assign up to 100 cases to one engineer; answers per case whether it was assigned',
      body: bulkAssignBody,
      response: { 200: bulkAssignResult },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
      const { caseIds, assigneeId, reason } = request.body;
      await checkAssignee(db, assigneeId);
      const items = [];
      for (const id of new Set(caseIds)) {
        try {
          await assignCase({ db, ctx, caseId: id, input: { assigneeId, reason }, now: clock() });
          items.push({ id, ok: true });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          items.push({ id, ok: false, error: { code: error.code, message: error.message } });
        }
      }
      return { items };
    },
  });
}
