/**
 * SMS and group robots through a real local HTTP receiver that checks each provider's
 * documented request format and recomputes its signature: Aliyun and Tencent Cloud SMS, WeCom,
 * DingTalk and Feishu robots, the signed generic webhook. Then retries on 5xx, the dead letter,
 * the robots' rate limit folded into a digest, and the SSRF guard at save and at send time.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import { writeSetting } from '../../src/platform/settings/settings.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import {
  aliyunExpectedSignature,
  dingtalkExpectedSign,
  feishuExpectedSign,
  startReceiver,
  tencentExpectedAuthorization,
  webhookSignatureValid,
  type Receiver,
} from './channel-receiver.ts';

let t: TestApp;
let rx: Receiver;
let admin: Client;
let hotline: Client;
let engineer: { id: number };
/** The sender's clock: a second ahead of the database's `now()`, moved forward by the tests. */
let offset = 1_000;
const now = () => new Date(Date.now() + offset);
const sender = () =>
  new DeliverySender({ db: t.db, mailer: null, publicUrl: 'https://tac.example.cn', clock: now });
const advance = (ms: number) => (offset += ms);

before(async () => {
  rx = await startReceiver();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  admin = (await makeStaff(t, ['admin'])).client;
  hotline = (await makeStaff(t, ['hotline_operator'])).client;
  const eng = await makeStaff(t, ['tac_engineer']);
  engineer = eng.user;
  const res = await admin.patch(`/api/users/${eng.user.id}`, { phone: '138 0013 8000' });
  assert.equal(res.statusCode, 200, res.body);
});
after(async () => {
  await t.close();
  await rx.close();
});
beforeEach(() => {
  customer = null;
  rx.requests.length = 0;
  rx.respond = () => ({ status: 200, json: {} });
});

const ALLOW = ['127.0.0.1'];

