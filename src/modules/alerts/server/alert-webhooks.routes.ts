/**
 * The webhooks monitoring systems post to. They do not sign in: each proves itself with its alert
 * source's token (`Authorization: Bearer <token>`), checked before the payload is even read, so a
 * wrong or missing token answers 401 and records nothing; a bad payload answers 400 naming the field.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { alertmanagerPayload, webhookResultSchema, zabbixPayload } from '../alerts.api.ts';
import type { AlertSourceKind } from '../alert-rules.ts';
import { bearerToken, tokenMatches } from './alert-source-token.ts';
import type { AlertSourceRow } from './alerts.presenter.ts';
import { fromAlertmanager, fromZabbix, type IncomingAlert } from './incoming-alert.ts';
import { alertSourceContext, receiveAlerts } from './commands/receive-alerts.ts';

const tags = ['alerts'];
const sourceParams = z.object({ sourceId: z.coerce.number().int().positive() });

export function registerAlertWebhookRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date },
) {
  const { db, clock } = deps;
  const sources = new WeakMap<FastifyRequest, AlertSourceRow>();

  /** The source named by the path whose token the caller holds; 401 for anything else. */
  const authenticateSource = (kind: AlertSourceKind) => async (request: FastifyRequest) => {
    const refused = new AppError('unauthenticated', 'missing or wrong alert source token', {
      headers: { 'www-authenticate': 'Bearer realm="tacdesk-alerts"' },
    });
    const token = bearerToken(request.headers.authorization);
    const id = Number((request.params as { sourceId?: string }).sourceId);
    if (!token || !Number.isSafeInteger(id) || id <= 0) throw refused;
    const source = await db.selectFrom('alert_source').selectAll().where('id', '=', id).executeTakeFirst();
    if (!source || !tokenMatches(source.token_hash, token)) throw refused;
    // The caller has proved it owns this source: it may learn what is wrong with its setup.
    if (source.kind !== kind)
      throw new AppError(
        'not_found',
        `alert source ${id} is a ${source.kind} source: post to /api/alerts/${source.kind}/${id}`,
        { zh: `告警源 ${id} 是 ${source.kind} 类型，请推送到 /api/alerts/${source.kind}/${id}` },
      );
    if (!source.active)
      throw new AppError('forbidden', `alert source ${id} is inactive`, { zh: `告警源 ${id} 已停用` });
    sources.set(request, source);
  };

  const receive = async (request: FastifyRequest, alerts: IncomingAlert[]) => {
    const source = sources.get(request)!;
    const ctx = alertSourceContext(source, { requestId: String(request.id), ip: request.ip });
    const results = await receiveAlerts({ db, ctx, source, alerts, now: clock(), log: request.log });
    const caseIds = [...new Set(results.map((r) => r.caseId).filter((id): id is number => id !== null))];
    const numbers = caseIds.length
      ? await db.selectFrom('support_case').select(['id', 'number']).where('id', 'in', caseIds).execute()
      : [];
    const numberOf = new Map(numbers.map((c) => [c.id, c.number]));
    return {
      items: results.map((r) => ({
        fingerprint: r.fingerprint,
        status: r.status,
        outcome: r.outcome,
        alertId: r.alertId,
        case: r.caseId === null ? null : { id: r.caseId, number: numberOf.get(r.caseId) ?? '' },
      })),
    };
  };

  app.post('/api/alerts/alertmanager/:sourceId', {
    config: { public: true },
    preValidation: authenticateSource('alertmanager'),
    schema: {
      operationId: 'receiveAlertmanagerAlerts',
      tags,
      summary: 'Prometheus Alertmanager webhook (format v4); Authorization: Bearer <alert source token>',
      security: [{ token: [] }],
      params: sourceParams,
      body: alertmanagerPayload,
      response: { 200: webhookResultSchema },
    },
    handler: async (request) => receive(request, fromAlertmanager(request.body)),
  });

  app.post('/api/alerts/zabbix/:sourceId', {
    config: { public: true },
    preValidation: authenticateSource('zabbix'),
    schema: {
      operationId: 'receiveZabbixAlert',
      tags,
      summary:
        'Zabbix media-type webhook, one event (README: Monitoring alerts); Authorization: Bearer <alert source token>',
      security: [{ token: [] }],
      params: sourceParams,
      body: zabbixPayload,
      response: { 200: webhookResultSchema },
    },
    handler: async (request) => receive(request, [fromZabbix(request.body)]),
  });
}
