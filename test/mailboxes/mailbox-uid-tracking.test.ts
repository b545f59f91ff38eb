/**
 * Polling by UID on a real Dovecot: a message someone read in webmail before the poll is still
 * taken, once; the mail a mailbox held before its first poll is not imported (only its unseen
 * messages, however many batches they take); a folder recreated with a new UIDVALIDITY gives
 * neither old mail twice nor loses new mail; a failed ingest is not passed over and is taken by
 * the next poll, while the messages before it are not taken again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ImapFlow } from 'imapflow';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { dovecotMissing, startDovecot, type DovecotServer } from '../harness/dovecot.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { addMailbox, newImapUser, plainMail } from './mailbox-mail.ts';

const skip = dovecotMissing();
let t: TestApp;
let dovecot: DovecotServer;
let admin: Client;

before(async () => {
  if (skip) return;
  dovecot = await startDovecot();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  admin = (await makeStaff(t, ['admin'])).client;
});
after(async () => {
  await t?.close();
  await dovecot?.stop();
});

type Account = { username: string; password: string };

/** Another mail client on the account (webmail, Foxmail): reads, files, recreates folders. */
async function elsewhere<T>(account: Account, work: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: account.username, pass: account.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Someone opens the message in webmail: it is \Seen before TACdesk polls. */
const readElsewhere = (account: Account, uid: number, folder = 'INBOX') =>
  elsewhere(account, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    } finally {
      lock.release();
    }
  });

async function pollNow(mailboxId: number) {
  const res = await admin.post(`/api/mailboxes/${mailboxId}/poll`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    taken: number;
    left: number;
    outcomes: Record<string, number>;
    error: { problem: string; message: string } | null;
    mailbox: { status: { failures: number; lastError: { problem: string } | null } };
  };
}

/** Subjects of the mail recorded from a mailbox, sorted. */
async function recorded(mailboxId: number): Promise<string[]> {
  const res = await admin.get('/api/inbound-mail?limit=200');
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as Array<{ mailboxId: number | null; subject: string }>)
    .filter((m) => m.mailboxId === mailboxId)
    .map((m) => m.subject)
    .sort();
}

const uidValidityOf = async (mailboxId: number) =>
  (
    await t.db
      .selectFrom('mailbox')
      .select('uid_validity')
      .where('id', '=', mailboxId)
      .executeTakeFirstOrThrow()
  ).uid_validity;

test(
  'a message read in webmail before the poll is still taken, once; the mail already there is not',
  { skip },
  async () => {
    const from = (await makeCustomer(t)).contact.contact.email!;
    const account = newImapUser(dovecot);
    await dovecot.append(
      account.username,
      plainMail({ from, subject: '去年的旧邮件', body: '已处理' }),
      'INBOX',
      ['\\Seen'],
    );
    await dovecot.append(account.username, plainMail({ from, subject: '未读的报修', body: '硬盘告警' }));
    const box = await addMailbox(admin, dovecot, account);

    // First poll: the unseen message only, never the history.
    const first = await pollNow(box.id);
    assert.equal(first.error, null, JSON.stringify(first));
    assert.deepEqual(first.outcomes, { opened: 1 });

    // A colleague opens the next request in webmail before TACdesk polls.
    const uid = await dovecot.append(
      account.username,
      plainMail({ from, subject: '电源模块故障', body: '电源灯红色' }),
    );
    await readElsewhere(account, uid);
    const second = await pollNow(box.id);
    assert.equal(second.error, null, JSON.stringify(second));
    assert.deepEqual(second.outcomes, { opened: 1 }, 'the read message is taken');

    assert.equal((await pollNow(box.id)).taken, 0, 'nothing new: nothing taken');

    await dovecot.append(
      account.username,
      plainMail({ from: 'stranger@unknown.example', subject: '询价', body: '请报价' }),
    );
    assert.deepEqual((await pollNow(box.id)).outcomes, { quarantined: 1 }, 'mail appended later is taken');
    assert.equal((await pollNow(box.id)).taken, 0);

    assert.deepEqual(await recorded(box.id), ['未读的报修', '电源模块故障', '询价'].sort());
    assert.ok((await dovecot.messages(account.username)).every((m) => m.flags.includes('\\Seen')));
  },
);

