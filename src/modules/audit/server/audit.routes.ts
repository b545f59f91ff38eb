/** Administrators read and filter the audit trail (the domain event log). */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { requireActor } from '../../../platform/http/request-context.ts';
import { auditEventSchema, auditQuery } from '../audit.api.ts';
import { auditPolicy } from './audit.policy.ts';

export function registerAuditRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;
  app.get('/api/audit-events', {
    schema: {
      operationId: 'listAuditEvents',
      tags: ['audit'],
      summary: 'Who changed what, when, before → after (newest first)',
      querystring: auditQuery,
      response: { 200: z.object({ items: z.array(auditEventSchema), nextBefore: z.number().nullable() }) },
    },
    handler: async (request) => {
      if (!auditPolicy.canRead(requireActor(request))) throw new AppError('forbidden', 'administrators only');
      const f = request.query;
      let query = db.selectFrom('domain_event').selectAll();
      if (f.type) query = query.where('type', '=', f.type);
      if (f.subjectType) query = query.where('subject_type', '=', f.subjectType);
      if (f.subjectId) query = query.where('subject_id', '=', f.subjectId);
      if (f.actorId) query = query.where('actor_id', '=', f.actorId);
      if (f.organisationId) query = query.where('organisation_id', '=', f.organisationId);
      if (f.from) query = query.where('occurred_at', '>=', new Date(f.from));
      if (f.to) query = query.where('occurred_at', '<', new Date(f.to));
      if (f.before) query = query.where('id', '<', f.before);
      const rows = await query.orderBy('id', 'desc').limit(f.limit).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          occurredAt: r.occurred_at.toISOString(),
          type: r.type,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          organisationId: r.organisation_id,
          actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
          requestId: r.request_id,
          ip: r.ip,
          before: r.before,
          after: r.after,
          data: r.data,
        })),
        nextBefore: rows.length === f.limit ? rows.at(-1)!.id : null,
      };
    },
  });
}
