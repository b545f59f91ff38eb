/** The outbox for administrators: every message with its status, error and attempts; retry. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { idParams } from '../../../platform/http/contract-fields.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { notificationsPolicy } from './notifications.policy.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';

const STATUSES = ['pending', 'sending', 'sent', 'held', 'dead', 'folded'] as const;
const deliverySchema = z.object({
  id: z.number(),
  caseId: z.number().nullable(),
  channel: z.string(),
  recipient: z.string(),
  template: z.string(),
  locale: z.string(),
  status: z.enum(STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Over a robot's rate limit: the digest message that carried this one. */
  foldedIntoId: z.number().nullable(),
});
const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  caseId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export function registerDeliveryRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;
  const adminOnly = notificationsPolicy.requireAdmin;

  app.get('/api/deliveries', {
    schema: {
      operationId: 'listDeliveries',
      tags: ['notifications'],
      summary: 'Outbox: messages with status, error and attempts (newest first)',
      querystring: listQuery,
      response: { 200: z.object({ items: z.array(deliverySchema) }) },
    },
    handler: async (request) => {
      adminOnly(requireActor(request));
      const f = request.query;
      let query = db.selectFrom('delivery').selectAll();
      if (f.status) query = query.where('status', '=', f.status);
      if (f.caseId) query = query.where('case_id', '=', f.caseId);
      if (f.before) query = query.where('id', '<', f.before);
      const rows = await query.orderBy('id', 'desc').limit(f.limit).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          caseId: r.case_id,
          channel: r.channel,
          recipient: r.recipient,
          template: r.template,
          locale: r.locale,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: r.created_at.toISOString(),
          sentAt: r.sent_at?.toISOString() ?? null,
          foldedIntoId: r.folded_into_id,
        })),
      };
    },
  });

  app.post('/api/deliveries/:id/retry', {
    schema: {
      operationId: 'retryDelivery',
      tags: ['notifications'],
      summary: 'Send a held or dead message again',
      params: idParams,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      adminOnly(ctx.actor);
      await inTransaction(db, ctx, async (uow) => {
        const row = await uow.trx
          .selectFrom('delivery')
          .select(['id', 'status'])
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw notFound('delivery');
        if (row.status !== 'dead' && row.status !== 'held')
          throw new AppError('conflict', `a ${row.status} message is not retried by hand`);
        await uow.trx
          .updateTable('delivery')
          .set({ status: 'pending', attempts: 0, next_attempt_at: new Date() })
          .where('id', '=', row.id)
          .execute();
        await recordEvent(uow, {
          type: 'delivery.retried',
          subjectType: 'delivery',
          subjectId: row.id,
          before: { status: row.status },
          after: { status: 'pending' },
        });
      });
      return { ok: true as const };
    },
  });
}
