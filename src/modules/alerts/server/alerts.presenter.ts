/** Alert sources and received alerts as the API shows them (never a token's digest). */
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import type { alertSchema, alertSourceSchema } from '../alerts.api.ts';
import type { AlertSourceTable } from './alerts.tables.ts';

export type AlertSourceRow = Selectable<AlertSourceTable>;
type AlertSourceView = z.output<typeof alertSourceSchema>;
type AlertView = z.output<typeof alertSchema>;

export async function presentAlertSources(
  db: Kysely<Database>,
  rows: AlertSourceRow[],
): Promise<AlertSourceView[]> {
  const orgIds = [...new Set(rows.map((r) => r.organisation_id).filter((id): id is number => id !== null))];
  const orgs = orgIds.length
    ? await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute()
    : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    organisation:
      r.organisation_id === null
        ? null
        : { id: r.organisation_id, name: orgName.get(r.organisation_id) ?? '' },
    priorities: r.priorities,
    defaultPriority: r.default_priority,
    autoResolve: r.auto_resolve,
    mapping: { deviceFields: r.device_fields, siteFields: r.site_fields },
    active: r.active,
    tokenPrefix: r.token_prefix,
    tokenRotatedAt: r.token_rotated_at?.toISOString() ?? null,
    webhookPath: `/api/alerts/${r.kind}/${r.id}`,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The alerts with these ids, in the order given. */
export async function presentAlerts(db: Kysely<Database>, ids: number[]): Promise<AlertView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('alert')
    .innerJoin('alert_source', 'alert_source.id', 'alert.source_id')
    .leftJoin('organisation', 'organisation.id', 'alert.organisation_id')
    .leftJoin('support_case', 'support_case.id', 'alert.case_id')
    .leftJoin('app_user as handler', 'handler.id', 'alert.handled_by')
    .selectAll('alert')
    .select([
      'alert_source.name as source_name',
      'alert_source.kind as source_kind',
      'organisation.name as organisation_name',
      'support_case.number as case_number',
      'support_case.state as case_state',
      'handler.display_name as handler_name',
    ])
    .where('alert.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      id: r.id,
      source: { id: r.source_id, name: r.source_name, kind: r.source_kind },
      fingerprint: r.fingerprint,
      status: r.status,
      state: r.state,
      name: r.name,
      severity: r.severity,
      device: r.device,
      labels: r.labels,
      annotations: r.annotations,
      startsAt: r.starts_at?.toISOString() ?? null,
      endsAt: r.ends_at?.toISOString() ?? null,
      link: r.link,
      receivedAt: r.received_at.toISOString(),
      organisation:
        r.organisation_id === null ? null : { id: r.organisation_id, name: r.organisation_name ?? '' },
      case:
        r.case_id === null ? null : { id: r.case_id, number: r.case_number ?? '', state: r.case_state ?? '' },
      dismissReason: r.dismiss_reason,
      handledBy: r.handled_by === null ? null : { id: r.handled_by, name: r.handler_name ?? '' },
      handledAt: r.handled_at?.toISOString() ?? null,
    }));
}
