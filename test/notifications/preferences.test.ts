/**
 * Notification preferences through the HTTP boundary: the defaults are today's behaviour, a message
 * a person switched off is not written, mandatory ones (an escalation step, a duty engineer's P1
 * SMS) go anyway, nobody reaches another's preferences, and quiet hours hold e-mail and SMS until
 * they end — except for a P1 case — with the clock moved, a real SMTP server and an SMS receiver.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { quietUntil } from '../../src/modules/notifications/quiet-hours.ts';
import { sweepEscalations } from '../../src/modules/sla/server/index.ts';
import { Client, createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { startReceiver, type Receiver } from './channel-receiver.ts';
import { sendOutbox, startSmtpSink, subjectOf, type SmtpSink } from './smtp-sink.ts';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;
/** A Shanghai day number at least a week ahead that is a Monday: rows stamped now() are due by then. */
const monday = (() => {
  const day = Math.floor((Date.now() + SHANGHAI_MS) / DAY_MS) + 7;
  const isoWeekday = ((day + 3) % 7) + 1;
  return day + ((8 - isoWeekday) % 7);
})();
/** Shanghai wall-clock time on a day number. */
const at = (day: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(day * DAY_MS + (h! * 60 + m!) * 60_000 - SHANGHAI_MS);
};

let now = at(monday, '15:00');
let t: TestApp;
let smtp: SmtpSink;
let rx: Receiver;
let admin: Client;
let hotline: Client;

before(async () => {
  smtp = await startSmtpSink();
  rx = await startReceiver();
  rx.respond = () => ({ status: 200, json: { Code: 'OK', Message: 'OK', BizId: 'biz', RequestId: 'r' } });
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  admin = (await makeStaff(t, ['admin'])).client;
  hotline = (await makeStaff(t, ['hotline_operator'])).client;
  const put = await admin.put('/api/notification-channels', {
    sms: {
      provider: 'aliyun',
      accessKeyId: 'LTAI-prefs',
      accessKeySecret: 'prefs-secret',
      signName: '华信技术',
      endpoint: `${rx.base}/sms/`,
      templates: {
        'case.assigned': { code: 'SMS_480001', params: ['number'] },
        'case.escalated': { code: 'SMS_480002', params: ['number'] },
      },
    },
    targets: [],
    allowedHosts: ['127.0.0.1'],
  });
  assert.equal(put.statusCode, 200, put.body);
});
after(async () => {
  await t.close();
  await smtp.close();
  await rx.close();
});

const send = () => sendOutbox(t.db, smtp, () => now);

let seq = 0;
/** A staff member with an e-mail address and a mobile. */
async function person(roles: Parameters<typeof makeStaff>[1]) {
  const staff = await makeStaff(t, roles);
  const n = ++seq;
  const email = `p${n}@tac.example.cn`;
  const res = await admin.patch(`/api/users/${staff.user.id}`, {
    email,
    phone: `1390000${String(n).padStart(4, '0')}`,
  });
  assert.equal(res.statusCode, 200, res.body);
  return { ...staff, email, mobile: `1390000${String(n).padStart(4, '0')}` };
}

async function openCase(
  customer: Awaited<ReturnType<typeof makeCustomer>>,
  priority: number,
  assigneeId?: number,
) {
  const res = await hotline.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: `优先级 ${priority} 故障`,
    description: '业务中断',
    priority,
    ...(assigneeId ? { assigneeId } : {}),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; number: string };
}

