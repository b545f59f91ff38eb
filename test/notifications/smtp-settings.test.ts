/**
 * Outgoing mail set by administrators, against real SMTP servers started here: the settings'
 * field errors, the sealed write-only password, the SSRF guard on the host; precedence (saved
 * settings over the environment's server, and back once cleared) taken up by a running sender
 * without a restart; "send a test" by e-mail (success, and each problem named: sign-in, TLS,
 * connect, refused host, nothing configured) and to a robot and an SMS provider through the local
 * HTTP receiver (success, and the provider's errcode).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { freePort } from '../harness/server-process.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { header, startSmtpSink, subjectOf, type SmtpSink } from './smtp-sink.ts';
import {
  aliyunExpectedSignature,
  dingtalkExpectedSign,
  startReceiver,
  type Receiver,
} from './channel-receiver.ts';

let t: TestApp;
let admin: Client;
let adminId: number;
/** Stands for the environment's server (TACDESK_SMTP_URL). */
let envSink: SmtpSink;
/** The server administrators configure; it wants a user name and password. */
let mailSink: SmtpSink;
let rx: Receiver;

const ACCOUNT = { user: 'tac@example.cn', pass: 'Exmail-授权码-1' };

before(async () => {
  envSink = await startSmtpSink();
  mailSink = await startSmtpSink({ auth: ACCOUNT });
  rx = await startReceiver();
  t = await createTestApp();
  const a = await makeStaff(t, ['admin']);
  admin = a.client;
  adminId = a.user.id;
  await t.db
    .updateTable('app_user')
    .set({ email: 'admin@tac.example.cn', phone: '13900139000' })
    .where('id', '=', adminId)
    .execute();
});
after(async () => {
  await t.close();
  await envSink.close();
  await mailSink.close();
  await rx.close();
});

/** The channels page's allow-list (and robots), which the SMTP host is checked against too. */
async function channels(body: Record<string, unknown> = {}) {
  const res = await admin.put('/api/notification-channels', {
    sms: null,
    targets: [],
    allowedHosts: ['127.0.0.1'],
    ...body,
  });
  assert.equal(res.statusCode, 200, res.body);
}

const smtpBody = (over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: mailSink.port,
  security: 'none',
  username: ACCOUNT.user,
  password: ACCOUNT.pass,
  fromAddress: 'tac@example.cn',
  fromName: '华信技术支持中心',
  replyTo: 'support@example.cn',
  ...over,
});

const fieldOf = (res: { json(): { errors?: Array<{ field: string }> } }) => res.json().errors?.[0]?.field;

test('SMTP settings: presets, field errors naming the field, a sealed write-only password, the guarded host', async () => {
  const first = await admin.get('/api/notification-channels/smtp');
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().source, 'none', 'neither saved settings nor the environment');
  assert.deepEqual(
    first.json().presets.map((p: { host: string; port: number }) => `${p.host}:${p.port}`),
    ['smtp.exmail.qq.com:465', 'smtp.qiye.aliyun.com:465', 'smtphz.qiye.163.com:465', 'smtp.qq.com:465'],
  );

  const injected = await admin.put(
    '/api/notification-channels/smtp',
    smtpBody({ fromName: 'TAC\r\nBcc: thief@evil.example' }),
  );
  assert.equal(injected.statusCode, 400);
  assert.equal(fieldOf(injected), 'body.fromName');
  const badFrom = await admin.put(
    '/api/notification-channels/smtp',
    smtpBody({ fromAddress: 'a@b.cn>\nBcc: x@y.cn' }),
  );
  assert.equal(fieldOf(badFrom), 'body.fromAddress');
  const badSecurity = await admin.put('/api/notification-channels/smtp', smtpBody({ security: 'ssl' }));
  assert.equal(fieldOf(badSecurity), 'body.security');

  await channels({ allowedHosts: [] });
  const loopback = await admin.put('/api/notification-channels/smtp', smtpBody());
  assert.equal(loopback.statusCode, 400);
  assert.equal(fieldOf(loopback), 'body.host');
  assert.match(loopback.body, /allow-list/);
  await channels();

  const noPassword = await admin.put('/api/notification-channels/smtp', smtpBody({ password: undefined }));
  assert.equal(fieldOf(noPassword), 'body.password');

  const saved = await admin.put(
    '/api/notification-channels/smtp',
    smtpBody({ port: undefined, security: 'tls' }),
  );
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().source, 'admin');
  assert.equal(saved.json().settings.port, 465, 'the port defaults to the security mode’s');
  assert.equal(saved.json().settings.passwordSet, true);
  assert.ok(!saved.body.includes(ACCOUNT.pass), 'the password never comes back');
  const row = await t.db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', 'notifications.smtp')
    .executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(row.value).includes(ACCOUNT.pass), 'sealed at rest');

  // Left out, the password is kept for the same server and account.
  const kept = await admin.put('/api/notification-channels/smtp', smtpBody({ password: undefined }));
  assert.equal(kept.statusCode, 200, kept.body);
  assert.equal(kept.json().settings.passwordSet, true);
  assert.ok(kept.json().revision > saved.json().revision);

  const engineer = await makeStaff(t, ['tac_engineer']);
  assert.equal((await engineer.client.get('/api/notification-channels/smtp')).statusCode, 403);
  assert.equal((await engineer.client.put('/api/notification-channels/smtp', smtpBody())).statusCode, 403);
  assert.equal(
    (await engineer.client.post('/api/notification-channels/test', { channel: 'email' })).statusCode,
    403,
  );
});

