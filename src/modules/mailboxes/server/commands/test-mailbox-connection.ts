/**
 * An administrator tries a mailbox's settings, saved or about to be: connect, sign in, look at
 * the folder. The answer names the problem (host unknown, refused, TLS, password, folder …)
 * instead of failing the request; nothing is written.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { openSecretOrNull, SecretUnreadable } from '../../../../platform/crypto/secret-box.ts';
import { DEFAULT_PORTS, type ConnectionTest, type MailboxSecurity } from '../../mailboxes.api.ts';
import { mailboxesPolicy } from '../mailboxes.policy.ts';
import { loadMailbox } from '../mailboxes.repository.ts';
import { connectImap, describeImapError, disconnectImap } from '../imap-connection.ts';

export interface ConnectionSettings {
  host: string;
  port?: number | undefined;
  security: MailboxSecurity;
  username: string;
  /** Left out: the stored password of `mailboxId`. */
  password?: string | undefined;
  folder: string;
  mailboxId?: number | undefined;
}

export async function testMailboxConnection(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  /** The settings to try; a mailbox id alone tries the saved mailbox as it is. */
  settings: ConnectionSettings | { mailboxId: number };
  clientVersion: string;
}): Promise<ConnectionTest> {
  if (!mailboxesPolicy.canManageMailboxes(opts.ctx.actor))
    throw new AppError('forbidden', 'administrators only');
  const settings = await resolveSettings(opts.db, opts.settings);
  if (settings.password === null) return failed('secret', new SecretUnreadable().message);
  let client;
  try {
    client = await connectImap(
      { ...settings, port: settings.port ?? DEFAULT_PORTS[settings.security], password: settings.password },
      { clientVersion: opts.clientVersion },
    );
  } catch (error) {
    const failure = describeImapError(error);
    return failed(failure.problem, failure.message);
  }
  try {
    const status = await client.status(settings.folder, { messages: true, unseen: true });
    if (!status)
      return {
        ...failed('folder', `the folder ${settings.folder} does not exist`),
        server: serverOf(client),
      };
    return {
      ok: true,
      error: null,
      server: serverOf(client),
      folder: { path: status.path, messages: status.messages ?? 0, unseen: status.unseen ?? 0 },
    };
  } catch (error) {
    const failure = describeImapError(error);
    return { ...failed(failure.problem, failure.message), server: serverOf(client) };
  } finally {
    await disconnectImap(client);
  }
}

type Resolved = Omit<ConnectionSettings, 'password'> & { password: string | null };

async function resolveSettings(
  db: Kysely<Database>,
  given: ConnectionSettings | { mailboxId: number },
): Promise<Resolved> {
  if (!('host' in given)) {
    const row = await loadMailbox(db, given.mailboxId);
    return { ...row, password: openSecretOrNull(row.password_sealed) };
  }
  if (given.password !== undefined) return { ...given, password: given.password };
  if (given.mailboxId === undefined)
    throw invalidField(
      'body.password',
      'required unless the settings of a saved mailbox are tried',
      '必填（测试已保存邮箱的设置时可不填）',
    );
  const row = await loadMailbox(db, given.mailboxId);
  return { ...given, password: openSecretOrNull(row.password_sealed) };
}

function failed(problem: NonNullable<ConnectionTest['error']>['problem'], message: string): ConnectionTest {
  return { ok: false, error: { problem, message }, server: null, folder: null };
}

function serverOf(client: { serverInfo: Record<string, unknown> | null }): Record<string, string> | null {
  if (!client.serverInfo) return null;
  const entries = Object.entries(client.serverInfo).filter(([, v]) => typeof v === 'string') as [
    string,
    string,
  ][];
  return entries.length ? Object.fromEntries(entries) : null;
}
