/** The outbox for administrators: every message with its status, error and attempts; retry. */
import { z } from 'zod';
import { DELIVERY_STATUSES, deliveryListQuery, deliveryListSchema } from '../deliveries.api.ts';
import { listDeliveries } from './delivery-list.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { idParams } from '../../../platform/http/contract-fields.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { notificationsPolicy } from './notifications.policy.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';

/** A delivery's status as the outbox shows it in zh-CN, for refusals worded on the server. */
const STATUS_ZH: Record<(typeof DELIVERY_STATUSES)[number], string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  held: '已暂扣',
  dead: '发送失败',
  folded: '已并入汇总',
};

export function registerDeliveryRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;
  const adminOnly = notificationsPolicy.requireAdmin;

  app.get('/api/deliveries', {
    schema: {
      operationId: 'listDeliveries',
      tags: ['notifications'],
      summary:
        'Outbox: messages with status, error, attempts and next attempt (newest first; by status, channel, case)',
      querystring: deliveryListQuery,
      response: { 200: deliveryListSchema },
    },
    handler: async (request) => {
      adminOnly(requireActor(request));
      return { items: await listDeliveries(db, request.query) };
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
          throw new AppError('conflict', `a ${row.status} message is not retried by hand`, {
            zh: `“${STATUS_ZH[row.status]}”的消息不能手动重新发送，只有已暂扣或发送失败的可以`,
          });
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
