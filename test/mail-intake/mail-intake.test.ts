/**
 * E-mail in, as people see it: a mail from a known contact (posted to the mail-gate the way an
 * MTA does) opens an e-mail case with its Chinese decoded from GBK, GB2312, GB18030 or Big5 and
 * its attachments on the case; a reply — by our References or by the case number in the subject —
 * is the contact's public entry on the case without the quoted history, on the survivor of a
 * merge, reopening a closed case within the reopen window; anyone else's reply waits in quarantine.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeContactUser, type TestApp } from '../harness/test-app.ts';
import { KNOWN_SENDER, fixture, makeMailWorld, withMessageId, type MailWorld } from './mail-builders.ts';

let t: TestApp;
let w: MailWorld;
let now = new Date('2026-03-10T01:00:00Z');

before(async () => {
  t = await createTestApp({}, {}, () => now);
  w = await makeMailWorld(t);
});
after(() => t?.close());

async function openedCase(name: string, messageId?: string) {
  const raw = messageId ? withMessageId(fixture(name), messageId) : fixture(name);
  const res = await w.gate(raw);
  assert.equal(res.statusCode, 202, res.body);
  const result = res.json();
  assert.equal(result.outcome, 'opened', res.body);
  const c = await w.hotline.get(`/api/cases/${result.caseId}`);
  assert.equal(c.statusCode, 200);
  return { result, case: c.json() };
}

const entries = async (caseId: number) => (await w.hotline.get(`/api/cases/${caseId}/entries`)).json().items;

test('a GBK mail from a known contact opens an e-mail case with the Chinese decoded', async () => {
  const { case: c } = await openedCase('foxmail-gbk-base64.eml');
  assert.equal(c.title, '核心交换机 S7706 板卡告警，业务中断');
  assert.equal(c.channel, 'email');
  assert.equal(c.organisation.id, w.organisation.id);
  assert.equal(c.contact.id, w.contact.id);
  assert.match(c.description, /设备序列号：2102351931P0K3000123。请尽快安排工程师处理。/);
});

test('GB2312 quoted-printable, GB18030 and Big5 mail is decoded', async () => {
  const cases = {
    'outlook-gb2312-qp.eml': ['存储阵列硬盘故障', /控制器 A 的 12 号硬盘亮红灯/],
    'qqmail-gb18030.eml': ['机房空调告警（䶮字测试）', /生僻字：𠮷、䶮/],
    'big5-taiwan.eml': ['防火牆無法連線，請協助處理', /台北分行的防火牆/],
  } as const;
  for (const [name, [title, description]] of Object.entries(cases)) {
    const { case: c } = await openedCase(name);
    assert.equal(c.title, title, name);
    assert.match(c.description, description, name);
  }
});

test('nested multipart: the inline image and the PDF with a GBK name are public case attachments', async () => {
  const { case: c, result } = await openedCase('nested-multipart.eml');
  assert.equal(c.description, '服务器 RH2288 V3 宕机，截图见正文，巡检报告见附件。');
  const files = (await w.hotline.get(`/api/cases/${c.id}/attachments`)).json().items;
  assert.deepEqual(
    files.map((f: { fileName: string; visibility: string; mediaType: string }) => [
      f.fileName,
      f.visibility,
      f.mediaType,
    ]),
    [
      ['screenshot.png', 'public', 'image/png'],
      ['巡检报告.pdf', 'public', 'application/pdf'],
    ],
  );
  // The operator's copy of the mail shows the inline image from our own URL.
  const mail = (await w.hotline.get(`/api/inbound-mail/${result.inboundMailId}`)).json();
  const image = mail.attachments.find((a: { fileName: string }) => a.fileName === 'screenshot.png');
  assert.equal(image.inline, true);
  assert.ok(mail.html.includes(`<img alt="截图" src="${image.downloadUrl}" />`), mail.html);
  const download = await w.hotline.get(image.downloadUrl);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'image/png');
  // The viewer's sandboxed frame sends no session: its HTML carries the image itself.
  const embedded = `src="data:image/png;base64,${download.rawPayload.toString('base64')}"`;
  assert.ok(mail.displayHtml.includes(`<img alt="截图" ${embedded} />`), mail.displayHtml);
  assert.ok(!mail.displayHtml.includes(image.downloadUrl), mail.displayHtml);
});

test('a reply with our References is the contact’s public reply, without the quoted history', async () => {
  const portal = await makeContactUser(t, w.organisation.id);
  await t.db
    .updateTable('contact')
    .set({ email: 'Li.Si@customer-a.example.cn' })
    .where('id', '=', portal.contact.id)
    .execute();
  const { case: c } = await openedCase('foxmail-gbk-base64.eml', 'reply-test-1@customer-a.example.cn');
  const res = await w.gate(fixture('reply-references.eml', { caseId: c.id }));
  assert.equal(res.statusCode, 202);
  assert.deepEqual(
    { ...(res.json() as object), inboundMailId: 0 },
    { outcome: 'replied', inboundMailId: 0, caseId: c.id, reason: null },
  );
  const reply = (await entries(c.id)).find((e: { kind: string }) => e.kind === 'reply');
  assert.equal(reply.body, '已经按工程师的建议重启板卡，告警消除，谢谢！');
  assert.equal(reply.visibility, 'public');
  assert.deepEqual(reply.author, { kind: 'contact', id: null, label: '张伟' });
  // The customer sees it on the portal too.
  const seen = (await portal.client.get(`/api/cases/${c.id}/entries`)).json().items;
  assert.ok(seen.some((e: { body: string }) => e.body === '已经按工程师的建议重启板卡，告警消除，谢谢！'));
});

test('a reply with only the case number in the subject lands on that case', async () => {
  const { case: c } = await openedCase('foxmail-gbk-base64.eml', 'reply-test-2@customer-a.example.cn');
  const res = await w.gate(fixture('reply-subject-number.eml', { caseNumber: c.number }));
  assert.equal(res.json().outcome, 'replied');
  assert.equal(res.json().caseId, c.id);
  const replies = (await entries(c.id)).filter((e: { kind: string }) => e.kind === 'reply');
  assert.deepEqual(
    replies.map((e: { body: string }) => e.body),
    ['备件已经收到，明天上午安排更换。'],
  );
  // English Outlook quoting is cut as well.
  const english = await w.gate(fixture('outlook-english-reply.eml', { caseNumber: c.number }));
  assert.equal(english.json().outcome, 'replied');
  const last = (await entries(c.id)).filter((e: { kind: string }) => e.kind === 'reply').at(-1);
  assert.equal(last.body, 'The replacement board works, please close the case.');
});

test('a reply to a merged case lands on the case it was merged into', async () => {
  const { case: merged } = await openedCase('foxmail-gbk-base64.eml', 'merge-1@customer-a.example.cn');
  const { case: survivor } = await openedCase('foxmail-gbk-base64.eml', 'merge-2@customer-a.example.cn');
  const res = await w.hotline.post(`/api/cases/${merged.id}/merge`, {
    intoCaseId: survivor.id,
    reason: '重复',
  });
  assert.equal(res.statusCode, 200, res.body);
  const reply = await w.gate(
    withMessageId(fixture('reply-references.eml', { caseId: merged.id }), 'merge-reply@qq.com'),
  );
  assert.equal(reply.json().outcome, 'replied');
  assert.equal(reply.json().caseId, survivor.id);
});

test('a reply to a closed case reopens it within the reopen window; later it waits in quarantine', async () => {
  const { case: c } = await openedCase('foxmail-gbk-base64.eml', 'closed-1@customer-a.example.cn');
  for (const to of ['in_progress', 'resolved', 'closed']) {
    const res = await w.admin.post(`/api/cases/${c.id}/transitions`, { to });
    assert.equal(res.statusCode, 200, `${to}: ${res.body}`);
  }
  const within = await w.gate(
    withMessageId(fixture('reply-subject-number.eml', { caseNumber: c.number }), 'closed-r1@x'),
  );
  assert.equal(within.json().outcome, 'replied');
  const reopened = (await w.hotline.get(`/api/cases/${c.id}`)).json();
  assert.equal(reopened.state, 'in_progress');
  for (const to of ['resolved', 'closed']) await w.admin.post(`/api/cases/${c.id}/transitions`, { to });
  now = new Date(now.getTime() + 15 * 86_400_000); // the default window is 14 days
  const late = await w.gate(
    withMessageId(fixture('reply-subject-number.eml', { caseNumber: c.number }), 'closed-r2@x'),
  );
  assert.equal(late.json().outcome, 'quarantined');
  assert.equal(late.json().reason, 'case_closed');
  assert.equal((await w.hotline.get(`/api/cases/${c.id}`)).json().state, 'closed');
});

test('a reply from someone outside the case’s customer waits in quarantine', async () => {
  const { case: c } = await openedCase('foxmail-gbk-base64.eml', 'stranger-1@customer-a.example.cn');
  const raw = fixture('reply-references.eml', { caseId: c.id })
    .toString('latin1')
    .replaceAll(KNOWN_SENDER, 'someone@elsewhere.example.com');
  const res = await w.gate(withMessageId(Buffer.from(raw, 'latin1'), 'stranger-reply@elsewhere.example.com'));
  assert.equal(res.json().outcome, 'quarantined');
  assert.equal(res.json().reason, 'not_case_party');
  assert.equal((await entries(c.id)).filter((e: { kind: string }) => e.kind === 'reply').length, 0);
});

test('a staff member answering a notification by mail writes a public reply as themselves', async () => {
  const { case: c } = await openedCase('foxmail-gbk-base64.eml', 'staff-1@customer-a.example.cn');
  const engineer = await w.admin.post('/api/users', {
    username: 'eng_mail',
    displayName: '李工',
    email: 'li.gong@tacdesk.example.cn',
    roles: ['tac_engineer'],
    locale: 'zh-CN',
    password: 'Engineer-Pass-123',
  });
  assert.equal(engineer.statusCode, 201, engineer.body);
  const raw = fixture('reply-references.eml', { caseId: c.id })
    .toString('latin1')
    .replaceAll(KNOWN_SENDER, 'Li.Gong@tacdesk.example.cn');
  const res = await w.gate(withMessageId(Buffer.from(raw, 'latin1'), 'staff-reply@tacdesk.example.cn'));
  assert.equal(res.json().outcome, 'replied');
  const reply = (await entries(c.id)).find((e: { kind: string }) => e.kind === 'reply');
  assert.deepEqual(reply.author, { kind: 'staff', id: engineer.json().id, label: '李工' });
});
