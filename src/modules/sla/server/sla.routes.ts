/** The escalation matrix: the default (seed 001) and a service level's own. */
import type { z } from 'zod';
import { idParams } from '../../../platform/http/contract-fields.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { hasRole } from '../../../platform/authz/actor.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { matrixBody, matrixQuery, matrixSchema } from '../sla.api.ts';
import { DEFAULT_MATRIX } from '../escalation-matrix.ts';
import { enqueueJob } from '../../../platform/jobs/job-queue.ts';

const tags = ['sla'];

/** Groups and users named by actions must exist, or the step would fail when it fires. */
async function checkActionTargets(db: Kysely<Database>, steps: z.output<typeof matrixBody>['steps']) {
  for (const [i, step] of steps.entries()) {
    for (const [j, action] of step.actions.entries()) {
      if (action.kind === 'reassign_group') {
        const group = await db
          .selectFrom('support_group')
          .select('id')
          .where('id', '=', action.groupId)
          .where('active', '=', true)
          .executeTakeFirst();
        if (!group)
          throw invalidField(
            `body.steps.${i}.actions.${j}.groupId`,
            'no such active group',
            '没有该支持组，或已停用',
          );
      }
      if (action.kind === 'notify' && action.userIds?.length) {
        const users = await db
          .selectFrom('app_user')
          .select('id')
          .where('id', 'in', action.userIds)
          .where('kind', '=', 'staff')
          .execute();
        const missing = action.userIds.findIndex((id) => !users.some((u) => u.id === id));
        if (missing >= 0)
          throw invalidField(
            `body.steps.${i}.actions.${j}.userIds.${missing}`,
            'not a staff member',
            '不是服务中心员工',
          );
      }
    }
  }
}

export function registerSlaRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.get('/api/escalation-matrix', {
    schema: {
      operationId: 'getEscalationMatrix',
      tags,
      summary: 'The escalation matrix of a service level (or the default, seed 001)',
      querystring: matrixQuery,
      response: { 200: matrixSchema },
    },
    handler: async (request) => {
      if (requireActor(request).kind !== 'staff') throw new AppError('forbidden', 'staff only');
      const levelId = request.query.serviceLevelId ?? null;
      const own = levelId
        ? await db
            .selectFrom('escalation_step')
            .selectAll()
            .where('service_level_id', '=', levelId)
            .orderBy('track')
            .orderBy('elapsed_minutes')
            .execute()
        : [];
      if (own.length === 0)
        return {
          serviceLevelId: levelId,
          isDefault: true,
          steps: DEFAULT_MATRIX.map((s) => ({ ...s, actions: [...s.actions] })),
        };
      return {
        serviceLevelId: levelId,
        isDefault: false,
        steps: own.map((s) => ({
          key: `sl:${s.id}`,
          track: s.track,
          elapsedMinutes: s.elapsed_minutes,
          actions: s.actions,
        })),
      };
    },
  });

  app.put('/api/service-levels/:id/escalation-matrix', {
    schema: {
      operationId: 'setEscalationMatrix',
      tags,
      summary: 'Replace a service level’s escalation matrix (empty: back to the default)',
      params: idParams,
      body: matrixBody,
      response: { 200: matrixSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      if (!hasRole(ctx.actor, 'admin')) throw new AppError('forbidden', 'administrators only');
      const levelId = request.params.id;
      const seen = new Set<string>();
      request.body.steps.forEach((s, i) => {
        const k = `${s.track}:${s.elapsedMinutes}`;
        if (seen.has(k))
          throw invalidField(
            `body.steps.${i}.elapsedMinutes`,
            'two steps of one column at the same time',
            '同一栏在同一时间有两个步骤',
          );
        seen.add(k);
      });
      await checkActionTargets(db, request.body.steps);
      await inTransaction(db, ctx, async (uow) => {
        const level = await uow.trx
          .selectFrom('service_level')
          .select('id')
          .where('id', '=', levelId)
          .forUpdate()
          .executeTakeFirst();
        if (!level) throw notFound('service level');
        const before = await uow.trx
          .selectFrom('escalation_step')
          .selectAll()
          .where('service_level_id', '=', levelId)
          .execute();
        await uow.trx.deleteFrom('escalation_step').where('service_level_id', '=', levelId).execute();
        if (request.body.steps.length) {
          await uow.trx
            .insertInto('escalation_step')
            .values(
              request.body.steps.map((s) => ({
                service_level_id: levelId,
                track: s.track,
                elapsed_minutes: s.elapsedMinutes,
                actions: JSON.stringify(s.actions),
              })),
            )
            .execute();
        }
        // Open cases on this service level follow the new matrix: recomputed after commit.
        await enqueueJob(uow.trx, {
          kind: 'escalation_matrix.changed',
          payload: { serviceLevelId: levelId },
        });
        await recordEvent(uow, {
          type: 'escalation_matrix.changed',
          subjectType: 'service_level',
          subjectId: levelId,
          before,
          after: request.body.steps,
        });
      });
      const own = await db
        .selectFrom('escalation_step')
        .selectAll()
        .where('service_level_id', '=', levelId)
        .orderBy('track')
        .orderBy('elapsed_minutes')
        .execute();
      return own.length
        ? {
            serviceLevelId: levelId,
            isDefault: false,
            steps: own.map((s) => ({
              key: `sl:${s.id}`,
              track: s.track,
              elapsedMinutes: s.elapsed_minutes,
              actions: s.actions,
            })),
          }
        : {
            serviceLevelId: levelId,
            isDefault: true,
            steps: DEFAULT_MATRIX.map((s) => ({ ...s, actions: [...s.actions] })),
          };
    },
  });
}
