/**
 * One SMTP connection for many mails, counted at real SMTP servers started here: hosted mail in
 * China (Tencent Exmail, QQ, 163) throttles accounts that sign in for every message. Mails sent
 * in a row, across the sender's batches, share one connection and one sign-in; a saved change of
 * server closes the old connection and the next mail goes to the new server; stopping the
 * delivery loop (the app closing) closes the connection; a session is renewed after 50 messages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliverySender, startDeliveryLoop } from '../../src/modules/notifications/server/index.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { startSmtpSink, subjectOf, type SmtpSink } from './smtp-sink.ts';

let t: TestApp;
let admin: Client;
let first: SmtpSink;
let second: SmtpSink;
let customer: Awaited<ReturnType<typeof makeCustomer>>;

const ACCOUNT = { user: 'tac@example.cn', pass: 'Exmail-授权码-1' };

before(async () => {
  first = await startSmtpSink({ auth: ACCOUNT });
  second = await startSmtpSink({ auth: ACCOUNT });
  t = await createTestApp();
  admin = (await makeStaff(t, ['admin'])).client;
  customer = await makeCustomer(t);
  const channels = await admin.put('/api/notification-channels', {
    sms: null,
    targets: [],
    allowedHosts: ['127.0.0.1'],
  });
  assert.equal(channels.statusCode, 200, channels.body);
});
after(async () => {
  await t.close();
  await first.close();
  await second.close();
});

async function useServer(sink: SmtpSink) {
  const res = await admin.put('/api/notification-channels/smtp', {
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    username: ACCOUNT.user,
    password: ACCOUNT.pass,
    fromAddress: 'tac@example.cn',
    fromName: '华信技术支持中心',
  });
  assert.equal(res.statusCode, 200, res.body);
}

/** Opens a case for the customer's contact: one mail to the contact. */
async function openCase(title: string) {
  const res = await admin.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title,
    description: 'y',
    priority: 4,
  });
  assert.equal(res.statusCode, 201, res.body);
}

/** Waits until the server has seen its connections close (network events, not the clock). */
async function closedAt(sink: SmtpSink) {
  for (const deadline = Date.now() + 5_000; sink.open > 0 && Date.now() < deadline;)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return sink.open;
}

test('mails in a row share one connection and one sign-in; a new server takes over at the next mail; closing ends it', async () => {
  await useServer(first);
  const sender = new DeliverySender({ db: t.db, mailer: null, publicUrl: 'https://tac.example.cn' });
  for (const title of ['第一封', '第二封', '第三封']) await openCase(title);
  while ((await sender.runOnce()) > 0);
  // A later batch (the loop polls every few seconds) reuses the same connection.
  await openCase('第四封');
  while ((await sender.runOnce()) > 0);
  assert.deepEqual(
    first.inbox.map((m) => subjectOf(m.raw).replace(/^\[\S+\] \S+：/, '')),
    ['第一封', '第二封', '第三封', '第四封'],
  );
  assert.equal(first.connections, 1, 'one connection for four mails');
  assert.equal(first.logins, 1, 'one sign-in for four mails');
  assert.equal(first.open, 1, 'kept open for the next mail');

  await useServer(second);
  await openCase('换服务器后');
  while ((await sender.runOnce()) > 0);
  assert.equal(first.inbox.length, 4, 'nothing more to the old server');
  assert.deepEqual(
    second.inbox.map((m) => subjectOf(m.raw).replace(/^\[\S+\] \S+：/, '')),
    ['换服务器后'],
  );
  assert.equal(await closedAt(first), 0, 'the old server’s connection is closed with the change');
  assert.equal(second.logins, 1);

  // The app closing stops the delivery loop, which closes the connection.
  const stop = startDeliveryLoop(sender, (error) => assert.fail(String(error)), 60_000);
  await stop();
  assert.equal(await closedAt(second), 0, 'closed when the loop stops');
  assert.equal(second.connections, 1);
});

test('the environment’s server is reached the same way; a session is renewed after 50 messages', async () => {
  const sink = await startSmtpSink();
  const mailer = sink.mailer();
  try {
    for (let i = 1; i <= 51; i++)
      await mailer.send({
        to: `ops${i}@example.cn`,
        subject: `#${i}`,
        text: 't',
        html: '<p>t</p>',
        messageId: `<renew-${i}@example.cn>`,
      });
    assert.equal(sink.inbox.length, 51);
    assert.equal(sink.connections, 2, '50 messages on the first connection, the 51st on a new one');
  } finally {
    mailer.close();
    await sink.close();
  }
});
