/**
 * An escalation step of a P1 case reaches the group robots that follow escalations and, by SMS,
 * the managers the step names; both through the local receiver, with the clock moved.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { createContract } from '../../src/modules/contracts/server/index.ts';
import { sweepEscalations } from '../../src/modules/sla/server/index.ts';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import { makeStandardServiceLevel, sh } from '../sla/sla-builders.ts';
import { createTestApp, makeOrganisation, makeStaff, type TestApp } from '../harness/test-app.ts';
import { aliyunExpectedSignature, startReceiver, type Receiver } from './channel-receiver.ts';

let now = sh('2026-03-09T22:30:00');
let t: TestApp;
let rx: Receiver;

before(async () => {
  rx = await startReceiver();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
});
after(async () => {
  await t.close();
  await rx.close();
});

test('a P1 escalation step goes to the escalation robot and by SMS to the manager it names', async () => {
  const levelId = await makeStandardServiceLevel(t, {
    code: 'STD',
    name: '标准服务',
    resolutionMinutes: (p) => 480 * p,
  });
  const org = await makeOrganisation(t, '升级通知客户');
  await createContract({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      number: 'HT-CH-1',
      organisationId: org.id,
      serviceLevelId: levelId,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      state: 'active',
      coversAllSites: true,
      siteIds: [],
      serials: [],
    },
  });
  const admin = (await makeStaff(t, ['admin'])).client;
  const hotline = (await makeStaff(t, ['hotline_operator'])).client;
  const manager = await makeStaff(t, ['manager1']);
  assert.equal(
    (await admin.patch(`/api/users/${manager.user.id}`, { phone: '+86 139-1234-5678' })).statusCode,
    200,
  );
  const put = await admin.request('PUT', '/api/notification-channels', {
    sms: {
      provider: 'aliyun',
      accessKeyId: 'LTAI-esc',
      accessKeySecret: 'esc-secret',
      signName: '华信技术',
      endpoint: `${rx.base}/sms/`,
      templates: { 'case.escalated': { code: 'SMS_470001', params: ['number', 'elapsedHours'] } },
    },
    targets: [
      {
        key: 'escalations',
        channel: 'wecom',
        name: '升级通报群',
        url: `${rx.base}/cgi-bin/webhook/send?key=esc`,
        events: ['case.escalated'],
      },
    ],
    allowedHosts: ['127.0.0.1'],
  });
  assert.equal(put.statusCode, 200, put.body);

  const opened = await hotline.post('/api/cases', {
    organisationId: org.id,
    title: '核心交换机宕机',
    description: '全部业务中断',
    priority: 1,
  });
  assert.equal(opened.statusCode, 201, opened.body);
  const { id, number } = opened.json();
  now = new Date(now.getTime() + 10 * 60_000);
  assert.equal((await sweepEscalations({ db: t.db, now })).fired, 1);

  rx.respond = (req) =>
    req.url.pathname === '/sms/'
      ? { status: 200, json: { Code: 'OK', Message: 'OK', BizId: 'biz-esc', RequestId: 'r' } }
      : { status: 200, json: { errcode: 0, errmsg: 'ok' } };
  const sender = new DeliverySender({
    db: t.db,
    mailer: null,
    publicUrl: 'https://tac.example.cn',
    clock: () => new Date(Date.now() + 1_000),
  });
  while ((await sender.runOnce()) > 0);

  const robot = rx.requests.find((r) => r.url.pathname === '/cgi-bin/webhook/send')!;
  assert.ok(robot, 'the robot heard of the escalation (and not of the new case)');
  assert.equal(rx.requests.filter((r) => r.url.pathname === '/cgi-bin/webhook/send').length, 1);
  assert.match(
    JSON.parse(robot.body).markdown.content,
    new RegExp(`【升级】P1 案例 ${number} 已 0\\.2 小时未确诊`),
  );

  const sms = rx.requests.find((r) => r.url.pathname === '/sms/')!;
  const params = new URLSearchParams(sms.body);
  assert.equal(params.get('Signature'), aliyunExpectedSignature(params, 'esc-secret', 'POST'));
  assert.equal(params.get('PhoneNumbers'), '13912345678');
  assert.equal(params.get('TemplateCode'), 'SMS_470001');
  assert.deepEqual(JSON.parse(params.get('TemplateParam')!), { number, elapsedHours: '0.2' });

  const outbox = (await admin.get(`/api/deliveries?caseId=${id}`)).json().items as Array<{
    channel: string;
    template: string;
    status: string;
  }>;
  assert.deepEqual(
    outbox
      .filter((d) => d.channel !== 'email')
      .map((d) => [d.channel, d.template, d.status])
      .sort(),
    [
      ['sms', 'case.escalated', 'sent'],
      ['wecom', 'case.escalated', 'sent'],
    ],
  );
});
