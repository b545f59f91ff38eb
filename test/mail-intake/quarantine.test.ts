/**
 * What does not simply open a case: unknown, ambiguous or inactive senders and floods wait in
 * the quarantine, where an operator reads the mail (sanitised HTML, attachments, the original)
 * and accepts or rejects it; auto-replies, bounces, bulk mail and our own messages are recorded
 * as ignored and send nothing; bad input is rejected with a reason; one Message-ID is one record.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import {
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  type TestApp,
} from '../harness/test-app.ts';
import { ingestRawMail } from '../../src/modules/mail-intake/server/index.ts';
import { KNOWN_SENDER, fixture, makeMailWorld, withMessageId, type MailWorld } from './mail-builders.ts';

let t: TestApp;
let w: MailWorld;
const now = new Date('2026-03-20T11:00:00Z');

before(async () => {
  t = await createTestApp({}, {}, () => now);
  w = await makeMailWorld(t);
});
after(() => t?.close());

const ingest = (raw: Buffer, maxBytes?: number) =>
  ingestRawMail({ db: t.db, files: w.files, clock: () => now, maxBytes }, raw, { kind: 'pipe' });
const deliveries = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from delivery`.execute(t.db)).rows[0]!.n);

test('an unknown sender waits in quarantine; the operator accepts it as a case for a new contact', async () => {
  const res = await w.gate(fixture('unknown-sender-163.eml'));
  assert.equal(res.statusCode, 202);
  const { outcome, reason, inboundMailId, caseId } = res.json();
  assert.deepEqual([outcome, reason, caseId], ['quarantined', 'unknown_sender', null]);

  const list = (await w.hotline.get('/api/inbound-mail?state=quarantined')).json().items;
  const row = list.find((m: { id: number }) => m.id === inboundMailId);
  assert.equal(row.subject, '咨询：路由器保修期查询');
  assert.deepEqual(row.from, { address: 'lina_it@163.com', name: '李娜' });
  const mail = (await w.hotline.get(`/api/inbound-mail/${inboundMailId}`)).json();
  assert.match(mail.text, /AR2220 路由器序列号 210235A1234567/);
  assert.deepEqual(mail.abilities, { accept: true, reject: true });
  const original = await w.hotline.get(mail.rawDownloadUrl);
  assert.equal(original.statusCode, 200);
  assert.deepEqual(original.rawPayload, fixture('unknown-sender-163.eml'));

  const noCase = await w.hotline.post(`/api/inbound-mail/${inboundMailId}/accept`, {
    as: 'reply',
    caseId: 999_999_999,
  });
  assert.equal(noCase.statusCode, 400, noCase.body);
  assert.deepEqual(noCase.json().errors[0], {
    field: 'body.caseId',
    message: 'no such case',
    text: '没有这个案例',
  });
  const accepted = await w.hotline.post(`/api/inbound-mail/${inboundMailId}/accept`, {
    as: 'case',
    organisationId: w.organisation.id,
    createContact: true,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().state, 'accepted');
  assert.equal(accepted.json().reasonCode, 'unknown_sender');
  const c = (await w.hotline.get(`/api/cases/${accepted.json().case.id}`)).json();
  assert.equal(c.title, '咨询：路由器保修期查询');
  assert.equal(c.channel, 'email');
  assert.equal(c.contact.name, '李娜');

  // Settled once: a second accept or a reject is a conflict and changes nothing.
  const again = await w.hotline.post(`/api/inbound-mail/${inboundMailId}/accept`, {
    as: 'case',
    organisationId: w.organisation.id,
  });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().text, '此邮件已处理，只有待处理的邮件可以接收或拒收');
  assert.equal(
    (await w.hotline.post(`/api/inbound-mail/${inboundMailId}/reject`, { reason: '垃圾' })).statusCode,
    409,
  );

  // The new contact's next mail opens a case by itself.
  const next = await w.gate(withMessageId(fixture('unknown-sender-163.eml'), 'second@163.com'));
  assert.equal(next.json().outcome, 'opened');
});

test('the operator accepts a quarantined mail as a reply on a case, or rejects it with a reason', async () => {
  const opened = (await w.gate(withMessageId(fixture('foxmail-gbk-base64.eml'), 'q-reply-base@x'))).json();
  const stranger = fixture('unknown-sender-163.eml')
    .toString('latin1')
    .replaceAll('lina_it@163.com', 'lina_home@126.com');
  const stray = await w.gate(withMessageId(Buffer.from(stranger, 'latin1'), 'q-reply@126.com'));
  const id = stray.json().inboundMailId;
  const accepted = await w.admin.post(`/api/inbound-mail/${id}/accept`, {
    as: 'reply',
    caseId: opened.caseId,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const entries = (await w.hotline.get(`/api/cases/${opened.caseId}/entries`)).json().items;
  const reply = entries.find((e: { kind: string }) => e.kind === 'reply');
  assert.match(reply.body, /保修期/);
  assert.deepEqual(reply.author, { kind: 'contact', id: null, label: '李娜 <lina_home@126.com>' });

  const spam = await w.gate(withMessageId(Buffer.from(stranger, 'latin1'), 'q-spam@126.com'));
  const rejected = await w.hotline.post(`/api/inbound-mail/${spam.json().inboundMailId}/reject`, {
    reason: '广告邮件',
  });
  assert.equal(rejected.statusCode, 200);
  assert.deepEqual(
    [rejected.json().state, rejected.json().reasonCode, rejected.json().settleNote],
    ['rejected', 'operator', '广告邮件'],
  );
  const missing = await w.hotline.post(`/api/inbound-mail/${spam.json().inboundMailId}/reject`, {
    reason: ' ',
  });
  assert.equal(missing.statusCode, 400);
});

test('customers and other staff never see the quarantine', async () => {
  const contact = await makeContactUser(t, w.organisation.id);
  const engineer = (await makeStaff(t, ['tac_engineer'])).client;
  for (const client of [contact.client, engineer]) {
    assert.equal((await client.get('/api/inbound-mail')).statusCode, 403);
    assert.equal((await client.get('/api/inbound-mail/1')).statusCode, 403);
  }
  const anonymous = await w.gate(fixture('foxmail-gbk-base64.eml')).then(() =>
    t.app.inject({
      method: 'POST',
      url: '/api/mail/inbound',
      payload: fixture('foxmail-gbk-base64.eml'),
      headers: { 'content-type': 'message/rfc822' },
    }),
  );
  assert.equal(anonymous.statusCode, 401);
  const engineerGate = await engineer.request(
    'POST',
    '/api/mail/inbound',
    fixture('foxmail-gbk-base64.eml'),
    {
      'content-type': 'message/rfc822',
    },
  );
  assert.equal(engineerGate.statusCode, 403);
});

test('hostile HTML is stored sanitised: no script, handlers, frames, forms or remote loads', async () => {
  const res = await w.gate(fixture('hostile-html.eml'));
  assert.equal(res.json().outcome, 'opened');
  const html: string = (await w.hotline.get(`/api/inbound-mail/${res.json().inboundMailId}`)).json().html;
  assert.match(html, /巡检结果正常。/);
  assert.match(html, /href="https:\/\/vendor\.example\.com\/kb\/123"/);
  for (const bad of [
    /<script/i,
    /onerror|onload/i,
    /<iframe|<object|<embed|<form|<input|<base|<meta|<svg|<style/i,
    /tracker\.example\.net|evil\.example\.net/,
    /javascript:/i,
    /url\(|expression\(/i,
  ]) {
    assert.doesNotMatch(html, bad);
  }
});

test('an executable attachment is skipped with the reason; the log file is attached', async () => {
  const res = await w.gate(fixture('exe-attachment.eml'));
  assert.equal(res.json().outcome, 'opened');
  const mail = (await w.hotline.get(`/api/inbound-mail/${res.json().inboundMailId}`)).json();
  const exe = mail.attachments.find((a: { fileName: string }) => a.fileName === 'setup.exe');
  assert.equal(exe.downloadUrl, null);
  assert.match(exe.skipped, /\.exe files are not accepted/);
  const files = (await w.hotline.get(`/api/cases/${res.json().caseId}/attachments`)).json().items;
  assert.deepEqual(
    files.map((f: { fileName: string }) => f.fileName),
    ['device.log'],
  );
});

test('auto-replies, bounces, bulk mail and our own messages are ignored and send nothing', async () => {
  const before = await deliveries();
  const expected = {
    'auto-reply-exmail.eml': 'auto_reply',
    'dsn-bounce.eml': 'bounce',
    'precedence-bulk.eml': 'bulk',
    'own-message.eml': 'own_message',
  };
  for (const [name, reason] of Object.entries(expected)) {
    const res = await w.gate(fixture(name));
    assert.deepEqual(
      [res.json().outcome, res.json().reason, res.json().caseId],
      ['ignored', reason, null],
      name,
    );
  }
  assert.equal(await deliveries(), before);
  const ignored = (await w.hotline.get('/api/inbound-mail?state=ignored')).json().items;
  assert.ok(ignored.some((m: { subject: string }) => m.subject === '自动回复: 工单已受理'));
});

test('the same Message-ID is one record, also when two deliveries race', async () => {
  const raw = withMessageId(fixture('foxmail-gbk-base64.eml'), 'dup-1@customer-a.example.cn');
  const first = (await w.gate(raw)).json();
  const second = (await w.gate(raw)).json();
  assert.deepEqual(second, { ...first, outcome: 'duplicate', reason: null });
  const racing = withMessageId(fixture('outlook-gb2312-qp.eml'), 'dup-race@customer-a.example.cn');
  const results = await Promise.all([ingest(racing), ingest(racing), ingest(racing)]);
  assert.deepEqual(results.map((r) => r.outcome).sort(), ['duplicate', 'duplicate', 'opened']);
  const rows = await t.db
    .selectFrom('inbound_mail')
    .select('id')
    .where('message_id', '=', '<dup-race@customer-a.example.cn>')
    .execute();
  assert.equal(rows.length, 1);
  // Without a Message-ID the content names it: the same bytes twice are one record.
  const a = await ingest(fixture('no-message-id.eml'));
  const b = await ingest(fixture('no-message-id.eml'));
  assert.deepEqual([a.outcome, b.outcome], ['opened', 'duplicate']);
  const mail = (await w.hotline.get(`/api/inbound-mail/${a.inboundMailId}`)).json();
  assert.match(mail.messageId, /^<[0-9a-f]{64}@tacdesk\.invalid>$/);
});

test('header injection stays inside one line of the subject and the sender name', async () => {
  const res = await w.gate(fixture('header-injection.eml'));
  const c = (await w.hotline.get(`/api/cases/${res.json().caseId}`)).json();
  assert.equal(c.title, '正常标题 X-Injected: yes <script>alert(1)</script>');
  const mail = (await w.hotline.get(`/api/inbound-mail/${res.json().inboundMailId}`)).json();
  assert.deepEqual(mail.from, { address: KNOWN_SENDER, name: '攻击者 Bcc: victim@example.com' });
  for (const value of [c.title, mail.subject, mail.from.name]) assert.doesNotMatch(value, /[\r\n]/);
  assert.deepEqual(
    mail.to.map((a: { address: string }) => a.address),
    ['support@tacdesk.example.cn', 'other@example.com'],
  );
});

test('ambiguous and inactive senders wait in quarantine with the reason', async () => {
  const other = await makeOrganisation(t, '乙方证券');
  const shared = 'shared.it@group.example.cn';
  for (const organisationId of [w.organisation.id, other.id]) {
    await t.db
      .insertInto('contact')
      .values({ organisation_id: organisationId, name: '共享邮箱', email: shared })
      .execute();
  }
  const raw = Buffer.from(
    fixture('foxmail-gbk-base64.eml').toString('latin1').replaceAll(KNOWN_SENDER, shared),
    'latin1',
  );
  const ambiguous = (await w.gate(withMessageId(raw, 'amb@x'))).json();
  assert.deepEqual([ambiguous.outcome, ambiguous.reason], ['quarantined', 'ambiguous_sender']);
  const mail = (await w.hotline.get(`/api/inbound-mail/${ambiguous.inboundMailId}`)).json();
  assert.deepEqual(
    mail.senderContacts.map((c: { organisation: { name: string } }) => c.organisation.name).sort(),
    ['乙方证券', '甲方银行'],
  );

  const dormant = await makeOrganisation(t, '丙方（已停用）');
  await t.db.updateTable('organisation').set({ active: false }).where('id', '=', dormant.id).execute();
  await t.db
    .insertInto('contact')
    .values({ organisation_id: dormant.id, name: '旧联系人', email: 'old@dormant.example.cn' })
    .execute();
  const raw2 = Buffer.from(
    fixture('foxmail-gbk-base64.eml').toString('latin1').replaceAll(KNOWN_SENDER, 'old@dormant.example.cn'),
    'latin1',
  );
  const inactive = (await w.gate(withMessageId(raw2, 'inactive@x'))).json();
  assert.deepEqual([inactive.outcome, inactive.reason], ['quarantined', 'inactive_organisation']);
});

test('more than 20 mails from one address within 10 minutes: the rest wait in quarantine', async () => {
  const flooder = 'flood@customer-a.example.cn';
  await t.db
    .insertInto('contact')
    .values({ organisation_id: w.organisation.id, name: '自动程序', email: flooder })
    .execute();
  const raw = Buffer.from(
    fixture('no-message-id.eml').toString('latin1').replaceAll(KNOWN_SENDER, flooder),
    'latin1',
  );
  const outcomes = [];
  for (let i = 0; i < 22; i++) outcomes.push((await ingest(withMessageId(raw, `flood-${i}@x`))).outcome);
  assert.deepEqual(outcomes.slice(0, 20), Array(20).fill('opened'));
  assert.deepEqual(outcomes.slice(20), ['quarantined', 'quarantined']);
});

test('oversize and unreadable messages are rejected with the reason', async () => {
  const big = Buffer.concat([fixture('foxmail-gbk-base64.eml'), Buffer.alloc(100_000, 'A')]);
  const tooLarge = await ingest(withMessageId(big, 'big@x'), 70_000);
  assert.deepEqual([tooLarge.outcome, tooLarge.reason], ['rejected', 'too_large']);
  const mail = (await w.hotline.get(`/api/inbound-mail/${tooLarge.inboundMailId}`)).json();
  assert.equal(mail.subject, '核心交换机 S7706 板卡告警，业务中断');
  assert.equal(mail.rawDownloadUrl, null);
  // NULs and binary bytes: the file store would not take it as a mail, so the original is kept gzipped.
  const bytes = Buffer.concat([
    Buffer.from('From: a@b.cn\r\nMessage-ID: <bin@x>\r\n\r\n'),
    Buffer.alloc(2000, 0),
  ]);
  const binary = await ingest(bytes);
  assert.deepEqual([binary.outcome, binary.reason], ['quarantined', 'unknown_sender']);
  const kept = (await w.hotline.get(`/api/inbound-mail/${binary.inboundMailId}`)).json();
  const original = await w.hotline.get(kept.rawDownloadUrl);
  assert.equal(original.headers['content-type'], 'application/gzip');
  assert.deepEqual(gunzipSync(original.rawPayload), bytes);
  const empty = await ingest(Buffer.alloc(0));
  assert.deepEqual([empty.outcome, empty.reason], ['rejected', 'unparsable']);
});

test('the mail-gate refuses a message over the size limit before reading it all', async () => {
  const small = await createTestApp({ TACDESK_MAIL_MAX_BYTES: String(64 * 1024) });
  try {
    const world = await makeMailWorld(small);
    const res = await world.gate(
      Buffer.concat([fixture('foxmail-gbk-base64.eml'), Buffer.alloc(100_000, 'A')]),
    );
    assert.equal(res.statusCode, 413);
    const json = await world.mta.request('POST', '/api/mail/inbound', { raw: 'x' });
    assert.equal(json.statusCode, 415);
  } finally {
    await small.close();
  }
});
