/**
 * An administrator registers a monitoring system (Alertmanager or Zabbix) as an alert source.
 * What is left out takes the kind's defaults. The webhook token is in the result only.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { createAlertSourceBody } from '../../alerts.api.ts';
import { SOURCE_DEFAULTS } from '../../alert-rules.ts';
import { alertsPolicy } from '../alerts.policy.ts';
import { newSourceToken } from '../alert-source-token.ts';
import { checkSourceName, checkSourceOrganisation, normalisePriorities } from '../alert-source.repository.ts';
import type { AlertSourceRow } from '../alerts.presenter.ts';

export async function createAlertSource(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof createAlertSourceBody>;
  now: Date;
}): Promise<{ source: AlertSourceRow; token: string }> {
  const { db, ctx, input, now } = opts;
  if (!alertsPolicy.canManageSources(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  await checkSourceOrganisation(db, input.organisationId);
  await checkSourceName(db, input.name);
  const defaults = SOURCE_DEFAULTS[input.kind];
  const priorities = normalisePriorities(input.priorities ?? defaults.priorities);
  const token = newSourceToken();
  return inTransaction(db, ctx, async (uow) => {
    const source = await uow.trx
      .insertInto('alert_source')
      .values({
        name: input.name,
        kind: input.kind,
        organisation_id: input.organisationId ?? null,
        priorities: JSON.stringify(priorities),
        default_priority: input.defaultPriority ?? defaults.defaultPriority,
        auto_resolve: input.autoResolve,
        device_fields: JSON.stringify(input.mapping?.deviceFields ?? defaults.deviceFields),
        site_fields: JSON.stringify(input.mapping?.siteFields ?? defaults.siteFields),
        active: input.active,
        token_hash: token.hash,
        token_prefix: token.prefix,
        created_by: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { token_hash: _hash, ...after } = source;
    await recordEvent(uow, {
      type: 'alert_source.created',
      subjectType: 'alert_source',
      subjectId: source.id,
      organisationId: source.organisation_id,
      after,
    });
    return { source, token: token.token };
  });
}
