/**
 * Polling a real Dovecot: new mail becomes a case (GBK decoded), a reply on the case, or a
 * quarantine entry, and each message is flagged \Seen (or moved) only after ingest committed.
 * A message whose ingest fails stays unseen and is taken next poll; one recorded before a crash
 * is flagged when it comes back as a duplicate; the same message twice is one record; an
 * oversize message is recorded as rejected; a dead server leaves its error on the mailbox, backs
 * off, and the process keeps serving.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { sql } from 'kysely';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { dovecotMissing, freePort, startDovecot, type DovecotServer } from '../harness/dovecot.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { LocalFileStore } from '../../src/platform/files/file-store.ts';
import { startMailboxPolling } from '../../src/modules/mailboxes/server/index.ts';
import { ingestRawMail } from '../../src/modules/mail-intake/server/index.ts';
import { addContact } from '../../src/modules/organisations/server/commands/save-contact.ts';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { fixture, KNOWN_SENDER } from '../mail-intake/mail-builders.ts';
import { addMailbox, gbkFaultReport, newImapUser, plainMail, testPoller, uniqueId } from './mailbox-mail.ts';

const skip = dovecotMissing();
let t: TestApp;
let dovecot: DovecotServer;
let admin: Client;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const advance = (ms: number) => (offset += ms);
type LogLine = { level: string; msg: string; obj: Record<string, unknown> };
const logs: LogLine[] = [];
let onLog: (line: LogLine) => void = () => {};
const line = (level: string) => (obj: object, msg: string) => {
  const entry = { level, msg, obj: obj as Record<string, unknown> };
  logs.push(entry);
  onLog(entry);
};
const log = { info: line('info'), warn: line('warn'), error: line('error') };
const poller = (maxMailBytes?: number) => testPoller(t, { clock: now, log, maxMailBytes });

before(async () => {
  if (skip) return;
  dovecot = await startDovecot();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, now);
  admin = (await makeStaff(t, ['admin'])).client;
});
after(async () => {
  await t?.close();
  await dovecot?.stop();
});

async function pollNow(mailboxId: number) {
  const res = await admin.post(`/api/mailboxes/${mailboxId}/poll`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function inbound(mailboxId: number) {
  const res = await admin.get('/api/inbound-mail?limit=200');
  assert.equal(res.statusCode, 200, res.body);
  return (
    res.json().items as Array<{
      mailboxId: number | null;
      state: string;
      subject: string;
      reasonCode: string | null;
      case: { id: number; number: string } | null;
    }>
  ).filter((m) => m.mailboxId === mailboxId);
}

const seen = (flags: string[]) => flags.includes('\\Seen');

test(
  'a poll turns new mail into a case, a reply and a quarantine entry, flagging each seen',
  { skip },
  async () => {
    const customer = await makeCustomer(t);
    const from = customer.contact.contact.email!;
    const account = newImapUser(dovecot);
    const box = await addMailbox(admin, dovecot, account);
    await dovecot.append(account.username, gbkFaultReport(from));
    await dovecot.append(
      account.username,
      plainMail({ from: 'stranger@unknown.example', subject: '咨询报价', body: '请问维保续约价格？' }),
    );

    const first = await pollNow(box.id);
    assert.equal(first.error, null, JSON.stringify(first));
    assert.equal(first.taken, 2);
    assert.deepEqual(first.outcomes, { opened: 1, quarantined: 1 });
    assert.equal(first.mailbox.status.lastTaken, 2);
    assert.equal(first.mailbox.status.lastError, null);
    assert.equal(first.mailbox.status.polling, false);
    assert.ok(first.mailbox.status.lastPolledAt);

    const records = await inbound(box.id);
    const opened = records.find((m) => m.state === 'opened')!;
    assert.equal(opened.subject, '核心交换机端口故障', 'the GBK subject decoded');
    const kase = (await admin.get(`/api/cases/${opened.case!.id}`)).json();
    assert.equal(kase.title, '核心交换机端口故障');
    assert.equal(kase.channel, 'email');
    assert.match(kase.description, /端口频繁中断，业务受影响/, 'the GBK body decoded');
    assert.equal(records.find((m) => m.state === 'quarantined')!.subject, '咨询报价');
    assert.ok(
      (await dovecot.messages(account.username)).every((m) => seen(m.flags)),
      'both flagged seen',
    );

    // The customer answers with the case number in the subject: a public entry on that case.
    await dovecot.append(
      account.username,
      plainMail({
        from,
        subject: `回复：[${opened.case!.number}] 核心交换机端口故障`,
        body: '已重启交换机，端口仍然中断。',
      }),
    );
    const second = await pollNow(box.id);
    assert.deepEqual(second.outcomes, { replied: 1 });
    const entries = (await admin.get(`/api/cases/${opened.case!.id}/entries`)).json().items as Array<{
      body: string | null;
    }>;
    assert.ok(
      entries.some((e) => e.body?.includes('已重启交换机，端口仍然中断。')),
      JSON.stringify(entries),
    );

    // Nothing new: the next poll takes nothing.
    const third = await pollNow(box.id);
    assert.equal(third.taken, 0);
    assert.equal(third.mailbox.status.lastTaken, 0);
  },
);

test(
  'the mail-intake corpus through IMAP: GBK, GB18030, Big5, nested multipart, a reply, noise, a stranger',
  { skip },
  async () => {
    const customer = await makeCustomer(t);
    await addContact({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      organisationId: customer.org.id,
      input: { name: '张伟', email: KNOWN_SENDER },
    });
    const account = newImapUser(dovecot);
    const box = await addMailbox(admin, dovecot, account);
    const names = [
      'foxmail-gbk-base64.eml',
      'qqmail-gb18030.eml',
      'big5-taiwan.eml',
      'nested-multipart.eml',
      'auto-reply-exmail.eml',
      'dsn-bounce.eml',
      'unknown-sender-163.eml',
    ];
    for (const name of names) await dovecot.append(account.username, fixture(name));
    const report = await pollNow(box.id);
    assert.deepEqual(report.outcomes, { opened: 4, ignored: 2, quarantined: 1 }, JSON.stringify(report));
    const records = await inbound(box.id);
    const opened = records
      .filter((m) => m.state === 'opened')
      .map((m) => m.subject)
      .sort();
    assert.deepEqual(
      opened,
      [
        '服务器宕机截图及巡检报告',
        '机房空调告警（䶮字测试）',
        '核心交换机 S7706 板卡告警，业务中断',
        '防火牆無法連線，請協助處理',
      ].sort(),
    );
    const first = records.find((m) => m.subject === '核心交换机 S7706 板卡告警，业务中断')!;
    await dovecot.append(
      account.username,
      fixture('reply-subject-number.eml', { caseNumber: first.case!.number }),
    );
    assert.deepEqual((await pollNow(box.id)).outcomes, { replied: 1 });
    const messages = await dovecot.messages(account.username);
    assert.equal(messages.length, names.length + 1);
    assert.ok(
      messages.every((m) => seen(m.flags)),
      'every message flagged once recorded',
    );
  },
);

test('a message whose ingest fails stays unseen and is taken by the next poll', { skip }, async () => {
  const customer = await makeCustomer(t);
  const account = newImapUser(dovecot);
  const box = await addMailbox(admin, dovecot, account);
  await dovecot.append(account.username, gbkFaultReport(customer.contact.contact.email!));
  // The database refuses the record, as a full disk or a lost connection would.
  await sql`create function refuse_inbound_mail() returns trigger language plpgsql as $$
    begin raise exception 'database unavailable (test)'; end $$`.execute(t.db);
  await sql`create trigger refuse_inbound_mail before insert on inbound_mail
    for each row execute function refuse_inbound_mail()`.execute(t.db);
  try {
    const failed = await pollNow(box.id);
    assert.equal(failed.taken, 0);
    assert.equal(failed.error.problem, 'ingest');
    assert.equal(failed.mailbox.status.lastError.problem, 'ingest');
    assert.equal(failed.mailbox.status.failures, 1);
    const [message] = await dovecot.messages(account.username);
    assert.ok(!seen(message!.flags), 'not flagged: nothing was recorded');
  } finally {
    await sql`drop trigger refuse_inbound_mail on inbound_mail`.execute(t.db);
    await sql`drop function refuse_inbound_mail()`.execute(t.db);
  }
  const retried = await pollNow(box.id);
  assert.deepEqual(retried.outcomes, { opened: 1 });
  assert.equal(retried.mailbox.status.lastError, null);
  assert.equal(retried.mailbox.status.failures, 0);
  assert.ok(seen((await dovecot.messages(account.username))[0]!.flags));
  assert.equal((await inbound(box.id)).length, 1);
});

test(
  'recorded before a crash, flagged after: the message comes back as a duplicate and is flagged then',
  { skip },
  async () => {
    const customer = await makeCustomer(t);
    const account = newImapUser(dovecot);
    const box = await addMailbox(admin, dovecot, account);
    const raw = gbkFaultReport(customer.contact.contact.email!);
    const uid = await dovecot.append(account.username, raw);
    // The process that fetched it committed the record and died before the \Seen flag.
    const files = new LocalFileStore({ dataDir: t.config.dataDir });
    const recorded = await ingestRawMail({ db: t.db, files, clock: now }, raw, {
      kind: 'imap',
      mailboxId: box.id,
      uid,
    });
    assert.equal(recorded.outcome, 'opened');
    assert.ok(!seen((await dovecot.messages(account.username))[0]!.flags));

    const report = await pollNow(box.id);
    assert.deepEqual(report.outcomes, { duplicate: 1 });
    assert.ok(seen((await dovecot.messages(account.username))[0]!.flags));
    assert.equal((await inbound(box.id)).length, 1, 'one record');
  },
);

test('the same message delivered twice gives one record; both copies are flagged', { skip }, async () => {
  const customer = await makeCustomer(t);
  const account = newImapUser(dovecot);
  const box = await addMailbox(admin, dovecot, account);
  const raw = gbkFaultReport(customer.contact.contact.email!, uniqueId('twice'));
  await dovecot.append(account.username, raw);
  await dovecot.append(account.username, raw);
  const report = await pollNow(box.id);
  assert.deepEqual(report.outcomes, { opened: 1, duplicate: 1 });
  const records = await inbound(box.id);
  assert.equal(records.length, 1);
  const cases = (await admin.get(`/api/cases?organisationId=${customer.org.id}`)).json().items;
  assert.equal(cases.length, 1, 'one case');
  assert.ok((await dovecot.messages(account.username)).every((m) => seen(m.flags)));
});

test('move mode: processed messages go to a folder, created when missing', { skip }, async () => {
  const account = newImapUser(dovecot);
  const box = await addMailbox(admin, dovecot, account, {
    afterProcessing: 'move',
    moveToFolder: 'TACdesk已处理',
  });
  await dovecot.append(
    account.username,
    plainMail({ from: 'someone@else.example', subject: '你好', body: '测试' }),
  );
  const report = await pollNow(box.id);
  assert.equal(report.taken, 1);
  assert.deepEqual(await dovecot.folders(account.username), ['INBOX', 'TACdesk已处理']);
  assert.deepEqual(await dovecot.messages(account.username), []);
  const [moved] = await dovecot.messages(account.username, 'TACdesk已处理');
  assert.ok(seen(moved!.flags));
});

test('an oversize message is recorded as rejected and taken off the server', { skip }, async () => {
  const account = newImapUser(dovecot);
  const box = await addMailbox(admin, dovecot, account);
  const big = plainMail({ from: 'logs@client.example', subject: '日志', body: 'x'.repeat(200 * 1024) });
  await dovecot.append(account.username, big);
  assert.equal(await poller(64 * 1024).runOnce(), 1);
  const [record] = await inbound(box.id);
  assert.equal(record!.state, 'rejected');
  assert.equal(record!.reasonCode, 'too_large');
  assert.ok(seen((await dovecot.messages(account.username))[0]!.flags));
});

test(
  'a dead IMAP server leaves its error on the mailbox, backs off, and the server keeps serving',
  { skip },
  async () => {
    // One port with nothing listening, one that hangs up at once.
    const hangUp = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const hangUpPort = (hangUp.address() as net.AddressInfo).port;
    try {
      const account = { username: 'nobody', password: 'x' };
      const refused = await addMailbox(admin, dovecot, account, {
        port: await freePort(),
        pollIntervalSeconds: 60,
      });
      const closed = await addMailbox(admin, dovecot, account, { port: hangUpPort, pollIntervalSeconds: 60 });
      const background = poller();
      assert.ok((await background.runOnce()) >= 2);
      const row = async (id: number) => (await admin.get(`/api/mailboxes/${id}`)).json();
      const a = await row(refused.id);
      assert.equal(a.status.lastError.problem, 'connect');
      assert.match(a.status.lastError.message, /ECONNREFUSED/);
      assert.equal(a.status.failures, 1);
      assert.equal(
        Date.parse(a.status.nextPollAt) - Date.parse(a.status.lastPolledAt),
        2 * 60_000,
        'twice the interval',
      );
      const b = await row(closed.id);
      assert.ok(b.status.lastError, JSON.stringify(b.status));
      assert.ok(['connect', 'protocol'].includes(b.status.lastError.problem), b.status.lastError.problem);

      // Not due again yet; then due, and the pause doubles.
      await background.runOnce();
      assert.equal((await row(refused.id)).status.failures, 1);
      advance(2 * 60_000);
      assert.ok((await background.runOnce()) >= 2);
      const again = await row(refused.id);
      assert.equal(again.status.failures, 2);
      assert.equal(Date.parse(again.status.nextPollAt) - Date.parse(again.status.lastPolledAt), 4 * 60_000);
      assert.ok(logs.some((l) => l.level === 'warn' && l.msg === 'mailbox poll failed'));

      // The background loop records the same way and stops cleanly; the API answers throughout.
      advance(4 * 60_000);
      const polled = new Promise<void>((resolve) => {
        onLog = (l) => l.obj.mailboxId === refused.id && resolve();
      });
      const stop = startMailboxPolling(background, (err) => assert.fail(String(err)), 60_000);
      await polled;
      await stop();
      onLog = () => {};
      assert.equal((await row(refused.id)).status.failures, 3);
      assert.equal((await admin.get('/api/mailboxes')).statusCode, 200);
      // Fixed settings clear the pause: the next poll is due at once.
      const fixed = await admin.patch(`/api/mailboxes/${refused.id}`, { active: false });
      assert.equal(fixed.json().status.failures, 0);
    } finally {
      hangUp.close();
    }
  },
);
