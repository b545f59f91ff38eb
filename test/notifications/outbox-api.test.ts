/**
 * The outbox list as administrators read it: filtered by channel on the server, each row with
 * its attempts of how many, its next attempt and the case by number; a robot's digest with the
 * lines it carried and the messages folded into it; keyset pages that neither repeat nor skip.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { startReceiver, type Receiver } from './channel-receiver.ts';

let t: TestApp;
let rx: Receiver;
let admin: Client;
/** The sender's clock: a second ahead of the database's `now()`, so what was just written is due. */
const now = () => new Date(Date.now() + 1_000);

before(async () => {
  rx = await startReceiver();
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  admin = (await makeStaff(t, ['admin'])).client;
});
after(async () => {
  await t.close();
  await rx.close();
});

interface Row {
  id: number;
  caseId: number | null;
  caseNumber: string | null;
  channel: string;
  recipient: string;
  template: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string;
  foldedIntoId: number | null;
  digest: Array<{ deliveryId: number; title: string }> | null;
}

async function list(query: string): Promise<Row[]> {
  const res = await admin.get(`/api/deliveries?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

test('filtered by channel on the server; rows carry attempts of how many, next attempt and the case number', async () => {
  const res = await admin.put('/api/notification-channels', {
    sms: null,
    targets: [{ key: 'ops-wecom', channel: 'wecom', name: '运维群', url: `${rx.base}/send?key=k1` }],
    allowedHosts: ['127.0.0.1'],
  });
  assert.equal(res.statusCode, 200, res.body);
  const customer = await makeCustomer(t);
  const opened = await admin.post('/api/cases', {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: '核心交换机宕机',
    description: '全部业务中断',
    priority: 1,
  });
  assert.equal(opened.statusCode, 201, opened.body);
  const { id: caseId, number } = opened.json();

  const wecom = await list(`channel=wecom&caseId=${caseId}`);
  assert.equal(wecom.length, 1);
  const row = wecom[0]!;
  assert.deepEqual(
    [row.caseId, row.caseNumber, row.recipient, row.status, row.attempts, row.maxAttempts, row.digest],
    [caseId, number, 'ops-wecom', 'pending', 0, 6, null],
  );
  assert.ok(Date.parse(wecom[0]!.nextAttemptAt) > 0);
  const email = await list(`channel=email&caseId=${caseId}`);
  assert.ok(email.length >= 1 && email.every((d) => d.channel === 'email' && d.caseNumber === number));

  const bad = await admin.get('/api/deliveries?channel=pager');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().errors[0].field, /channel/);
});

test('a digest lists what it carried; the folded rows point at it; keyset pages by channel', async () => {
  await admin.put('/api/notification-channels', {
    sms: null,
    targets: [{ key: 'busy-wecom', channel: 'wecom', name: '值班群', url: `${rx.base}/send?key=busy` }],
    allowedHosts: ['127.0.0.1'],
  });
  rx.respond = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
  const customer = await makeCustomer(t);
  const numbers: string[] = [];
  for (let i = 1; i <= 22; i++) {
    const res = await admin.post('/api/cases', {
      organisationId: customer.org.id,
      title: `批量告警 ${i}`,
      description: 'x',
      priority: 1,
    });
    numbers.push(res.json().number);
  }
  const sender = new DeliverySender({
    db: t.db,
    mailer: null,
    publicUrl: 'https://tac.example.cn',
    clock: now,
  });
  while ((await sender.runOnce()) > 0);

  const rows = (await list('channel=wecom&limit=500')).filter((d) => d.recipient === 'busy-wecom');
  const digest = rows.find((d) => d.template === 'digest')!;
  const folded = rows.filter((d) => d.status === 'folded');
  assert.equal(folded.length, 2);
  assert.equal(digest.caseNumber, null);
  assert.ok(Date.parse(digest.nextAttemptAt) > Date.now(), 'waits for the robot’s window');
  assert.deepEqual(
    digest.digest!.map((l) => l.deliveryId).sort(),
    folded.map((d) => d.id).sort(),
    'the digest names the messages folded into it',
  );
  for (const f of folded) {
    assert.equal(f.foldedIntoId, digest.id);
    const line = digest.digest!.find((l) => l.deliveryId === f.id)!;
    assert.ok(line.title.includes(f.caseNumber!), `${line.title} names ${f.caseNumber}`);
  }

  // Keyset pages of 5 by channel: every wecom row once, newest first.
  const seen: Row[] = [];
  let before = '';
  for (;;) {
    const page = await list(`channel=wecom&limit=5${before}`);
    seen.push(...page);
    if (page.length < 5) break;
    before = `&before=${page.at(-1)!.id}`;
  }
  const all = await list('channel=wecom&limit=500');
  assert.deepEqual(
    seen.map((d) => d.id),
    all.map((d) => d.id),
  );
  assert.ok(all.every((d) => d.channel === 'wecom'));
  assert.ok(all.every((d, i) => i === 0 || d.id < all[i - 1]!.id));
});
