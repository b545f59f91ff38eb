/**
 * The alert queue for intake staff and administrators: the list (unmatched ones first of all),
 * one alert, assigning an unmatched one to a customer (and asset), dismissing it with a reason.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  alertListQuery,
  alertListSchema,
  alertSchema,
  assignAlertBody,
  dismissAlertBody,
  idParams,
} from '../alerts.api.ts';
import { alertsPolicy } from './alerts.policy.ts';
import { presentAlerts } from './alerts.presenter.ts';
import { assignAlert } from './commands/assign-alert.ts';
import { dismissAlert } from './commands/dismiss-alert.ts';

const tags = ['alerts'];

export function registerAlertRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  // Refused before the input is looked at: whoever may not work the queue learns nothing from a 400.
  const mayRead = async (request: FastifyRequest) => {
    if (!alertsPolicy.canReadAlerts(requireActor(request)))
      throw new AppError('forbidden', 'intake staff and administrators only');
  };
  const mayHandle = async (request: FastifyRequest) => {
    if (!alertsPolicy.canHandleAlerts(requireActor(request)))
      throw new AppError('forbidden', 'intake staff and administrators only');
  };
  const one = async (id: number) => {
    const [alert] = await presentAlerts(db, [id]);
    if (!alert) throw notFound('alert');
    return alert;
  };

  app.get('/api/alerts', {
    preValidation: mayRead,
    schema: {
      operationId: 'listAlerts',
      tags,
      summary: 'Received alerts, newest first; `state=unmatched` lists those waiting for a customer',
      querystring: alertListQuery,
      response: { 200: alertListSchema },
    },
    handler: async (request) => {
      const f = request.query;
      let query = db.selectFrom('alert').select('id');
      if (f.state) query = query.where('state', '=', f.state);
      if (f.sourceId) query = query.where('source_id', '=', f.sourceId);
      if (f.caseId) query = query.where('case_id', '=', f.caseId);
      if (f.before) query = query.where('id', '<', f.before);
      const rows = await query.orderBy('id', 'desc').limit(f.limit).execute();
      return {
        items: await presentAlerts(
          db,
          rows.map((r) => r.id),
        ),
        nextBefore: rows.length === f.limit ? rows.at(-1)!.id : null,
      };
    },
  });

  app.get('/api/alerts/:id', {
    preValidation: mayRead,
    schema: {
      operationId: 'getAlert',
      tags,
      summary: 'One received alert with its labels, annotations, customer and case',
      params: idParams,
      response: { 200: alertSchema },
    },
    handler: async (request) => one(request.params.id),
  });

  app.post('/api/alerts/:id/assign', {
    preValidation: mayHandle,
    schema: {
      operationId: 'assignAlert',
      tags,
      summary:
        'Name the customer (and optionally the asset) of an unmatched alert: opens its case (channel alert)',
      params: idParams,
      body: assignAlertBody,
      response: { 200: alertSchema },
    },
    handler: async (request) => {
      await assignAlert({
        db,
        ctx: contextOf(request),
        alertId: request.params.id,
        input: request.body,
        now: clock(),
      });
      return one(request.params.id);
    },
  });

  app.post('/api/alerts/:id/dismiss', {
    preValidation: mayHandle,
    schema: {
      operationId: 'dismissAlert',
      tags,
      summary: 'Set aside an unmatched alert that needs no case, saying why',
      params: idParams,
      body: dismissAlertBody,
      response: { 200: alertSchema },
    },
    handler: async (request) => {
      await dismissAlert({
        db,
        ctx: contextOf(request),
        alertId: request.params.id,
        reason: request.body.reason,
        now: clock(),
      });
      return one(request.params.id);
    },
  });
}
