/**
 * Secrets at rest (IMAP passwords, SMS access keys, robot and webhook secrets): sealed with
 * AES-256-GCM under the installation's secret key as `v1:<iv>.<tag>.<ciphertext>` (base64url),
 * so a database dump or a backup alone does not give them away, and a changed byte is detected.
 *
 * The key comes from TACDESK_SECRET_KEY (32 bytes, base64) or, without it, from
 * `<dataDir>/secret.key`, created (0600) the first time a secret is sealed or opened. Several
 * processes on one PostgreSQL database must share the key: set TACDESK_SECRET_KEY on each. The
 * key is never in the database, so it must be backed up separately.
 *
 * A value without the `v1:` prefix was written before sealing existed: it is read as it is and
 * sealed on its next save.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_FILE_NAME = 'secret.key';

/** Sealing and opening with one key. */
export class SecretBox {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`a secret key is ${KEY_BYTES} bytes`);
    this.#key = key;
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return PREFIX + parts.join('.');
  }

  /** The plaintext, or null when another key sealed it or it was altered. */
  tryOpen(sealed: string): string | null {
    if (!isSealed(sealed)) return null;
    const [iv, tag, body, extra] = sealed.slice(PREFIX.length).split('.');
    if (iv === undefined || tag === undefined || body === undefined || extra !== undefined) return null;
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, ivBytes);
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return null;
    }
  }
}

/** A stored secret that cannot be opened with this process's key. */
export class SecretUnreadable extends Error {
  constructor() {
    super(
      'a stored secret was sealed with another secret key: give this process the key it was sealed ' +
        `with (TACDESK_SECRET_KEY, or the data directory's ${KEY_FILE_NAME}) or enter the secret again`,
    );
    this.name = 'SecretUnreadable';
  }
}

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/** A key as TACDESK_SECRET_KEY and the key file hold it: 32 bytes in standard base64. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES)
    throw new Error(
      `must be ${KEY_BYTES} random bytes in base64, e.g. the output of \`openssl rand -base64 32\``,
    );
  return key;
}

/**
 * The key in `<dataDir>/secret.key`, made on first use. Written to a private temporary file and
 * linked into place, so two processes starting together agree on one key and none reads half a file.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE_NAME);
  const read = () => {
    try {
      return parseSecretKey(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${crypto.randomBytes(KEY_BYTES).toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return read();
}

// ---- The process's keys --------------------------------------------------------------------

interface KeySource {
  label: string;
  load: () => Buffer;
  box?: SecretBox;
}

/**
 * Every key this process was configured with; the newest seals. A server holds one; a test
 * process builds many apps, each with its own data directory, and each app must still open
 * what it sealed.
 */
const sources: KeySource[] = [];

const boxOf = (source: KeySource): SecretBox => (source.box ??= new SecretBox(source.load()));

/**
 * Names the key of this installation (configuration: TACDESK_SECRET_KEY, else the data
 * directory's key file). Called by every entry point (CLI, buildApp); nothing is read until a
 * secret is sealed or opened.
 */
export function configureSecretKey(o: { secretKey: Buffer | null; dataDir: string }): void {
  const label = o.secretKey
    ? `env:${crypto.createHash('sha256').update(o.secretKey).digest('hex')}`
    : `file:${path.join(path.resolve(o.dataDir), KEY_FILE_NAME)}`;
  const index = sources.findIndex((s) => s.label === label);
  const source = index >= 0 ? sources.splice(index, 1)[0]! : { label, load: keyLoader(o) };
  sources.push(source);
}

function keyLoader(o: { secretKey: Buffer | null; dataDir: string }): () => Buffer {
  const key = o.secretKey;
  return key ? () => key : () => loadOrCreateKeyFile(o.dataDir);
}

function sealingBox(): SecretBox {
  const newest = sources.at(-1);
  if (!newest) throw new Error('no secret key configured (configureSecretKey was not called)');
  return boxOf(newest);
}

/** Seals a secret for storage. */
export function sealSecret(plain: string): string {
  return sealingBox().seal(plain);
}

/** A stored secret in plaintext; a value stored before sealing existed is returned as it is. */
export function openSecret(stored: string): string {
  if (!isSealed(stored)) return stored;
  // The newest key first; older ones only if already in use (never a key file made just to try it).
  const boxes = [
    sealingBox(),
    ...sources
      .slice(0, -1)
      .flatMap((s) => (s.box ? [s.box] : []))
      .reverse(),
  ];
  for (const box of boxes) {
    const plain = box.tryOpen(stored);
    if (plain !== null) return plain;
  }
  throw new SecretUnreadable();
}

/** A stored secret in plaintext, or null when no key of this installation opens it. */
export function openSecretOrNull(stored: string): string | null {
  try {
    return openSecret(stored);
  } catch (error) {
    if (error instanceof SecretUnreadable) return null;
    throw error;
  }
}
