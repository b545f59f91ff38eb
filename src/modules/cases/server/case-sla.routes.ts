/** A case's SLA clocks and escalation schedule, and acknowledging a fired step. */
import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { caseSlaSchema } from '../../sla/sla.api.ts';
import { acknowledgeEscalation, caseSla } from '../../sla/server/index.ts';
import { idParams } from '../cases.api.ts';
import { canSeeCase, loadVisibleCase } from './case.repository.ts';
import type { CaseRouteDeps } from './cases.routes.ts';

export function registerCaseSlaRoutes(app: HttpServer, deps: CaseRouteDeps) {
  const { db, clock } = deps;

  app.get('/api/cases/:id/sla', {
    schema: {
      operationId: 'getCaseSla',
      tags: ['cases'],
      summary: 'SLA clocks and the escalation schedule (fired, acknowledged, pending)',
      params: idParams,
      response: { 200: caseSlaSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const c = await loadVisibleCase(db, actor, request.params.id);
      if (actor.kind !== 'staff') throw new AppError('forbidden', 'staff only');
      return caseSla(db, c.id, clock());
    },
  });

  app.post('/api/escalations/:id/acknowledge', {
    schema: {
      operationId: 'acknowledgeEscalation',
      tags: ['cases'],
      summary: 'Acknowledge a fired escalation step (who, when)',
      params: idParams,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const row = await db
        .selectFrom('case_escalation')
        .select(['id', 'case_id'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('escalation');
      // Another organisation's: the same 404 as a missing id.
      const visible = await canSeeCase(db, ctx.actor, row.case_id);
      if (!visible) throw notFound('escalation');
      await acknowledgeEscalation({ db, ctx, escalationId: row.id, now: clock() });
      return { ok: true as const };
    },
  });
}
