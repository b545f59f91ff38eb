/**
 * E-mail out through a real SMTP server started in the test: the outbox is written with the
 * change, sent after commit in the recipient's language with the case number in the subject and
 * threading headers; no value can inject a header; failures back off and end dead, retryable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import type { Mailer } from '../../src/platform/mail/mailer.ts';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { header, headersOf, startSmtpSink, subjectOf, textOf, type SmtpSink } from './smtp-sink.ts';

let smtp: SmtpSink;
let mailer: Mailer;
let t: TestApp;

before(async () => {
  smtp = await startSmtpSink();
  mailer = smtp.mailer();
  t = await createTestApp();
});
after(async () => {
  mailer.close();
  await t.close();
  await smtp.close();
});

const sender = () => new DeliverySender({ db: t.db, mailer, publicUrl: 'https://tac.example.cn' });

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
  const toCustomer = smtp.inbox.find((m) => m.to.includes(customer.contact.contact.email!))!;
  const toEngineer = smtp.inbox.find((m) => m.to.includes('engineer@tac.example.cn'))!;
  assert.ok(toCustomer && toEngineer);
  assert.equal(subjectOf(toCustomer.raw), `[${number}] 已受理：核心交换机宕机`);
  assert.equal(subjectOf(toEngineer.raw), `[${number}] Assigned to you: 核心交换机宕机`);
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
  smtp.inbox.length = 0;
  const direct = smtp.mailer('TAC <tac@example.cn>');
  await direct.send({
    to: 'a@example.cn',
    subject: '[TAC-1] x\r\nBcc: thief@evil.example',
    text: 't',
    html: '<p>t</p>',
    messageId: '<m1@example.cn>',
  });
  direct.close();
  assert.deepEqual(smtp.inbox[0]!.to, ['a@example.cn']);
  assert.doesNotMatch(headersOf(smtp.inbox[0]!.raw), /^Bcc:/im);
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
  smtp.refuseNext(2);
  await sender().runOnce();
  let d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'pending');
  assert.match(d.last_error!, /451/);
  assert.equal(d.last_error_problem, 'rejected');
  assert.deepEqual(d.last_error_params, { reply: '451' });
  assert.ok(d.next_attempt_at > new Date(), 'backs off');
  await sql`update delivery set next_attempt_at = now() where id = ${row!.id}`.execute(t.db);
  await sender().runOnce();
  d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'dead');
  const listed = (await admin.client.get('/api/deliveries?status=dead')).json().items;
  const shown = listed.find((x: { id: number }) => x.id === row!.id);
  assert.match(shown.lastError, /451/, 'the server’s own words, for support');
  assert.deepEqual(shown.lastProblem, { problem: 'rejected', params: { reply: '451' } });
  assert.equal((await admin.client.post(`/api/deliveries/${row!.id}/retry`)).statusCode, 200);
  await sender().runOnce();
  d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'sent');
  const resent = await admin.client.post(`/api/deliveries/${row!.id}/retry`);
  assert.equal(resent.statusCode, 409);
  assert.equal(resent.json().text, '“已发送”的消息不能手动重新发送，只有已暂扣或发送失败的可以');
});

test('a recipient the server refuses for good (550) ends dead at once, not after every retry', async () => {
  const admin = await makeStaff(t, ['admin']);
  const customer = await makeCustomer(t);
  await t.db
    .updateTable('contact')
    .set({ email: 'nobody@example.cn' })
    .where('id', '=', customer.contact.contact.id)
    .execute();
  const res = await admin.client.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: '收件人不存在',
    description: 'y',
    priority: 4,
  });
  const [row] = await t.db.selectFrom('delivery').selectAll().where('case_id', '=', res.json().id).execute();
  await sender().runOnce();
  const d = await t.db.selectFrom('delivery').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
  assert.equal(d.status, 'dead');
  assert.equal(d.attempts, 1);
  assert.ok(d.max_attempts > 1);
  assert.deepEqual(d.last_error_params, { reply: '550' });
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
  assert.equal(d!.last_error_problem, 'not_configured');
});

test('a closed case thanks the customer with the link to rate the service; one they closed themselves does not', async () => {
  const engineer = await makeStaff(t, ['tac_engineer']);
  const customer = await makeCustomer(t);
  const opened = await customer.contact.client.post('/api/cases', {
    title: '打印服务器无法连接',
    description: '三楼打印机全部脱机',
    priority: 3,
  });
  const caseId = opened.json().id as number;
  for (const to of ['in_progress', 'resolved', 'closed'])
    assert.equal((await engineer.client.post(`/api/cases/${caseId}/transitions`, { to })).statusCode, 200);
  await sender().runOnce();
  const closing = smtp.inbox.find((m) => subjectOf(m.raw).startsWith(`[${opened.json().number}] 已关闭`));
  assert.ok(closing, 'the closing mail reached the customer');
  assert.ok(closing.to.includes(customer.contact.contact.email!));
  assert.match(
    textOf(closing.raw),
    new RegExp(`https://tac\\.example\\.cn/portal/cases/${caseId}\\?survey=1`),
  );

  const own = await customer.contact.client.post('/api/cases', {
    title: '邮箱登录慢',
    description: '偶发',
    priority: 4,
  });
  const closedByCustomer = await customer.contact.client.post(`/api/cases/${own.json().id}/transitions`, {
    to: 'closed',
    reason: '已自行恢复',
  });
  assert.equal(closedByCustomer.statusCode, 200, closedByCustomer.body);
  const written = await t.db
    .selectFrom('delivery')
    .select('template')
    .where('case_id', '=', own.json().id)
    .execute();
  assert.ok(!written.some((d) => d.template === 'case.closed'));
});
