/**
 * An administrator issues an API token for an integration, scoped to one staff role or to one
 * customer organisation. The secret is returned once; only its SHA-256 is stored.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { createApiTokenBody } from '../../identity.api.ts';
import { identityPolicy } from '../identity.policy.ts';
import { randomSecret, sha256 } from '../secrets.ts';
import { presentApiToken, type ApiTokenRow } from '../api-token.presenter.ts';

export async function createApiToken(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof createApiTokenBody>;
}) {
  if (!identityPolicy.canManageTokens(opts.ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const { input } = opts;
  const scope = input.scope;
  if (scope.kind === 'organisation') {
    const org = await opts.db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', scope.organisationId)
      .executeTakeFirst();
    if (!org) throw invalidField('body.scope.organisationId', 'no such organisation', '没有这个客户');
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date())
    throw invalidField('body.expiresAt', 'must be in the future', '须晚于当前时间');
  const secret = `tac_${randomSecret()}`;
  const actor = opts.ctx.actor;
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const row: ApiTokenRow = await uow.trx
      .insertInto('api_token')
      .values({
        name: input.name,
        token_hash: sha256(secret),
        prefix: secret.slice(0, 10),
        scope_kind: scope.kind,
        scope_role: scope.kind === 'role' ? scope.role : null,
        scope_organisation_id: scope.kind === 'organisation' ? scope.organisationId : null,
        created_by: actor.kind === 'staff' ? actor.userId : null,
        expires_at: expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const token = presentApiToken(row);
    await recordEvent(uow, {
      type: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      after: token,
    });
    return { ...token, token: secret };
  });
}