test(
  'a first poll with more unseen mail than a batch finishes it before taking by UID',
  { skip },
  async () => {
    const account = newImapUser(dovecot);
    await elsewhere(account, async (c) => {
      await c.append('INBOX', plainMail({ from: 'old@client.example', subject: '历史', body: '旧' }), [
        '\\Seen',
      ]);
      for (let i = 0; i < 51; i++)
        await c.append('INBOX', plainMail({ from: 'new@client.example', subject: `未读 ${i}`, body: '新' }));
    });
    const box = await addMailbox(admin, dovecot, account);
    const first = await pollNow(box.id);
    assert.equal(first.taken, 50);
    assert.equal(first.left, 1);
    const second = await pollNow(box.id);
    assert.equal(second.taken, 1);
    assert.equal(second.left, 0);
    assert.equal((await pollNow(box.id)).taken, 0);
    const subjects = await recorded(box.id);
    assert.equal(subjects.length, 51);
    assert.ok(!subjects.includes('历史'), 'the mail read before the first poll stays where it is');
  },
);

test(
  'a folder recreated with a new UIDVALIDITY: old mail is not taken twice, new mail is not lost',
  { skip },
  async () => {
    const from = (await makeCustomer(t)).contact.contact.email!;
    const account = newImapUser(dovecot);
    const folder = '售后工单';
    await elsewhere(account, (c) => c.mailboxCreate(folder));
    const box = await addMailbox(admin, dovecot, account, { folder });
    const old = [1, 2, 3].map((i) => plainMail({ from, subject: `旧工单 ${i}`, body: '已受理' }));
    for (const raw of old) await dovecot.append(account.username, raw, folder);
    assert.deepEqual((await pollNow(box.id)).outcomes, { opened: 3 });
    const before = await uidValidityOf(box.id);
    assert.ok(before, 'the folder UIDVALIDITY is remembered');

    // The mail server is migrated: the folder comes back renumbered, the old mail already read,
    // and a new request arrives with a UID lower than the last one taken before.
    await elsewhere(account, async (c) => {
      await c.mailboxDelete(folder);
      await c.mailboxCreate(folder);
    });
    await dovecot.append(account.username, old[0]!, folder, ['\\Seen']);
    await dovecot.append(
      account.username,
      plainMail({ from, subject: '迁移后的新工单', body: '光模块故障' }),
      folder,
    );
    const after = await pollNow(box.id);
    assert.equal(after.error, null, JSON.stringify(after));
    assert.deepEqual(after.outcomes, { opened: 1 }, 'the new request, and no old mail again');
    assert.notEqual(await uidValidityOf(box.id), before, 'Dovecot gave the folder a new UIDVALIDITY');

    // From then on by UID again: mail read elsewhere is taken.
    const uid = await dovecot.append(
      account.username,
      plainMail({ from, subject: '迁移后已读的工单', body: '风扇告警' }),
      folder,
    );
    await readElsewhere(account, uid, folder);
    assert.deepEqual((await pollNow(box.id)).outcomes, { opened: 1 });
    assert.equal((await pollNow(box.id)).taken, 0);
    assert.deepEqual(
      await recorded(box.id),
      ['旧工单 1', '旧工单 2', '旧工单 3', '迁移后的新工单', '迁移后已读的工单'].sort(),
    );
  },
);

test('a failed ingest is not passed over: the next poll takes it, and only it', { skip }, async () => {
  const from = (await makeCustomer(t)).contact.contact.email!;
  const account = newImapUser(dovecot);
  const box = await addMailbox(admin, dovecot, account);
  assert.equal((await pollNow(box.id)).taken, 0, 'the first poll of an empty folder');
  // Both read in webmail before the poll: only their UIDs bring them back.
  for (const subject of ['交换机风扇告警', '防火墙板卡故障']) {
    const uid = await dovecot.append(account.username, plainMail({ from, subject, body: '请处理' }));
    await readElsewhere(account, uid);
  }
  // The database refuses the second record, as a full disk or a lost connection would.
  await sql`create function refuse_inbound_mail() returns trigger language plpgsql as $$
    begin raise exception 'database unavailable (test)'; end $$`.execute(t.db);
  await sql`create trigger refuse_inbound_mail before insert on inbound_mail
    for each row when (new.subject = '防火墙板卡故障') execute function refuse_inbound_mail()`.execute(t.db);
  try {
    const failed = await pollNow(box.id);
    assert.equal(failed.taken, 1);
    assert.equal(failed.error?.problem, 'ingest');
    assert.equal(failed.mailbox.status.failures, 1);
    assert.deepEqual(await recorded(box.id), ['交换机风扇告警']);
  } finally {
    await sql`drop trigger refuse_inbound_mail on inbound_mail`.execute(t.db);
    await sql`drop function refuse_inbound_mail()`.execute(t.db);
  }
  const retried = await pollNow(box.id);
  assert.equal(retried.error, null, JSON.stringify(retried));
  assert.deepEqual(retried.outcomes, { opened: 1 }, 'the failed message, not the one before it again');
  assert.equal(retried.mailbox.status.failures, 0);
  assert.equal((await pollNow(box.id)).taken, 0);
  assert.deepEqual(await recorded(box.id), ['交换机风扇告警', '防火墙板卡故障'].sort());
});
