/**
 * Message templates administrators edit, through the HTTP boundary: the list with placeholders and
 * defaults, an override that is what the customer then receives (read back from a real SMTP
 * server) and a robot then says (a local receiver), reset to the default, every change an event;
 * unknown placeholders, stray braces and multi-line subjects refused naming the field; no template
 * or value can add a mail header or inject HTML; the preview renders without saving.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { startReceiver, type Receiver } from './channel-receiver.ts';
import {
  headersOf,
  htmlOf,
  sendOutbox,
  startSmtpSink,
  subjectOf,
  textOf,
  type SmtpSink,
} from './smtp-sink.ts';

let t: TestApp;
let smtp: SmtpSink;
let rx: Receiver;
let admin: Client;
let hotline: Client;

before(async () => {
  smtp = await startSmtpSink();
  rx = await startReceiver();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  admin = (await makeStaff(t, ['admin'])).client;
  hotline = (await makeStaff(t, ['hotline_operator'])).client;
});
after(async () => {
  await t.close();
  await smtp.close();
  await rx.close();
});

const send = () => sendOutbox(t.db, smtp, () => new Date(Date.now() + 1_000));

interface Entry {
  kind: string;
  key: string;
  group: string;
  placeholders: string[];
  locales: Array<{
    locale: string;
    subject: string;
    body: string;
    overridden: boolean;
    default: { subject: string };
  }>;
}

async function template(kind: string, key: string): Promise<Entry> {
  const res = await admin.get('/api/message-templates');
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as Entry[]).find((e) => e.kind === kind && e.key === key)!;
}

async function openCase(title = '核心交换机宕机', priority = 3) {
  const customer = await makeCustomer(t);
  const res = await hotline.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title,
    description: '全部业务中断',
    priority,
  });
  assert.equal(res.statusCode, 201, res.body);
  return {
    ...(res.json() as { id: number; number: string }),
    customer,
    email: customer.contact.contact.email!,
  };
}

test('administrators see every template by event, per language, with its placeholders; nobody else does', async () => {
  const res = await admin.get('/api/message-templates');
  const items = res.json().items as Entry[];
  const opened = items.find((e) => e.kind === 'email' && e.key === 'case.opened')!;
  assert.equal(opened.group, 'new_case');
  assert.deepEqual(opened.placeholders, ['number', 'title', 'priority', 'organisation', 'link']);
  assert.deepEqual(
    opened.locales.map((l) => [l.locale, l.overridden, l.subject]),
    [
      ['zh-CN', false, '[{{number}}] 已受理：{{title}}'],
      ['en', false, '[{{number}}] Received: {{title}}'],
    ],
  );
  assert.ok(items.find((e) => e.key === 'case.replied')!.placeholders.includes('body'));
  assert.ok(items.find((e) => e.key === 'purchase_order.overdue')!.placeholders.includes('outstanding'));
  assert.deepEqual(
    items.filter((e) => e.kind === 'chat').map((e) => e.key),
    ['case.opened', 'case.assigned', 'case.escalated'],
  );
  const engineer = await makeStaff(t, ['tac_engineer']);
  assert.equal((await engineer.client.get('/api/message-templates')).statusCode, 403);
});

test('an edited template is what the customer receives; reset brings the default back; each change an event', async () => {
  const saved = await admin.put('/api/message-templates', {
    kind: 'email',
    key: 'case.opened',
    locale: 'zh-CN',
    subject: '【{{number}}】服务请求受理通知：{{ title }}',
    body: '尊敬的 {{organisation}}：\n\n您的请求已登记为 {{number}}（{{priority}}）。\n随时查看：{{link}}',
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const zh = saved.json().locales.find((l: { locale: string }) => l.locale === 'zh-CN');
  assert.equal(zh.overridden, true);
  assert.equal(zh.default.subject, '[{{number}}] 已受理：{{title}}');

  const c = await openCase('核心交换机宕机');
  smtp.inbox.length = 0;
  await send();
  const mail = smtp.inbox.find((m) => m.to.includes(c.email))!;
  assert.ok(mail, 'the customer got the mail');
  assert.equal(subjectOf(mail.raw), `【${c.number}】服务请求受理通知：核心交换机宕机`);
  const text = textOf(mail.raw);
  assert.match(text, new RegExp(`您的请求已登记为 ${c.number}（P3）。`));
  assert.match(text, new RegExp(`随时查看：https://tac\\.example\\.cn/portal/cases/${c.id}`));
  assert.match(htmlOf(mail.raw), new RegExp(`<a href="https://tac\\.example\\.cn/portal/cases/${c.id}">`));

  const reset = await admin.delete('/api/message-templates?kind=email&key=case.opened&locale=zh-CN');
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal(reset.json().locales[0].overridden, false);
  const again = await openCase('第二个案例');
  smtp.inbox.length = 0;
  await send();
  assert.equal(
    subjectOf(smtp.inbox.find((m) => m.to.includes(again.email))!.raw),
    `[${again.number}] 已受理：第二个案例`,
  );

  const events = (await admin.get('/api/audit-events?subjectType=message_template')).json().items as Array<{
    type: string;
    subjectId: string;
  }>;
  assert.deepEqual(
    events
      .filter((e) => e.subjectId === 'email:case.opened:zh-CN')
      .map((e) => e.type)
      .sort(),
    ['message_template.reset', 'message_template.updated'],
  );
});

test('unknown placeholders, stray braces and a subject without the case number are refused, naming the field', async () => {
  const put = (subject: string, body: string) =>
    admin.put('/api/message-templates', { kind: 'email', key: 'case.resolved', locale: 'en', subject, body });
  const fields = async (subject: string, body: string) => {
    const res = await put(subject, body);
    assert.equal(res.statusCode, 400, res.body);
    return (res.json().errors as Array<{ field: string; message: string }>).map((e) => e.field);
  };
  assert.deepEqual(await fields('[{{number}}] done', 'see {{secret}}'), ['body.body']);
  const unknownName = (await put('[{{number}}] done', 'see {{secret}}')).json().errors[0];
  assert.match(unknownName.message, /\{\{secret\}\}.*allowed/);
  assert.match(unknownName.text, /^不认识的占位符 \{\{secret\}\}；可用：\{\{/);
  assert.deepEqual(await fields('[{{number}}] {{title', 'ok {{link}}'), ['body.subject']);
  assert.deepEqual(await fields('[{{number}}] done', 'ok {{link}} }}'), ['body.body']);
  assert.deepEqual(await fields('[{{number}}] done', '{{{title}}}'), ['body.body']);
  assert.deepEqual(await fields('Resolved: {{title}}', 'ok'), ['body.subject']);
  assert.deepEqual(await fields('[{{number}}] {{rma}}', '{{dueAt}}'), ['body.subject', 'body.body']);
  const unknown = await admin.put('/api/message-templates', {
    kind: 'email',
    key: 'case.nonexistent',
    locale: 'en',
    subject: '[{{number}}]',
    body: 'x',
  });
  assert.equal(unknown.json().errors[0].field, 'body.key');
  const entry = await template('email', 'case.resolved');
  assert.ok(
    entry.locales.every((l) => !l.overridden),
    'nothing was saved',
  );
});

test('the subject stays one line: no template and no value can add a mail header', async () => {
  const injected = await admin.put('/api/message-templates', {
    kind: 'email',
    key: 'case.replied',
    locale: 'zh-CN',
    subject: '[{{number}}] 回复\r\nBcc: thief@evil.example',
    body: '{{body}}',
  });
  assert.equal(injected.statusCode, 400);
  assert.equal(injected.json().errors[0].field, 'body.subject');

  // The reply's own text, lines and all, placed in the subject: it arrives on one line.
  const saved = await admin.put('/api/message-templates', {
    kind: 'email',
    key: 'case.replied',
    locale: 'zh-CN',
    subject: '[{{number}}] {{body}}',
    body: '{{body}}\n{{link}}',
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const c = await openCase('回复测试');
  const engineer = await makeStaff(t, ['tac_engineer']);
  const reply = await engineer.client.post(`/api/cases/${c.id}/entries`, {
    kind: 'reply',
    body: '请检查电源\r\nBcc: thief@evil.example\r\n\r\n<b>injected</b>',
  });
  assert.equal(reply.statusCode, 201, reply.body);
  smtp.inbox.length = 0;
  await send();
  const mail = smtp.inbox.find((m) => m.to.includes(c.email) && /请检查电源/.test(subjectOf(m.raw)))!;
  assert.ok(mail);
  assert.deepEqual(mail.to, [c.email]);
  assert.ok(!smtp.inbox.some((m) => m.to.includes('thief@evil.example')));
  assert.doesNotMatch(headersOf(mail.raw), /^Bcc:/im);
  assert.equal(subjectOf(mail.raw), `[${c.number}] 请检查电源 Bcc: thief@evil.example <b>injected</b>`);
  assert.match(htmlOf(mail.raw), /&lt;b&gt;injected&lt;\/b&gt;/);
  assert.doesNotMatch(htmlOf(mail.raw), /<b>injected/);
  await admin.delete('/api/message-templates?kind=email&key=case.replied&locale=zh-CN');
});

test('values are escaped in the HTML part, whatever the template says', async () => {
  const c = await openCase('<img src=x onerror=alert(1)> & "交换机"');
  smtp.inbox.length = 0;
  await send();
  const html = htmlOf(smtp.inbox.find((m) => m.to.includes(c.email))!.raw);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;交换机&quot;/);
  assert.doesNotMatch(html, /<img/);
});

test('the preview renders subject, text and HTML from sample data or a case, and saves nothing', async () => {
  const preview = await admin.post('/api/message-templates/preview', {
    kind: 'email',
    key: 'case.assigned',
    locale: 'en',
    subject: '[{{number}}] Yours now: {{title}}',
    body: 'Case {{number}} ({{priority}}) for {{organisation}}.\n{{link}}',
  });
  assert.equal(preview.statusCode, 200, preview.body);
  const p = preview.json();
  assert.equal(p.subject, '[TAC-2026-000123] Yours now: Core switch down');
  assert.match(p.text, /^Case TAC-2026-000123 \(P1\) for Example Bank, Shanghai branch\.\nhttp/);
  assert.match(p.html, /<p>Case TAC-2026-000123 \(P1\) for Example Bank, Shanghai branch\.<\/p>/);

  const c = await openCase('<script>预览</script>', 2);
  const real = await admin.post('/api/message-templates/preview', {
    kind: 'email',
    key: 'case.assigned',
    locale: 'zh-CN',
    subject: '[{{number}}] {{title}}',
    body: '{{title}}',
    caseNumber: c.number,
  });
  assert.equal(real.statusCode, 200, real.body);
  assert.equal(real.json().subject, `[${c.number}] <script>预览</script>`);
  assert.match(real.json().html, /&lt;script&gt;预览&lt;\/script&gt;/);
  assert.match(real.json().text, new RegExp(`^<script>预览</script>`));

  const missing = await admin.post('/api/message-templates/preview', {
    kind: 'email',
    key: 'case.assigned',
    locale: 'zh-CN',
    subject: '[{{number}}] {{title}}',
    body: '{{title}}',
    caseNumber: 'TAC-1999-000001',
  });
  assert.equal(missing.json().errors[0].field, 'body.caseNumber');
  const bad = await admin.post('/api/message-templates/preview', {
    kind: 'email',
    key: 'case.assigned',
    locale: 'zh-CN',
    subject: '[{{number}}] {{title}}',
    body: '{{nope}}',
  });
  assert.equal(bad.json().errors[0].field, 'body.body');
  assert.ok((await template('email', 'case.assigned')).locales.every((l) => !l.overridden));
});

test('a robot’s wording can be edited too: the group robot says the new title', async () => {
  const channels = await admin.put('/api/notification-channels', {
    sms: null,
    targets: [
      {
        key: 'ops',
        channel: 'wecom',
        name: '运维群',
        locale: 'en',
        url: `${rx.base}/cgi-bin/webhook/send?key=tpl`,
        events: ['case.opened'],
      },
    ],
    allowedHosts: ['127.0.0.1'],
  });
  assert.equal(channels.statusCode, 200, channels.body);
  rx.respond = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
  const preview = await admin.post('/api/message-templates/preview', {
    kind: 'chat',
    key: 'case.opened',
    locale: 'en',
    subject: '{{priority}} ALERT {{number}}: {{title}}',
    body: 'Who: {{organisation}}',
  });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().subject, 'P1 ALERT TAC-2026-000123: Core switch down');
  assert.equal(preview.json().html, null);
  const saved = await admin.put('/api/message-templates', {
    kind: 'chat',
    key: 'case.opened',
    locale: 'en',
    subject: '{{priority}} ALERT {{number}}: {{title}}',
    body: 'Who: {{organisation}}',
  });
  assert.equal(saved.statusCode, 200, saved.body);

  const c = await openCase('Core switch down', 1);
  rx.requests.length = 0;
  await send();
  const robot = rx.requests.find((r) => r.url.pathname === '/cgi-bin/webhook/send')!;
  assert.ok(robot, 'the robot heard of the case');
  const content = JSON.parse(robot.body).markdown.content as string;
  assert.match(content, new RegExp(`P1 ALERT ${c.number}: Core switch down`));
  assert.match(content, new RegExp(`Who: ${c.customer.org.name}`));
});
