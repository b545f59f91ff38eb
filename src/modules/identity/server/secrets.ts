/** Password hashing (argon2id) and random secrets stored only as SHA-256 digests. */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane (~20-40 ms on a server core).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** An argon2id hash in PHC format (`$argon2id$v=19$...`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Constant-time check of a password against its PHC hash; false for malformed hashes. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash computed on every failed lookup so unknown usernames cost as much as known ones. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/** 32 random bytes, URL-safe. */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** A readable one-time password for first start and admin resets (16 chars, ~95 bits). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
