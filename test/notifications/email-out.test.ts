/**
 * E-mail out through a real SMTP server started in the test: the outbox is written with the
 * change, sent after commit in the recipient's language with the case number in the subject and
 * threading headers; no value can inject a header; failures back off and end dead, retryable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { sql } from 'kysely';
import { createSmtpMailer } from '../../src/platform/mail/mailer.ts';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';

interface Received {
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let failNext = 0;
let smtp: SMTPServer;
let port: number;
let t: TestApp;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        if (failNext > 0) {
          failNext--;
          const error = new Error('451 mailbox busy, try later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp();
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const sender = () =>
  new DeliverySender({
    db: t.db,
    mailer: createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'TAC 技术支持中心 <tac@example.cn>' }),
    publicUrl: 'https://tac.example.cn',
  });
/** RFC 2047 encoded words (B and Q) back to text. */
const decodeWords = (value: string) =>
  value.replace(/=\?UTF-8\?([BQ])\?(.*?)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
const headersOf = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!;
const header = (raw: string, name: string) =>
  raw.match(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi'))?.[1]?.replace(/\r?\n[ \t]/g, ' ');

test('a new case mails the customer (zh-CN) and the engineer (en), after commit, threaded by case', async () => {
  const engineer = await makeStaff(t, ['tac_engineer']);
  await t.db
    .updateTable('app_user')
    .set({ email: 'engineer@tac.example.cn', locale: 'en' })
    .where('id', '=', engineer.user.id)
    .execute();
  const hotline = await makeStaff(t, ['hotline_operator']);
  const customer = await makeCustomer(t);
  const res = await hotline.client.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: '核心交换机宕机',
    description: '全部业务中断',
    priority: 1,
    assigneeId: engineer.user.id,
  });
  const number = res.json().number;
  const outbox = await t.db.selectFrom('delivery').selectAll().where('case_id', '=', res.json().id).execute();
  assert.equal(outbox.length, 2, 'written with the change');
  assert.ok(outbox.every((d) => d.status === 'pending'));

  assert.equal(await sender().runOnce(), 2);
  const toCustomer = inbox.find((m) => m.to.includes(customer.contact.contact.email!))!;
  const toEngineer = inbox.find((m) => m.to.includes('engineer@tac.example.cn'))!;
  assert.ok(toCustomer && toEngineer);
  const subject = (raw: string) => decodeWords(header(raw, 'Subject')!);
  assert.equal(subject(toCustomer.raw), `[${number}] 已受理：核心交换机宕机`);
  assert.equal(subject(toEngineer.raw), `[${number}] Assigned to you: 核心交换机宕机`);
  assert.match(header(toCustomer.raw, 'Message-ID')!, /^<tacdesk-delivery-\d+@tac\.example\.cn>$/);
  assert.equal(header(toCustomer.raw, 'References'), header(toEngineer.raw, 'References'));
  assert.match(toCustomer.raw, /Content-Type: text\/html/i);
  assert.match(toCustomer.raw, /Content-Type: text\/plain/i);
  const sent = await t.db
    .selectFrom('delivery')
    .select('status')
    .where('case_id', '=', res.json().id)
    .execute();
  assert.ok(sent.every((d) => d.status === 'sent'));
});

test('no value can inject a header', async () => {
  const hotline = await makeStaff(t, ['hotline_operator']);
  const customer = await makeCustomer(t);
  const res = await hotline.client.post('/api/cases', {
    organisationId: customer.org.id,
    title: 'x\r\nBcc: thief@evil.example',
    description: 'y',
    priority: 3,
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().errors[0].field, 'body.title');
  inbox.length = 0;
  const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'TAC <tac@example.cn>' });
  await mailer.send({
    to: 'a@example.cn',
    subject: '[TAC-1] x\r\nBcc: thief@evil.example',
    text: 't',
    html: '<p>t</p>',
    messageId: '<m1@example.cn>',
  });
  mailer.close();
  assert.deepEqual(inbox[0]!.to, ['a@example.cn']);
  assert.doesNotMatch(headersOf(inbox[0]!.raw), /^Bcc:/im);
});

test('a refused send backs off, ends dead after the last attempt, and an administrator retries it', async () => {
  const admin = await makeStaff(t, ['admin']);
  const customer = await makeCustomer(t);
  const res = await admin.client.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: '邮箱忙',
    description: 'y',
    priority: 4,
  });
  const [row] = await t.db.selectFrom('delivery').selectAll().where('case_id', '=', res.json().id).execute();
  await t.db.updateTable('delivery').set({ max_attempts: 2 }).where('id', '=', row!.id).execute();
  failNext = 2;
  await sender().runOnce();
  let d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'pending');
  assert.match(d.last_error!, /451/);
  assert.ok(d.next_attempt_at > new Date(), 'backs off');
  await sql`update delivery set next_attempt_at = now() where id = ${row!.id}`.execute(t.db);
  await sender().runOnce();
  d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'dead');
  const listed = (await admin.client.get('/api/deliveries?status=dead')).json().items;
  assert.ok(
    listed.some((x: { id: number; lastError: string }) => x.id === row!.id && /451/.test(x.lastError)),
  );
  assert.equal((await admin.client.post(`/api/deliveries/${row!.id}/retry`)).statusCode, 200);
  await sender().runOnce();
  d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'sent');
});

test('without SMTP settings mails are held in the outbox, not lost', async () => {
  const hotline = await makeStaff(t, ['hotline_operator']);
  const customer = await makeCustomer(t);
  const res = await hotline.client.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: '无邮件服务器',
    description: 'y',
    priority: 3,
  });
  await new DeliverySender({ db: t.db, mailer: null, publicUrl: 'https://tac.example.cn' }).runOnce();
  const [d] = await t.db.selectFrom('delivery').selectAll().where('case_id', '=', res.json().id).execute();
  assert.equal(d!.status, 'held');
  assert.equal(d!.last_error, 'no SMTP server configured');
});