test('the running sender takes up saved settings without a restart, and the environment’s again once cleared', async () => {
  await channels();
  assert.equal((await admin.delete('/api/notification-channels/smtp')).statusCode, 200);
  const envMailer = envSink.mailer();
  const sender = new DeliverySender({ db: t.db, mailer: envMailer, publicUrl: 'https://tac.example.cn' });
  const customer = await makeCustomer(t);
  const mailCase = async (title: string) => {
    const res = await admin.post('/api/cases', {
      organisationId: customer.org.id,
      contactId: customer.contact.contact.id,
      title,
      description: 'y',
      priority: 4,
    });
    assert.equal(res.statusCode, 201, res.body);
    while ((await sender.runOnce()) > 0);
  };
  const envBefore = envSink.inbox.length;
  await mailCase('环境变量发信');
  assert.equal(envSink.inbox.length, envBefore + 1, 'no settings saved: the environment’s server');

  assert.equal((await admin.put('/api/notification-channels/smtp', smtpBody())).statusCode, 200);
  await mailCase('后台设置发信');
  const viaSettings = mailSink.inbox.at(-1)!;
  assert.equal(envSink.inbox.length, envBefore + 1);
  assert.match(subjectOf(viaSettings.raw), /后台设置发信/);
  assert.match(header(viaSettings.raw, 'From')!, /<tac@example\.cn>$/);
  assert.match(header(viaSettings.raw, 'Reply-To')!, /support@example\.cn/);

  const renamed = await admin.put(
    '/api/notification-channels/smtp',
    smtpBody({ password: undefined, fromName: 'TAC Support' }),
  );
  assert.equal(renamed.statusCode, 200, renamed.body);
  await mailCase('改名后发信');
  assert.equal(header(mailSink.inbox.at(-1)!.raw, 'From'), 'TAC Support <tac@example.cn>');

  assert.equal((await admin.delete('/api/notification-channels/smtp')).json().source, 'none');
  await mailCase('清除后发信');
  assert.equal(envSink.inbox.length, envBefore + 2, 'cleared: the environment’s server again');
  sender.close();
  envMailer.close();
});

test('a test mail goes to the administrator’s own address; each failure names its problem', async () => {
  await channels();
  const none = await admin.post('/api/notification-channels/test', { channel: 'email' });
  assert.equal(none.statusCode, 200, none.body);
  assert.deepEqual(none.json().error, {
    problem: 'not_configured',
    params: {},
    message: 'no SMTP server configured',
  });

  assert.equal((await admin.put('/api/notification-channels/smtp', smtpBody())).statusCode, 200);
  const before = mailSink.inbox.length;
  const ok = await admin.post('/api/notification-channels/test', { channel: 'email' });
  assert.deepEqual(ok.json(), { ok: true, to: 'admin@tac.example.cn', error: null });
  assert.equal(mailSink.inbox.length, before + 1);
  assert.deepEqual(mailSink.inbox.at(-1)!.to, ['admin@tac.example.cn']);
  assert.equal(subjectOf(mailSink.inbox.at(-1)!.raw), 'TACdesk 测试邮件');

  const elsewhere = await admin.post('/api/notification-channels/test', {
    channel: 'email',
    to: 'ops@example.cn',
  });
  assert.equal(elsewhere.json().ok, true);
  assert.deepEqual(mailSink.inbox.at(-1)!.to, ['ops@example.cn']);

  // Settings tried before saving: the password left out is the saved one.
  const trying = (smtp: Record<string, unknown>) =>
    admin.post('/api/notification-channels/test', { channel: 'email', smtp: smtpBody(smtp) });
  assert.equal((await trying({ password: undefined })).json().ok, true);
  const wrong = (await trying({ password: 'wrong' })).json();
  assert.equal(wrong.ok, false);
  assert.equal(wrong.error.problem, 'authentication');
  assert.match(wrong.error.message, /535/, 'the server’s own words, for support');
  assert.equal((await trying({ security: 'tls' })).json().error.problem, 'tls');
  const closed = await freePort();
  assert.equal((await trying({ port: closed })).json().error.problem, 'connect');
  const refused = (await trying({ host: '10.20.30.40' })).json();
  assert.equal(refused.error.problem, 'refused');
  assert.match(refused.error.message, /10\.20\.30\.40/);

  await t.db.updateTable('app_user').set({ email: null }).where('id', '=', adminId).execute();
  const nowhere = await admin.post('/api/notification-channels/test', { channel: 'email' });
  assert.equal(nowhere.statusCode, 400);
  assert.equal(fieldOf(nowhere), 'body.to');
  await t.db
    .updateTable('app_user')
    .set({ email: 'admin@tac.example.cn' })
    .where('id', '=', adminId)
    .execute();
});

