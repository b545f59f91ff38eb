/** Messages and mailboxes for the IMAP tests: a GBK fixture filled in, plain UTF-8 mails, a mailbox on Dovecot. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Client, TestApp } from '../harness/test-app.ts';
import type { DovecotServer } from '../harness/dovecot.ts';
import type { Database } from '../../src/app/database-schema.ts';
import { LocalFileStore } from '../../src/platform/files/file-store.ts';
import { MailboxPoller, type PollLog } from '../../src/modules/mailboxes/server/index.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);

export const uniqueId = (what = 'mail') =>
  `${what}-${crypto.randomBytes(6).toString('hex')}@client.example.cn`;

/** The Foxmail-style GBK fault report (subject 核心交换机端口故障) from `from`. */
export function gbkFaultReport(from: string, messageId = uniqueId()): Buffer {
  const template = fs.readFileSync(new URL('gbk-fault-report.eml', FIXTURES)).toString('latin1');
  // latin1 keeps the GBK bytes as they are; only the ASCII placeholders change.
  return Buffer.from(template.replaceAll('{{FROM}}', from).replaceAll('{{ID}}', messageId), 'latin1');
}

/** A UTF-8 text mail; the subject RFC 2047 encoded as mail clients do. */
export function plainMail(o: { from: string; subject: string; body: string; messageId?: string }): Buffer {
  const subject = `=?UTF-8?B?${Buffer.from(o.subject).toString('base64')}?=`;
  return Buffer.from(
    [
      `From: ${o.from}`,
      'To: support@tac.example.cn',
      `Subject: ${subject}`,
      'Date: Tue, 10 Mar 2026 11:00:00 +0800',
      `Message-ID: <${o.messageId ?? uniqueId()}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      o.body,
      '',
    ].join('\r\n'),
  );
}

let users = 0;
/** A new Dovecot user (its own INBOX) with a password. */
export function newImapUser(dovecot: DovecotServer): { username: string; password: string } {
  const account = {
    username: `tac${++users}${crypto.randomBytes(2).toString('hex')}`,
    password: `pw-${crypto.randomBytes(6).toString('hex')}`,
  };
  dovecot.addUser(account.username, account.password);
  return account;
}

let mailboxes = 0;
/** Adds a mailbox on Dovecot's plain port through the API; returns its view. */
export async function addMailbox(
  admin: Client,
  dovecot: DovecotServer,
  account: { username: string; password: string },
  extra: Record<string, unknown> = {},
) {
  const res = await admin.post('/api/mailboxes', {
    name: `支持邮箱 ${account.username} ${++mailboxes}`,
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    username: account.username,
    password: account.password,
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A background poller as a server process runs it, on the test app's data directory. */
export function testPoller(
  t: TestApp,
  o: { db?: Kysely<Database>; clock: () => Date; log: PollLog; maxMailBytes?: number },
): MailboxPoller {
  return new MailboxPoller({
    db: o.db ?? t.db,
    files: new LocalFileStore({ dataDir: t.config.dataDir }),
    clock: o.clock,
    log: o.log,
    maxMailBytes: o.maxMailBytes ?? 30 * 1024 * 1024,
    clientVersion: 'test',
  });
}