async function configure(body: Record<string, unknown>) {
  const res = await admin.request('PUT', '/api/notification-channels', {
    sms: null,
    targets: [],
    allowedHosts: ALLOW,
    ...body,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** One customer organisation per test. */
let customer: Awaited<ReturnType<typeof makeCustomer>> | null = null;

async function openCase(priority: number, title = '核心交换机宕机') {
  customer ??= await makeCustomer(t);
  const res = await hotline.post('/api/cases', {
    organisationId: customer.org.id,
    title,
    description: '全部业务中断',
    priority,
    assigneeId: engineer.id,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; number: string };
}

async function outbox(query = '') {
  const res = await admin.get(`/api/deliveries?limit=500${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as Array<{
    id: number;
    caseId: number | null;
    channel: string;
    recipient: string;
    template: string;
    status: string;
    attempts: number;
    lastError: string | null;
    lastProblem: { problem: string; params: Record<string, string> } | null;
    foldedIntoId: number | null;
  }>;
}

/** Sends everything due now (several batches). */
async function drain() {
  while ((await sender().runOnce()) > 0);
}

test('Aliyun SMS: a P1 case assigned to an engineer reaches his mobile, RPC-signed (HMAC-SHA1)', async () => {
  await configure({
    sms: {
      provider: 'aliyun',
      accessKeyId: 'LTAI5tTestKeyId',
      accessKeySecret: 'aliyun-secret-值',
      signName: '华信技术',
      endpoint: `${rx.base}/`,
      templates: { 'case.assigned': { code: 'SMS_465391234', params: ['number', 'priority', 'title'] } },
    },
  });
  const checks: string[] = [];
  rx.respond = (req) => {
    const params = new URLSearchParams(req.body);
    const expected = aliyunExpectedSignature(params, 'aliyun-secret-值', req.method);
    if (params.get('Signature') !== expected) {
      checks.push('bad signature');
      return {
        status: 400,
        json: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' },
      };
    }
    checks.push('ok');
    return {
      status: 200,
      json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5' },
    };
  };
  const c = await openCase(1);
  const sms = (await outbox(`&caseId=${c.id}`)).filter((d) => d.channel === 'sms');
  assert.deepEqual(
    sms.map((d) => [d.recipient, d.template, d.status]),
    [['+8613800138000', 'case.assigned', 'pending']],
    'written with the change, the number in E.164',
  );
  await drain();
  assert.deepEqual(checks, ['ok']);
  const req = rx.requests[0]!;
  assert.equal(req.method, 'POST');
  assert.match(String(req.headers['content-type']), /^application\/x-www-form-urlencoded/);
  const p = new URLSearchParams(req.body);
  assert.equal(p.get('Action'), 'SendSms');
  assert.equal(p.get('Version'), '2017-05-25');
  assert.equal(p.get('Format'), 'JSON');
  assert.equal(p.get('SignatureMethod'), 'HMAC-SHA1');
  assert.equal(p.get('SignatureVersion'), '1.0');
  assert.equal(p.get('AccessKeyId'), 'LTAI5tTestKeyId');
  assert.match(p.get('SignatureNonce')!, /^[0-9a-f-]{36}$/);
  assert.match(p.get('Timestamp')!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(p.get('PhoneNumbers'), '13800138000');
  assert.equal(p.get('SignName'), '华信技术');
  assert.equal(p.get('TemplateCode'), 'SMS_465391234');
  assert.deepEqual(JSON.parse(p.get('TemplateParam')!), {
    number: c.number,
    priority: 'P1',
    title: '核心交换机宕机',
  });
  assert.equal(p.get('OutId'), String(sms[0]!.id));
  const [after] = (await outbox(`&caseId=${c.id}`)).filter((d) => d.channel === 'sms');
  assert.equal(after!.status, 'sent');

  // A P3 case sends no SMS.
  const quiet = await openCase(3);
  assert.equal((await outbox(`&caseId=${quiet.id}`)).filter((d) => d.channel === 'sms').length, 0);
});

test('Tencent Cloud SMS: SendSms 2021-01-11 signed with TC3-HMAC-SHA256', async () => {
  await configure({
    sms: {
      provider: 'tencent',
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      sdkAppId: '1400006666',
      signName: '华信技术',
      region: 'ap-guangzhou',
      endpoint: `${rx.base}/`,
      templates: { 'case.assigned': { code: '449739', params: ['number', 'title'] } },
    },
  });
  const checks: string[] = [];
  rx.respond = (req) => {
    const ok =
      req.headers.authorization ===
      tencentExpectedAuthorization(
        req,
        'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
        'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      );
    checks.push(ok ? 'ok' : 'bad signature');
    if (!ok)
      return {
        status: 200,
        json: {
          Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' }, RequestId: 'r1' },
        },
      };
    return {
      status: 200,
      json: {
        Response: {
          SendStatusSet: [
            {
              SerialNo: '5000:1045710669157053657849499619',
              PhoneNumber: '+8613800138000',
              Fee: 1,
              SessionContext: '',
              Code: 'Ok',
              Message: 'send success',
              IsoCode: 'CN',
            },
          ],
          RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
        },
      },
    };
  };
  const c = await openCase(2, 'Storage array degraded');
  await drain();
  assert.deepEqual(checks, ['ok']);
  const req = rx.requests[0]!;
  assert.equal(req.headers['x-tc-action'], 'SendSms');
  assert.equal(req.headers['x-tc-version'], '2021-01-11');
  assert.equal(req.headers['x-tc-region'], 'ap-guangzhou');
  assert.ok(Math.abs(Number(req.headers['x-tc-timestamp']) - now().getTime() / 1000) < 5);
  assert.match(String(req.headers['content-type']), /^application\/json/);
  const body = JSON.parse(req.body);
  assert.deepEqual(body.PhoneNumberSet, ['+8613800138000']);
  assert.equal(body.SmsSdkAppId, '1400006666');
  assert.equal(body.SignName, '华信技术');
  assert.equal(body.TemplateId, '449739');
  assert.deepEqual(body.TemplateParamSet, [c.number, 'Storage array degraded']);
  const [sms] = (await outbox(`&caseId=${c.id}`)).filter((d) => d.channel === 'sms');
  assert.equal(sms!.status, 'sent');
});

test('WeCom group robot: a markdown message to the webhook key', async () => {
  await configure({
    targets: [
      {
        key: 'ops-wecom',
        channel: 'wecom',
        name: '运维群',
        url: `${rx.base}/cgi-bin/webhook/send?key=693a91f6-7xxx`,
      },
    ],
  });
  rx.respond = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
  const c = await openCase(1, '机房 [紧急](http://evil.example) 断电');
  await drain();
  assert.equal(rx.requests.length, 1);
  const req = rx.requests[0]!;
  assert.equal(req.url.pathname, '/cgi-bin/webhook/send');
  assert.equal(req.url.searchParams.get('key'), '693a91f6-7xxx');
  const body = JSON.parse(req.body);
  assert.equal(body.msgtype, 'markdown');
  assert.match(body.markdown.content, new RegExp(`【P1 新案例】${c.number}`));
  assert.match(body.markdown.content, /\[查看案例\]\(https:\/\/tac\.example\.cn\/cases\/\d+\)/);
  assert.doesNotMatch(body.markdown.content, /\]\(http:\/\/evil/, 'a title cannot add a link');
  assert.ok(Buffer.byteLength(body.markdown.content) <= 4096);
  const [d] = (await outbox(`&caseId=${c.id}`)).filter((x) => x.channel === 'wecom');
  assert.deepEqual([d!.recipient, d!.template, d!.status], ['ops-wecom', 'case.opened', 'sent']);
});

test('DingTalk robot: timestamp in ms and sign = base64(HMAC-SHA256) in the URL', async () => {
  const secret = 'SEC1f9c4b0f3a9e1d2c3b4a5968778695a4b3c2d1e0f';
  await configure({
    targets: [
      {
        key: 'tac-dingtalk',
        channel: 'dingtalk',
        name: 'TAC 值班群',
        url: `${rx.base}/robot/send?access_token=6d7f1b2c3d`,
        secret,
        locale: 'en',
      },
    ],
  });
  const checks: string[] = [];
  rx.respond = (req) => {
    const timestamp = req.url.searchParams.get('timestamp')!;
    const ok =
      req.url.searchParams.get('access_token') === '6d7f1b2c3d' &&
      req.url.searchParams.get('sign') === dingtalkExpectedSign(secret, timestamp) &&
      Math.abs(Number(timestamp) - now().getTime()) < 3_600_000;
    checks.push(ok ? 'ok' : 'bad');
    return {
      status: 200,
      json: ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' },
    };
  };
  const c = await openCase(2, 'Firewall HA split-brain');
  await drain();
  assert.deepEqual(checks, ['ok']);
  const req = rx.requests[0]!;
  assert.ok(
    Math.abs(Number(req.url.searchParams.get('timestamp')) - now().getTime()) < 5_000,
    'milliseconds',
  );
  // The raw query carries the signature URL-encoded (base64 has + / =).
  assert.doesNotMatch(req.url.search.split('sign=')[1]!, /[+/=]/);
  const body = JSON.parse(req.body);
  assert.equal(body.msgtype, 'markdown');
  assert.equal(body.markdown.title, `New P2 case ${c.number}: Firewall HA split-brain`);
  assert.ok(body.markdown.text.startsWith(`### New P2 case ${c.number}: Firewall HA split-brain`));
  const [d] = (await outbox(`&caseId=${c.id}`)).filter((x) => x.channel === 'dingtalk');
  assert.equal(d!.status, 'sent');

  // A refused signature is final: dead at once, not retried for hours.
  await configure({
    targets: [
      { key: 'tac-dingtalk', channel: 'dingtalk', name: 'TAC 值班群', secret: 'SECwrong', locale: 'en' },
    ],
  });
  const c2 = await openCase(1);
  await drain();
  const [d2] = (await outbox(`&caseId=${c2.id}`)).filter((x) => x.channel === 'dingtalk');
  assert.equal(d2!.status, 'dead');
  assert.match(d2!.lastError!, /310000/);
  assert.deepEqual(d2!.lastProblem, { problem: 'provider_error', params: { errcode: '310000' } });
});

test('Feishu robot: timestamp in seconds and sign in the body, a rich-text post', async () => {
  const secret = 'demo-feishu-secret';
  await configure({
    targets: [
      {
        key: 'feishu-noc',
        channel: 'feishu',
        name: 'NOC 飞书群',
        url: `${rx.base}/open-apis/bot/v2/hook/66a8e3f0-1234-4bcd-9ef0-112233445566`,
        secret,
      },
    ],
  });
  const checks: string[] = [];
  rx.respond = (req) => {
    const body = JSON.parse(req.body);
    const ok =
      typeof body.timestamp === 'string' &&
      body.sign === feishuExpectedSign(secret, body.timestamp) &&
      Math.abs(Number(body.timestamp) - now().getTime() / 1000) < 3600;
    checks.push(ok ? 'ok' : 'bad');
    return {
      status: 200,
      json: ok ? { code: 0, msg: 'success', data: {} } : { code: 19021, msg: 'sign match fail' },
    };
  };
  const c = await openCase(1, '核心路由器 BGP 中断');
  await drain();
  assert.deepEqual(checks, ['ok']);
  const body = JSON.parse(rx.requests[0]!.body);
  assert.match(body.timestamp, /^\d{10}$/, 'seconds');
  assert.ok(Math.abs(Number(body.timestamp) - now().getTime() / 1000) < 5);
  assert.equal(body.msg_type, 'post');
  assert.match(body.content.post.zh_cn.title, new RegExp(c.number));
  assert.ok(
    body.content.post.zh_cn.content.some((line: Array<{ tag: string; href?: string }>) =>
      line.some((el) => el.tag === 'a' && el.href === `https://tac.example.cn/cases/${c.id}`),
    ),
  );
});

test('outgoing webhook: HMAC-SHA256 of the raw body, timestamp and delivery headers', async () => {
  const secret = 'whsec_7f3a9c';
  await configure({
    targets: [{ key: 'itsm', channel: 'webhook', name: 'ITSM', url: `${rx.base}/hooks/tacdesk`, secret }],
  });
  rx.respond = (req) =>
    webhookSignatureValid(req, secret)
      ? { status: 204, json: null }
      : { status: 401, json: { error: 'bad' } };
  const c = await openCase(2);
  await drain();
  const req = rx.requests[0]!;
  assert.ok(webhookSignatureValid(req, secret));
  const body = JSON.parse(req.body);
  assert.equal(String(body.timestamp), req.headers['x-tacdesk-timestamp']);
  assert.equal(body.type, 'case.opened');
  assert.equal(body.data.number, c.number);
  const [d] = (await outbox(`&caseId=${c.id}`)).filter((x) => x.channel === 'webhook');
  assert.equal(req.headers['x-tacdesk-delivery'], String(d!.id));
  assert.equal(d!.status, 'sent');
});

test('a 5xx is retried with backoff under the same delivery id; the last attempt ends dead, retryable', async () => {
  const secret = 'whsec_retry';
  await configure({
    targets: [{ key: 'itsm', channel: 'webhook', name: 'ITSM', url: `${rx.base}/hooks/tacdesk`, secret }],
  });
  let failures = 1;
  rx.respond = () => (failures-- > 0 ? { status: 503, json: { error: 'busy' } } : { status: 200, json: {} });
  const c = await openCase(1);
  await drain();
  let [d] = (await outbox(`&caseId=${c.id}`)).filter((x) => x.channel === 'webhook');
  assert.equal(d!.status, 'pending');
  assert.match(d!.lastError!, /HTTP 503/);
  assert.deepEqual(d!.lastProblem, { problem: 'http', params: { status: '503' } });
  assert.equal(await sender().runOnce(), 0, 'backs off: nothing due yet');
  advance(61_000);
  await drain();
  [d] = (await outbox(`&caseId=${c.id}`)).filter((x) => x.channel === 'webhook');
  assert.equal(d!.status, 'sent');
  assert.equal(d!.attempts, 2);
  assert.equal(d!.lastProblem, null, 'sent: the error is gone with its problem');
  assert.deepEqual(
    rx.requests.map((r) => r.headers['x-tacdesk-delivery']),
    [String(d!.id), String(d!.id)],
  );

  // Always failing: dead after max attempts, listed with its error, and an administrator retries it.
  rx.requests.length = 0;
  rx.respond = () => ({ status: 500, json: { error: 'down' } });
  const c2 = await openCase(1);
  const [row] = (await outbox(`&caseId=${c2.id}`)).filter((x) => x.channel === 'webhook');
  await t.db.updateTable('delivery').set({ max_attempts: 3 }).where('id', '=', row!.id).execute();
  for (let i = 0; i < 3; i++) {
    await drain();
    advance(5 * 60_000);
  }
  const dead = (await outbox('&status=dead')).find((x) => x.id === row!.id);
  assert.ok(dead, 'dead letter');
  assert.equal(dead.attempts, 3);
  assert.match(dead.lastError!, /HTTP 500/);
  assert.equal(rx.requests.length, 3);
  rx.respond = () => ({ status: 200, json: {} });
  assert.equal((await admin.post(`/api/deliveries/${row!.id}/retry`)).statusCode, 200);
  await drain();
  assert.equal((await outbox(`&caseId=${c2.id}`)).find((x) => x.id === row!.id)!.status, 'sent');
});

test('25 messages to one WeCom robot within a minute: 20 sent, 5 folded into one digest', async () => {
  await configure({
    targets: [
      {
        key: 'busy-wecom',
        channel: 'wecom',
        name: '值班群',
        url: `${rx.base}/cgi-bin/webhook/send?key=busy`,
      },
    ],
  });
  rx.respond = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
  const cases = [];
  for (let i = 1; i <= 25; i++) cases.push(await openCase(1, `批量告警 ${i}`));
  await drain();
  assert.equal(rx.requests.length, 20, 'the robot limit is never passed');
  const rows = (await outbox()).filter((d) => d.recipient === 'busy-wecom');
  const digest = rows.find((d) => d.template === 'digest')!;
  assert.ok(digest);
  assert.equal(digest.status, 'pending');
  const folded = rows.filter((d) => d.status === 'folded');
  assert.equal(folded.length, 5);
  assert.ok(folded.every((d) => d.foldedIntoId === digest.id));
  assert.equal(rows.filter((d) => d.status === 'sent').length, 20);

  advance(30_000);
  await drain();
  assert.equal(rx.requests.length, 20, 'the digest waits for the window');
  advance(31_000);
  await drain();
  assert.equal(rx.requests.length, 21);
  const content: string = JSON.parse(rx.requests[20]!.body).markdown.content;
  assert.match(content, /另有 5 条通知/);
  const foldedNumbers = cases.filter((c) => folded.some((f) => f.caseId === c.id)).map((c) => c.number);
  assert.equal(foldedNumbers.length, 5);
  for (const n of foldedNumbers) assert.ok(content.includes(n), `the digest lists ${n}`);
  assert.equal((await outbox()).find((d) => d.id === digest.id)!.status, 'sent');
});

test('Feishu: at most 5 a second; the sixth waits for the next second instead of being folded', async () => {
  await configure({
    targets: [
      {
        key: 'fs-burst',
        channel: 'feishu',
        name: '飞书',
        url: `${rx.base}/open-apis/bot/v2/hook/0123456789abcdef0123`,
        secret: null,
      },
    ],
  });
  rx.respond = () => ({ status: 200, json: { code: 0, msg: 'success' } });
  for (let i = 0; i < 6; i++) await openCase(2, `突发 ${i}`);
  await drain();
  assert.equal(rx.requests.length, 5);
  advance(1_000);
  await drain();
  assert.equal(rx.requests.length, 6);
  assert.ok((await outbox()).filter((d) => d.recipient === 'fs-burst').every((d) => d.status === 'sent'));
});

test('SSRF: private, loopback and link-local targets are refused unless allow-listed; secrets never come back', async () => {
  const wecom = (url: string) => ({ key: 'x', channel: 'wecom', name: 'x', url });
  for (const url of [
    `${rx.base}/cgi-bin/webhook/send?key=k`, // 127.0.0.1, http
    'https://127.0.0.1/cgi-bin/webhook/send?key=k',
    'https://localhost/cgi-bin/webhook/send?key=k',
    'https://10.20.30.40/cgi-bin/webhook/send?key=k',
    'https://169.254.169.254/cgi-bin/webhook/send?key=k',
    'https://[::1]/cgi-bin/webhook/send?key=k',
    'https://[::ffff:192.168.1.1]/cgi-bin/webhook/send?key=k',
    'https://[fd12:3456::1]/cgi-bin/webhook/send?key=k',
    'file:///etc/passwd',
  ]) {
    const res = await admin.request('PUT', '/api/notification-channels', {
      sms: null,
      targets: [wecom(url)],
      allowedHosts: [],
    });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.equal(res.json().errors[0].field, 'body.targets.0.url');
  }
  const loopback = await admin.request('PUT', '/api/notification-channels', {
    sms: null,
    targets: [wecom('https://127.0.0.1/cgi-bin/webhook/send?key=k')],
    allowedHosts: [],
  });
  assert.equal(
    loopback.json().errors[0].text,
    '127.0.0.1 解析到内网或本机地址 127.0.0.1；须由管理员将该主机加入白名单',
    'the refusal in zh-CN',
  );
  const smsRes = await admin.request('PUT', '/api/notification-channels', {
    sms: {
      provider: 'aliyun',
      accessKeyId: 'id',
      accessKeySecret: 's',
      signName: '签名',
      endpoint: 'https://192.168.10.10/',
      templates: {},
    },
    targets: [],
    allowedHosts: [],
  });
  assert.equal(smsRes.statusCode, 400);
  assert.equal(smsRes.json().errors[0].field, 'body.sms.endpoint');

  // Allow-listed: saved; the GET masks secrets and the credential in the robot's URL.
  const saved = await configure({
    sms: {
      provider: 'aliyun',
      accessKeyId: 'LTAI-visible',
      accessKeySecret: 'top-secret-1',
      signName: '签名',
      endpoint: `${rx.base}/`,
      templates: {},
    },
    targets: [
      {
        key: 'dd',
        channel: 'dingtalk',
        name: 'dd',
        url: `${rx.base}/robot/send?access_token=tok-secret-2`,
        secret: 'SECsecret-3',
      },
    ],
  });
  const view = await admin.get('/api/notification-channels');
  assert.equal(view.statusCode, 200);
  for (const body of [JSON.stringify(saved), view.body]) {
    for (const secret of ['top-secret-1', 'tok-secret-2', 'SECsecret-3'])
      assert.ok(!body.includes(secret), secret);
  }
  assert.equal(view.json().sms.accessKeySecret, '********');
  assert.equal(view.json().sms.accessKeyId, 'LTAI-visible');
  assert.equal(view.json().targets[0].secret, '********');
  const events = await t.db
    .selectFrom('domain_event')
    .select(['before', 'after'])
    .where('type', '=', 'notification_channels.updated')
    .execute();
  assert.ok(events.length > 0);
  assert.ok(!JSON.stringify(events).includes('top-secret-1'), 'the audit trail masks secrets too');
  const eng = await makeStaff(t, ['tac_engineer']);
  assert.equal((await eng.client.get('/api/notification-channels')).statusCode, 403);

  // Send time: a stored target that now resolves to loopback (DNS changed) is held, not sent.
  await writeSetting(t.db, 'notifications.channels', {
    sms: null,
    targets: [
      {
        key: 'rebound',
        channel: 'wecom',
        name: 'rebound',
        url: `${rx.base.replace('127.0.0.1', 'localhost')}/cgi-bin/webhook/send?key=k`,
        secret: null,
        locale: 'zh-CN',
        events: ['case.opened'],
        priorities: [1],
      },
    ],
    allowedHosts: [],
  });
  rx.requests.length = 0;
  const c = await openCase(1);
  await drain();
  assert.equal(rx.requests.length, 0, 'nothing reached the loopback receiver');
  const [d] = (await outbox(`&caseId=${c.id}`)).filter((x) => x.channel === 'wecom');
  assert.equal(d!.status, 'held');
  assert.match(d!.lastError!, /target refused/);
  assert.deepEqual(d!.lastProblem, { problem: 'refused', params: {} });
});

test('unconfigured channels: no SMS rows without a provider; a robot removed later holds its messages', async () => {
  await configure({
    targets: [{ key: 'gone', channel: 'wecom', name: 'gone', url: `${rx.base}/cgi-bin/webhook/send?key=g` }],
  });
  const c = await openCase(1);
  await configure({});
  await drain();
  const rows = await outbox(`&caseId=${c.id}`);
  assert.equal(rows.filter((d) => d.channel === 'sms').length, 0);
  const [d] = rows.filter((x) => x.channel === 'wecom');
  assert.equal(d!.status, 'held');
  assert.match(d!.lastError!, /no wecom target "gone" configured/);
  assert.deepEqual(d!.lastProblem, { problem: 'target_missing', params: { target: 'gone' } });
  assert.equal(rx.requests.length, 0);
});
