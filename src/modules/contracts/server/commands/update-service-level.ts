/**
 * An administrator changes a service level: names, active flag, the per-priority targets. Open
 * cases read their targets from the level, so their due times are recomputed after commit.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { enqueueJob } from '../../../../platform/jobs/job-queue.ts';
import type { serviceLevelPatch } from '../../contracts.api.ts';
import { contractsPolicy } from '../contracts.policy.ts';

export async function updateServiceLevel(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: z.output<typeof serviceLevelPatch>;
}): Promise<number> {
  if (!contractsPolicy.canWriteServiceLevels(opts.ctx.actor))
    throw new AppError('forbidden', 'administrators only');
  const { input } = opts;
  if (input.targets) {
    const calendarIds = [...new Set(input.targets.map((t) => t.calendarId))];
    const calendars = await opts.db
      .selectFrom('business_calendar')
      .select('id')
      .where('id', 'in', calendarIds)
      .execute();
    const missing = calendarIds.find((cid) => !calendars.some((c) => c.id === cid));
    if (missing)
      throw invalidField(
        `body.targets.${input.targets.findIndex((t) => t.calendarId === missing)}.calendarId`,
        'no such calendar',
        '没有这个工作日历',
      );
  }
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('service_level')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('service level');
    const beforeTargets = await uow.trx
      .selectFrom('service_level_target')
      .selectAll()
      .where('service_level_id', '=', opts.id)
      .orderBy('priority')
      .execute();
    await uow.trx
      .updateTable('service_level')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.nameEn !== undefined && { name_en: input.nameEn ?? null }),
        ...(input.active !== undefined && { active: input.active }),
        updated_at: new Date(),
      })
      .where('id', '=', opts.id)
      .execute();
    if (input.targets) {
      await uow.trx.deleteFrom('service_level_target').where('service_level_id', '=', opts.id).execute();
      await uow.trx
        .insertInto('service_level_target')
        .values(
          input.targets.map((t) => ({
            service_level_id: opts.id,
            priority: t.priority,
            calendar_id: t.calendarId,
            response_minutes: t.responseMinutes,
            diagnosis_minutes: t.diagnosisMinutes,
            resolution_minutes: t.resolutionMinutes,
            pause_on_vendor: t.pauseOnVendor,
          })),
        )
        .execute();
      // Open cases on this level read the new targets: the SLA module recomputes their due times.
      await enqueueJob(uow.trx, { kind: 'escalation_matrix.changed', payload: { serviceLevelId: opts.id } });
    }
    await recordEvent(uow, {
      type: 'service_level.updated',
      subjectType: 'service_level',
      subjectId: opts.id,
      before: { ...before, targets: beforeTargets },
      after: input,
    });
    return opts.id;
  });
}
