/**
 * Resolves the caller of a request: a session cookie (people) or a bearer API token
 * (integrations). Inactive users, expired sessions and revoked tokens are anonymous.
 */
import { sql, type Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../../app/database-schema.ts';
import type { Authentication, Authenticator } from '../../../platform/http/request-context.ts';
import { SESSION_COOKIE } from '../../../platform/http/http-server.ts';
import { sha256 } from './secrets.ts';
import { actorForUser } from './user-actor.ts';

const TOUCH_AFTER_MS = 5 * 60_000;

async function fromSession(db: Kysely<Database>, token: string): Promise<Authentication | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .leftJoin('contact', 'contact.id', 'app_user.contact_id')
    .select([
      'user_session.csrf_token',
      'user_session.last_seen_at',
      'app_user.id as user_id',
      'app_user.kind',
      'app_user.display_name',
      'app_user.username',
      'app_user.locale',
      'app_user.branch_id',
      'app_user.contact_id',
      'contact.organisation_id',
      sql<string[]>`(select coalesce(array_agg(role), '{}') from user_role where user_id = app_user.id)`.as(
        'roles',
      ),
    ])
    .where('user_session.id', '=', id)
    .where('user_session.expires_at', '>', new Date())
    .where('app_user.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  const actor = actorForUser({ ...row, id: row.user_id });
  return { actor, via: 'session', csrfToken: row.csrf_token, sessionId: id, locale: row.locale };
}

async function fromToken(db: Kysely<Database>, token: string): Promise<Authentication | null> {
  const row = await db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  const label = `token ${row.prefix} (${row.name})`;
  const actor: Authentication['actor'] =
    row.scope_kind === 'organisation'
      ? {
          kind: 'contact',
          userId: null,
          organisationId: row.scope_organisation_id!,
          contactId: null,
          label,
          tokenId: row.id,
        }
      : {
          kind: 'staff',
          userId: null,
          roles: new Set([row.scope_role!]),
          branchId: null,
          label,
          tokenId: row.id,
        };
  return { actor, via: 'token', csrfToken: null, sessionId: null, locale: null };
}

/** The authenticator the HTTP platform calls on every request. */
export function createAuthenticator(db: Kysely<Database>): Authenticator {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) return fromToken(db, header.slice(7).trim());
    const cookie = request.cookies[SESSION_COOKIE];
    return cookie ? fromSession(db, cookie) : null;
  };
}