async function outbox(caseId: number) {
  const res = await admin.get(`/api/deliveries?caseId=${caseId}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as Array<{ channel: string; recipient: string; template: string; status: string }>)
    .map((d) => `${d.channel} ${d.recipient} ${d.template}`)
    .sort();
}

const customerWithContract = () =>
  makeCustomer(t, { contract: { startsOn: '2026-01-01', endsOn: '2099-12-31' } });

test('the defaults are today’s behaviour: everything on, escalations locked; a contact has e-mail only', async () => {
  const engineer = await makeStaff(t, ['tac_engineer']);
  const p = (await engineer.client.get('/api/me/notification-preferences')).json();
  assert.deepEqual(p.channels, ['email', 'sms']);
  assert.deepEqual(
    p.groups.map((g: { group: string }) => g.group),
    ['new_case', 'reply', 'escalation', 'rma', 'reminders'],
  );
  const group = (name: string) => p.groups.find((g: { group: string }) => g.group === name);
  assert.deepEqual(group('escalation').channels.email, {
    available: true,
    enabled: true,
    locked: true,
    alwaysForP1: false,
  });
  assert.equal(group('escalation').channels.sms.locked, true);
  assert.equal(group('new_case').channels.sms.available, true, 'a P1/P2 assignment goes by SMS');
  assert.equal(group('reply').channels.sms.available, false, 'replies never go by SMS');
  assert.ok(p.groups.every((g: { channels: { email: { enabled: boolean } } }) => g.channels.email.enabled));
  assert.equal(p.quietHours, null);
  assert.equal(p.timeZone, 'Asia/Shanghai');

  const customer = await customerWithContract();
  const c = (await customer.contact.client.get('/api/me/notification-preferences')).json();
  assert.deepEqual(c.channels, ['email']);
  assert.deepEqual(
    c.groups.map((g: { group: string }) => g.group),
    ['new_case', 'reply', 'resolved', 'rma'],
  );
  assert.ok(c.groups.every((g: { channels: { sms: { available: boolean } } }) => !g.channels.sms.available));
});

test('a message a person switched off is not written; everyone else still gets theirs', async () => {
  const engineer = await person(['tac_engineer']);
  const customer = await customerWithContract();
  const off = await engineer.client.put('/api/me/notification-preferences', {
    groups: { new_case: { email: false } },
  });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal(off.json().groups[0].channels.email.enabled, false);
  const contactOff = await customer.contact.client.put('/api/me/notification-preferences', {
    groups: { reply: { email: false } },
  });
  assert.equal(contactOff.statusCode, 200, contactOff.body);

  const c = await openCase(customer, 3, engineer.user.id);
  const contactEmail = customer.contact.contact.email!;
  assert.deepEqual(
    await outbox(c.id),
    [`email ${contactEmail} case.opened`],
    'no assignment mail to the engineer',
  );

  assert.equal(
    (await engineer.client.post(`/api/cases/${c.id}/entries`, { kind: 'reply', body: '请重启设备' }))
      .statusCode,
    201,
  );
  const fromCustomer = await customer.contact.client.post(`/api/cases/${c.id}/entries`, {
    kind: 'reply',
    body: '已重启，仍然故障',
  });
  assert.equal(fromCustomer.statusCode, 201, fromCustomer.body);
  assert.deepEqual(
    await outbox(c.id),
    [`email ${contactEmail} case.opened`, `email ${engineer.email} case.replied`].sort(),
    'the contact switched replies off; the engineer did not',
  );

  const events = (await admin.get('/api/audit-events?type=notification_preferences.updated')).json().items;
  assert.ok(events.some((e: { subjectId: string }) => e.subjectId === String(engineer.user.id)));
});

test('mandatory messages cannot be switched off and are written whatever is stored', async () => {
  const manager = await person(['manager1']);
  const refused = await manager.client.put('/api/me/notification-preferences', {
    groups: { reply: { email: false }, escalation: { email: false } },
  });
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().errors[0].field, 'body.groups.escalation.email');
  // `message` stays English for API clients; the reader (zh-CN here) gets `text` in zh-CN.
  assert.equal(refused.json().errors[0].text, '不能关闭：点名通知您的升级步骤总会发送');
  const unchanged = (await manager.client.get('/api/me/notification-preferences')).json();
  assert.equal(
    unchanged.groups.find((g: { group: string }) => g.group === 'reply').channels.email.enabled,
    true,
  );
  const noSmsForReplies = await manager.client.put('/api/me/notification-preferences', {
    groups: { reply: { sms: false } },
  });
  assert.equal(noSmsForReplies.json().errors[0].field, 'body.groups.reply.sms');

  const customer = await customerWithContract();
  const contactSms = await customer.contact.client.put('/api/me/notification-preferences', {
    groups: { new_case: { sms: false } },
  });
  assert.equal(contactSms.statusCode, 400);
  assert.equal(contactSms.json().errors[0].field, 'body.groups.new_case.sms');
  assert.equal(contactSms.json().errors[0].text, '客户联系人只接收邮件通知');

  // An opt-out stored anyway (an older client, a restore) does not silence an escalation step.
  await t.db
    .insertInto('notification_preference')
    .values({
      user_id: manager.user.id,
      opt_outs: JSON.stringify(['escalation:email', 'escalation:sms']),
      quiet_start: null,
      quiet_end: null,
      quiet_weekends: false,
    })
    .execute();
  const c = await openCase(customer, 1);
  now = new Date(now.getTime() + 11 * 60_000);
  assert.ok((await sweepEscalations({ db: t.db, now })).fired >= 1);
  const rows = await outbox(c.id);
  assert.ok(rows.includes(`email ${manager.email} case.escalated`), rows.join('\n'));
  assert.ok(rows.includes(`sms +86${manager.mobile} case.escalated`), rows.join('\n'));
});

test('a duty engineer’s P1 SMS goes although new-case SMS is off; a P2 one does not', async () => {
  const duty = await person(['duty_engineer']);
  const res = await duty.client.put('/api/me/notification-preferences', {
    groups: { new_case: { sms: false } },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cell = res.json().groups.find((g: { group: string }) => g.group === 'new_case').channels.sms;
  assert.deepEqual(cell, { available: true, enabled: false, locked: false, alwaysForP1: true });

  const customer = await customerWithContract();
  const p1 = await openCase(customer, 1, duty.user.id);
  const p2 = await openCase(customer, 2, duty.user.id);
  assert.ok((await outbox(p1.id)).includes(`sms +86${duty.mobile} case.assigned`));
  const p2Rows = await outbox(p2.id);
  assert.ok(!p2Rows.some((r) => r.startsWith('sms ')), p2Rows.join('\n'));
  assert.ok(p2Rows.includes(`email ${duty.email} case.assigned`));
});

test('nobody reads or sets another person’s preferences', async () => {
  const a = await makeStaff(t, ['tac_engineer']);
  const b = await makeStaff(t, ['tac_engineer']);
  const set = await a.client.put('/api/me/notification-preferences', {
    quietHours: { start: '22:00', end: '08:00' },
    userId: b.user.id,
  });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json().quietHours, { start: '22:00', end: '08:00', weekends: false });
  assert.equal((await b.client.get('/api/me/notification-preferences')).json().quietHours, null);
  const bad = await a.client.put('/api/me/notification-preferences', {
    quietHours: { start: '22:00', end: '22:00' },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.quietHours.end');
  assert.equal(bad.json().errors[0].text, '结束时间不能与开始时间相同');

  // An API token acts for an integration, not a person: it has no preferences.
  const token = await admin.post('/api/api-tokens', {
    name: '集成',
    scope: { kind: 'role', role: 'tac_engineer' },
  });
  assert.equal(token.statusCode, 201, token.body);
  const integration = new Client(t.app);
  integration.bearer = token.json().token;
  assert.equal((await integration.get('/api/me/notification-preferences')).statusCode, 403);
});

test('quiet hours hold e-mail and SMS until they end, in the person’s time zone; a P1 case goes at once', async () => {
  const engineer = await person(['tac_engineer']);
  const quiet = await engineer.client.put('/api/me/notification-preferences', {
    quietHours: { start: '22:00', end: '08:00', weekends: false },
  });
  assert.equal(quiet.statusCode, 200, quiet.body);
  const customer = await customerWithContract();
  now = at(monday, '23:00');
  smtp.inbox.length = 0;
  rx.requests.length = 0;

  const p2 = await openCase(customer, 2, engineer.user.id);
  await send();
  const mine = () => smtp.inbox.filter((m) => m.to.includes(engineer.email));
  const smsTo = () =>
    rx.requests.filter((r) => new URLSearchParams(r.body).get('PhoneNumbers') === engineer.mobile);
  assert.equal(mine().length, 0, 'no mail at 23:00');
  assert.equal(smsTo().length, 0, 'no SMS at 23:00');
  const held = await t.db
    .selectFrom('delivery')
    .select(['channel', 'status', 'next_attempt_at', 'attempts'])
    .where('case_id', '=', p2.id)
    .where('recipient_user_id', '=', engineer.user.id)
    .execute();
  assert.deepEqual(held.map((d) => d.channel).sort(), ['email', 'sms']);
  for (const d of held) {
    assert.equal(d.status, 'pending');
    assert.equal(d.attempts, 0, 'waiting is not a failed attempt');
    assert.equal(d.next_attempt_at.toISOString(), at(monday + 1, '08:00').toISOString());
  }

  const p1 = await openCase(customer, 1, engineer.user.id);
  await send();
  assert.equal(mine().length, 1, 'the P1 assignment goes at once');
  assert.match(subjectOf(mine()[0]!.raw), new RegExp(p1.number));
  assert.equal(smsTo().length, 1);

  now = at(monday + 1, '07:59');
  await send();
  assert.equal(mine().length, 1);
  now = at(monday + 1, '08:00');
  await send();
  assert.equal(mine().length, 2, 'sent when the quiet hours end');
  assert.match(subjectOf(mine()[1]!.raw), new RegExp(p2.number));
  assert.equal(smsTo().length, 2);

  // Read in the account's own zone: 22:00–08:00 in Berlin is 05:00–15:00 in Shanghai (winter).
  assert.equal((await engineer.client.patch('/api/me', { timeZone: 'Europe/Berlin' })).statusCode, 200);
  assert.equal(
    (await engineer.client.get('/api/me/notification-preferences')).json().timeZone,
    'Europe/Berlin',
  );
  now = at(monday + 1, '10:00');
  const p3 = await openCase(customer, 3, engineer.user.id);
  await send();
  const row = await t.db
    .selectFrom('delivery')
    .select(['status', 'next_attempt_at'])
    .where('case_id', '=', p3.id)
    .where('recipient_user_id', '=', engineer.user.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(
    row.next_attempt_at.getTime(),
    quietUntil({ start: '22:00', end: '08:00', weekends: false }, 'Europe/Berlin', now)!.getTime(),
  );
});

test('the quiet-hours calculator: overnight ranges, quiet weekends, daylight saving, an unknown zone', () => {
  const sh = (iso: string) => new Date(`${iso}+08:00`);
  const night = { start: '22:00', end: '08:00', weekends: false };
  assert.equal(quietUntil(night, 'Asia/Shanghai', sh('2026-03-09T21:59:00')), null);
  assert.deepEqual(quietUntil(night, 'Asia/Shanghai', sh('2026-03-09T22:00:00')), sh('2026-03-10T08:00:00'));
  assert.deepEqual(quietUntil(night, 'Asia/Shanghai', sh('2026-03-10T07:59:00')), sh('2026-03-10T08:00:00'));
  assert.equal(quietUntil(night, 'Asia/Shanghai', sh('2026-03-10T08:00:00')), null);
  // Friday night with quiet weekends: Monday 08:00.
  const weekend = { ...night, weekends: true };
  assert.deepEqual(
    quietUntil(weekend, 'Asia/Shanghai', sh('2026-03-13T23:30:00')),
    sh('2026-03-16T08:00:00'),
  );
  assert.deepEqual(
    quietUntil(weekend, 'Asia/Shanghai', sh('2026-03-14T12:00:00')),
    sh('2026-03-16T08:00:00'),
  );
  // A daytime range; Berlin moves to summer time on 2026-03-29 (08:00 local is then 06:00 UTC).
  const lunch = { start: '12:00', end: '14:00', weekends: false };
  assert.deepEqual(
    quietUntil(lunch, 'Europe/Berlin', new Date('2026-03-10T11:30:00Z')),
    new Date('2026-03-10T13:00:00Z'),
  );
  assert.deepEqual(
    quietUntil(night, 'Europe/Berlin', new Date('2026-03-29T00:30:00Z')),
    new Date('2026-03-29T06:00:00Z'),
  );
  assert.deepEqual(quietUntil(night, 'Not/AZone', sh('2026-03-10T03:00:00')), sh('2026-03-10T08:00:00'));
});
