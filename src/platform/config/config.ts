/**
 * Runtime configuration, read once from the environment. Every variable is documented in
 * README.md ("Configuration"); a bad value stops the process with a message naming it.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from '../crypto/secret-box.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  TACDESK_DATA_DIR: z.string().default('./data'),
  TACDESK_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  TACDESK_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  TACDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TACDESK_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  TACDESK_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TACDESK_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TACDESK_WORKER: z.enum(['true', 'false']).default('true'),
  /** Test mode: a movable clock (POST /api/test/clock) for browser journeys. Never in production. */
  TACDESK_TEST_MODE: z.enum(['true', 'false']).default('false'),
  TACDESK_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  TACDESK_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  TACDESK_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  TACDESK_MAX_ATTACHMENT_MB: z.coerce.number().int().min(1).max(1024).default(25),
  TACDESK_PUBLIC_URL: z.url().default('http://localhost:8080'),
  TACDESK_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  TACDESK_MAIL_FROM: z.string().min(3).default('TACdesk <tacdesk@localhost>'),
  /** Seals stored secrets (platform/crypto/secret-box.ts); else `<dataDir>/secret.key`. */
  TACDESK_SECRET_KEY: z
    .string()
    .transform((value, ctx) => {
      try {
        return parseSecretKey(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  TACDESK_MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(30 * 1024 * 1024),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolMax: number;
  adminPassword: string | undefined;
  logLevel: z.infer<typeof envSchema>['TACDESK_LOG_LEVEL'];
  sessionHours: number;
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  runWorker: boolean;
  /** A movable clock and its test-only route (TACDESK_TEST_MODE). */
  testMode: boolean;
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  /** Largest attachment accepted, in bytes. */
  maxAttachmentBytes: number;
  /** The address people reach TACdesk at (links in mails). */
  publicUrl: string;
  /** Outbound mail; without it, mails are held in the outbox. */
  smtp: { url: string; from: string } | null;
  /** Largest inbound e-mail accepted (IMAP and the mail-gate), in bytes; larger ones are rejected. */
  maxMailBytes: number;
  /** The key sealing stored secrets (TACDESK_SECRET_KEY); null: the data directory's key file. */
  secretKey: Buffer | null;
}

/** Reads and validates the environment; throws an Error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`FOO=`) means unset, as in most deployment tools.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TACDESK_DATA_DIR),
    dbPoolMax: e.TACDESK_DB_POOL_MAX,
    adminPassword: e.TACDESK_ADMIN_PASSWORD,
    logLevel: e.TACDESK_LOG_LEVEL,
    sessionHours: e.TACDESK_SESSION_HOURS,
    cookieSecure: e.TACDESK_COOKIE_SECURE === 'auto' ? 'auto' : e.TACDESK_COOKIE_SECURE === 'true',
    trustProxy: e.TACDESK_TRUST_PROXY === 'true',
    runWorker: e.TACDESK_WORKER === 'true',
    testMode: e.TACDESK_TEST_MODE === 'true',
    login: {
      maxFailures: e.TACDESK_LOGIN_MAX_FAILURES,
      lockMinutes: e.TACDESK_LOGIN_LOCK_MINUTES,
      ratePerMinute: e.TACDESK_LOGIN_RATE_PER_MINUTE,
    },
    maxAttachmentBytes: e.TACDESK_MAX_ATTACHMENT_MB * 1024 * 1024,
    publicUrl: e.TACDESK_PUBLIC_URL,
    smtp: e.TACDESK_SMTP_URL ? { url: e.TACDESK_SMTP_URL, from: e.TACDESK_MAIL_FROM } : null,
    secretKey: e.TACDESK_SECRET_KEY ?? null,
    maxMailBytes: e.TACDESK_MAIL_MAX_BYTES,
  };
}
