/** An administrator changes an alert source: name, customer, priorities, mapping, auto-resolve, active. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { updateAlertSourceBody } from '../../alerts.api.ts';
import { alertsPolicy } from '../alerts.policy.ts';
import {
  checkSourceName,
  checkSourceOrganisation,
  loadAlertSource,
  normalisePriorities,
} from '../alert-source.repository.ts';
import type { AlertSourceRow } from '../alerts.presenter.ts';

export async function updateAlertSource(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  sourceId: number;
  input: z.output<typeof updateAlertSourceBody>;
  now: Date;
}): Promise<AlertSourceRow> {
  const { db, ctx, input, now } = opts;
  if (!alertsPolicy.canManageSources(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  await loadAlertSource(db, opts.sourceId);
  if (input.organisationId !== undefined) await checkSourceOrganisation(db, input.organisationId);
  if (input.name !== undefined) await checkSourceName(db, input.name, opts.sourceId);
  const priorities = input.priorities === undefined ? undefined : normalisePriorities(input.priorities);
  return inTransaction(db, ctx, async (uow) => {
    const before = await loadAlertSource(uow.trx, opts.sourceId, { forUpdate: true });
    const after = await uow.trx
      .updateTable('alert_source')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.organisationId !== undefined && { organisation_id: input.organisationId ?? null }),
        ...(priorities !== undefined && { priorities: JSON.stringify(priorities) }),
        ...(input.defaultPriority !== undefined && { default_priority: input.defaultPriority }),
        ...(input.autoResolve !== undefined && { auto_resolve: input.autoResolve }),
        ...(input.mapping?.deviceFields !== undefined && {
          device_fields: JSON.stringify(input.mapping.deviceFields),
        }),
        ...(input.mapping?.siteFields !== undefined && {
          site_fields: JSON.stringify(input.mapping.siteFields),
        }),
        ...(input.active !== undefined && { active: input.active }),
        updated_at: now,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { token_hash: _b, ...beforeView } = before;
    const { token_hash: _a, ...afterView } = after;
    await recordEvent(uow, {
      type: 'alert_source.updated',
      subjectType: 'alert_source',
      subjectId: after.id,
      organisationId: after.organisation_id,
      before: beforeView,
      after: afterView,
    });
    return after;
  });
}
