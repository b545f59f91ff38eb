/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { randomSecret, sha256 } from './secrets.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: number,
  meta: { ip: string | null; userAgent: string | null; hours: number },
): Promise<NewSession> {
  const token = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(Date.now() + meta.hours * 3600_000);
  await db
    .insertInto('user_session')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sha256(token)).execute();
}

/** Ends every session of a user (password change, reset, deactivation), optionally but one. */
export async function deleteUserSessions(
  db: Db,
  userId: number,
  keepSessionId?: string | null,
): Promise<void> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}