test('a test to a DingTalk robot is signed and sent; the robot’s errcode is named', async () => {
  await channels({
    targets: [
      {
        key: 'test-dingtalk',
        channel: 'dingtalk',
        name: '华东技术支持群',
        url: `${rx.base}/robot/send?access_token=t0ken`,
        secret: 'SEC-dingtalk-secret',
      },
    ],
  });
  rx.requests.length = 0;
  rx.respond = (req) =>
    req.url.searchParams.get('sign') ===
    dingtalkExpectedSign('SEC-dingtalk-secret', req.url.searchParams.get('timestamp') ?? '')
      ? { status: 200, json: { errcode: 0, errmsg: 'ok' } }
      : { status: 200, json: { errcode: 310000, errmsg: 'sign not match' } };
  const ok = await admin.post('/api/notification-channels/test', {
    channel: 'dingtalk',
    key: 'test-dingtalk',
  });
  assert.deepEqual(ok.json(), { ok: true, to: '华东技术支持群', error: null });
  assert.match(JSON.parse(rx.requests[0]!.body).markdown.text, /TACdesk 测试消息/);

  rx.respond = () => ({ status: 200, json: { errcode: 310000, errmsg: 'keywords not in content' } });
  const refused = (
    await admin.post('/api/notification-channels/test', { channel: 'dingtalk', key: 'test-dingtalk' })
  ).json();
  assert.equal(refused.ok, false);
  assert.equal(refused.error.problem, 'provider_error');
  assert.deepEqual(refused.error.params, { errcode: '310000' });
  assert.match(refused.error.message, /keywords not in content/);

  const unknown = await admin.post('/api/notification-channels/test', {
    channel: 'wecom',
    key: 'test-dingtalk',
  });
  assert.equal(unknown.statusCode, 400);
  assert.equal(fieldOf(unknown), 'body.key');
});

test('a test SMS goes to the administrator’s mobile through Aliyun, signed; a refusal names its code', async () => {
  const aliyun = {
    provider: 'aliyun',
    accessKeyId: 'LTAI5tTestKeyId',
    accessKeySecret: 'aliyun-secret',
    signName: '华信技术',
    endpoint: `${rx.base}/`,
    templates: { 'case.assigned': { code: 'SMS_465391234', params: ['number', 'title'] } },
  };
  const testSms = async () =>
    (await admin.post('/api/notification-channels/test', { channel: 'sms' })).json().error?.problem;
  await channels();
  assert.equal(await testSms(), 'not_configured', 'no provider');
  await channels({ sms: { ...aliyun, templates: {} } });
  assert.equal(await testSms(), 'template_unmapped', 'a provider, but no template mapped');
  await channels({ sms: aliyun });
  rx.requests.length = 0;
  rx.respond = (req) => {
    const params = new URLSearchParams(req.body);
    return params.get('Signature') === aliyunExpectedSignature(params, 'aliyun-secret', req.method)
      ? { status: 200, json: { Code: 'OK', Message: 'OK', BizId: '9006^0' } }
      : { status: 400, json: { Code: 'SignatureDoesNotMatch' } };
  };
  const ok = await admin.post('/api/notification-channels/test', { channel: 'sms' });
  assert.deepEqual(ok.json(), { ok: true, to: '+8613900139000', error: null });
  const sent = new URLSearchParams(rx.requests[0]!.body);
  assert.equal(sent.get('PhoneNumbers'), '13900139000');
  assert.deepEqual(JSON.parse(sent.get('TemplateParam')!), { number: 'TAC-TEST', title: '测试短信' });

  rx.respond = () => ({
    status: 200,
    json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5' },
  });
  const limited = (
    await admin.post('/api/notification-channels/test', { channel: 'sms', phone: '138 0013 8000' })
  ).json();
  assert.equal(limited.ok, false);
  assert.equal(limited.to, '+8613800138000');
  assert.equal(limited.error.problem, 'provider_error');
  assert.deepEqual(limited.error.params, { errcode: 'isv.BUSINESS_LIMIT_CONTROL' });
  assert.match(limited.error.message, /触发小时级流控/);
});
