/**
 * Two server processes on one database never poll one mailbox at once: pollers with their own
 * connection pools (on PostgreSQL; PGlite has a single connection) race for due mailboxes and
 * each mailbox is taken by one of them; "poll now" is refused while another poller holds the
 * lease; a lease left by a dead process runs out and the mailbox is taken again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { dovecotMissing, startDovecot, type DovecotServer } from '../harness/dovecot.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/app/database-schema.ts';
import { claimDueMailbox, LEASE_MS } from '../../src/modules/mailboxes/server/mailbox-lease.ts';
import { addMailbox, newImapUser, plainMail, testPoller, uniqueId } from './mailbox-mail.ts';

const skip = dovecotMissing();
let t: TestApp;
let dovecot: DovecotServer;
let admin: Client;
/** The second process's own connection pool (the same handle on PGlite). */
let other: DatabaseHandle<Database> | null = null;
let otherDb: Kysely<Database>;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const quiet = { info() {}, warn() {}, error() {} };
const pollerOn = (db: Kysely<Database>) => testPoller(t, { db, clock: now, log: quiet });

before(async () => {
  if (skip) return;
  dovecot = await startDovecot();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, now);
  admin = (await makeStaff(t, ['admin'])).client;
  if (t.database.url) {
    other = await openDatabase<Database>({ url: t.database.url, pgliteDir: 'memory://', poolMax: 5 });
    otherDb = other.db;
  } else otherDb = t.db;
});
after(async () => {
  await other?.close();
  await t?.close();
  await dovecot?.stop();
});

test('two pollers racing for due mailboxes take each one once', { skip }, async () => {
  const boxes = [];
  for (let i = 0; i < 4; i++) {
    const account = newImapUser(dovecot);
    boxes.push(await addMailbox(admin, dovecot, account));
    for (let m = 0; m < 3; m++)
      await dovecot.append(
        account.username,
        plainMail({
          from: `someone${m}@else.example`,
          subject: `询价 ${m}`,
          body: '你好',
          messageId: uniqueId(),
        }),
      );
  }
  const [a, b] = [pollerOn(t.db), pollerOn(otherDb)];
  const [byA, byB] = await Promise.all([a.runOnce(), b.runOnce()]);
  assert.equal(byA + byB, 4, `each mailbox polled once (${byA} + ${byB})`);
  const records = (await admin.get('/api/inbound-mail?limit=200')).json().items as Array<{
    mailboxId: number;
  }>;
  for (const box of boxes) {
    assert.equal(records.filter((r) => r.mailboxId === box.id).length, 3);
    const after = (await admin.get(`/api/mailboxes/${box.id}`)).json();
    assert.equal(after.status.lastTaken, 3, "no poller saw another one's messages as duplicates");
  }
});

test('concurrent claims of one due mailbox: exactly one wins', { skip }, async () => {
  const box = await addMailbox(admin, dovecot, newImapUser(dovecot));
  const claims = await Promise.all(
    Array.from({ length: 10 }, (_, i) => claimDueMailbox(i % 2 ? t.db : otherDb, `poller-${i}`, now())),
  );
  const won = claims.filter((c) => c?.id === box.id);
  assert.equal(won.length, 1, 'one lease');

  // While it is held, "poll now" from another process is refused, and the view says it is being polled.
  const busy = await admin.post(`/api/mailboxes/${box.id}/poll`);
  assert.equal(busy.statusCode, 409);
  assert.equal((await admin.get(`/api/mailboxes/${box.id}`)).json().status.polling, true);

  // The holder died: once its lease runs out the mailbox is polled again.
  offset += LEASE_MS + 1000;
  const report = await pollerOn(otherDb).pollNow(box.id);
  assert.ok(report, 'taken over after the lease ended');
  assert.equal(report.error, null);
  const view = (await admin.get(`/api/mailboxes/${box.id}`)).json();
  assert.equal(view.status.polling, false);
});
