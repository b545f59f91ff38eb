/**
 * Webhook tokens of alert sources, kept like API tokens (identity): 32 random bytes shown once,
 * only the SHA-256 digest stored; a presented token is compared with the digest in constant time.
 */
import crypto from 'node:crypto';
import { randomSecret, sha256 } from '../../identity/server/index.ts';

const PREFIX = 'tacalert_';

export interface NewSourceToken {
  token: string;
  hash: string;
  /** The first characters, to tell tokens apart in lists. */
  prefix: string;
}

export function newSourceToken(): NewSourceToken {
  const token = `${PREFIX}${randomSecret(32)}`;
  return { token, hash: sha256(token), prefix: token.slice(0, PREFIX.length + 6) };
}

/** The bearer token of an `Authorization` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Whether `presented` is the token whose digest is `storedHash` (constant time). */
export function tokenMatches(storedHash: string, presented: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
