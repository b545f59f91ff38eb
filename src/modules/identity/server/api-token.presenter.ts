/** Shapes API token rows; never exposes the hash. */
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { ApiTokenTable } from './identity.tables.ts';
import type { apiTokenSchema } from '../identity.api.ts';
import type { StaffRole } from '../identity-roles.ts';

export type ApiTokenRow = Selectable<ApiTokenTable>;

export function presentApiToken(row: ApiTokenRow): z.output<typeof apiTokenSchema> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope:
      row.scope_kind === 'role'
        ? { kind: 'role', role: row.scope_role as StaffRole }
        : { kind: 'organisation', organisationId: row.scope_organisation_id! },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
