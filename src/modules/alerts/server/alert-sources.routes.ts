/** Alert sources for administrators: list, register (token shown once), change, rotate the token, delete. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  alertSourceSchema,
  alertSourceWithTokenSchema,
  createAlertSourceBody,
  idParams,
  updateAlertSourceBody,
} from '../alerts.api.ts';
import { alertsPolicy } from './alerts.policy.ts';
import { presentAlertSources } from './alerts.presenter.ts';
import { loadAlertSource } from './alert-source.repository.ts';
import { createAlertSource } from './commands/create-alert-source.ts';
import { updateAlertSource } from './commands/update-alert-source.ts';
import { rotateAlertSourceToken } from './commands/rotate-alert-source-token.ts';
import { deleteAlertSource } from './commands/delete-alert-source.ts';

const tags = ['alerts'];

export function registerAlertSourceRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date },
) {
  const { db, clock } = deps;
  const adminOnly = (request: Parameters<typeof requireActor>[0]) => {
    if (!alertsPolicy.canManageSources(requireActor(request)))
      throw new AppError('forbidden', 'administrators only');
  };
  const present = async (row: Awaited<ReturnType<typeof loadAlertSource>>) =>
    (await presentAlertSources(db, [row]))[0]!;

  app.get('/api/alert-sources', {
    schema: {
      operationId: 'listAlertSources',
      tags,
      summary: 'Monitoring systems that may post alerts (never their tokens)',
      response: { 200: z.object({ items: z.array(alertSourceSchema) }) },
    },
    handler: async (request) => {
      adminOnly(request);
      const rows = await db.selectFrom('alert_source').selectAll().orderBy('name').limit(500).execute();
      return { items: await presentAlertSources(db, rows) };
    },
  });

  app.post('/api/alert-sources', {
    schema: {
      operationId: 'createAlertSource',
      tags,
      summary: 'Register an Alertmanager or Zabbix source (its webhook token is in this response only)',
      body: createAlertSourceBody,
      response: { 201: alertSourceWithTokenSchema },
    },
    handler: async (request, reply) => {
      const { source, token } = await createAlertSource({
        db,
        ctx: contextOf(request),
        input: request.body,
        now: clock(),
      });
      return reply.status(201).send({ ...(await present(source)), token });
    },
  });

  app.get('/api/alert-sources/:id', {
    schema: {
      operationId: 'getAlertSource',
      tags,
      summary: 'One alert source',
      params: idParams,
      response: { 200: alertSourceSchema },
    },
    handler: async (request) => {
      adminOnly(request);
      return present(await loadAlertSource(db, request.params.id));
    },
  });

  app.patch('/api/alert-sources/:id', {
    schema: {
      operationId: 'updateAlertSource',
      tags,
      summary: 'Change a source: name, customer, severity priorities, mapping, auto-resolve, active',
      params: idParams,
      body: updateAlertSourceBody,
      response: { 200: alertSourceSchema },
    },
    handler: async (request) =>
      present(
        await updateAlertSource({
          db,
          ctx: contextOf(request),
          sourceId: request.params.id,
          input: request.body,
          now: clock(),
        }),
      ),
  });

  app.post('/api/alert-sources/:id/rotate-token', {
    schema: {
      operationId: 'rotateAlertSourceToken',
      tags,
      summary: 'Issue a new webhook token (in this response only); the old one stops working',
      params: idParams,
      response: { 200: alertSourceWithTokenSchema },
    },
    handler: async (request) => {
      const { source, token } = await rotateAlertSourceToken({
        db,
        ctx: contextOf(request),
        sourceId: request.params.id,
        now: clock(),
      });
      return { ...(await present(source)), token };
    },
  });

  app.delete('/api/alert-sources/:id', {
    schema: {
      operationId: 'deleteAlertSource',
      tags,
      summary: 'Delete a source that never delivered an alert (else set it inactive)',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteAlertSource({ db, ctx: contextOf(request), sourceId: request.params.id });
      return reply.status(204).send(null);
    },
  });
}
