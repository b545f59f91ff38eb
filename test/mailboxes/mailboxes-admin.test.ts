/**
 * Administrators manage the mailboxes TACdesk polls, against a real Dovecot: the password is
 * write-only and stored sealed; "test connection" names the problem (password, folder, nothing
 * listening, an untrusted certificate) for saved and unsaved settings; plaintext, STARTTLS and
 * TLS all connect once the certificate is trusted; nobody but an administrator gets in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import {
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  Client,
  type TestApp,
} from '../harness/test-app.ts';
import { dovecotMissing, freePort, startDovecot, type DovecotServer } from '../harness/dovecot.ts';
import { addMailbox, newImapUser } from './mailbox-mail.ts';

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

test(
  'an administrator adds a mailbox: the password is never shown and is stored sealed',
  { skip },
  async () => {
    const account = newImapUser(dovecot);
    const created = await addMailbox(admin, dovecot, account, { name: '腾讯企业邮 support' });
    assert.equal(created.hasPassword, true);
    assert.equal(created.folder, 'INBOX');
    assert.equal(created.afterProcessing, 'seen');
    assert.equal(created.status.lastError, null);
    assert.ok(!('password' in created));

    const listed = await admin.get('/api/mailboxes');
    assert.equal(listed.statusCode, 200);
    const one = await admin.get(`/api/mailboxes/${created.id}`);
    for (const body of [JSON.stringify(created), listed.body, one.body])
      assert.ok(!body.includes(account.password), 'no answer carries the password');

    const row = await t.db
      .selectFrom('mailbox')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_sealed, /^v1:[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!row.password_sealed.includes(account.password));
    const events = await t.db
      .selectFrom('domain_event')
      .select(['type', 'after'])
      .where('subject_type', '=', 'mailbox')
      .where('subject_id', '=', String(created.id))
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['mailbox.created'],
    );
    assert.ok(!JSON.stringify(events).includes(account.password), 'nor does the audit trail');
    assert.ok(!JSON.stringify(events).includes(row.password_sealed), 'not even sealed');

    // A change without the password keeps it: the connection still signs in.
    const renamed = await admin.patch(`/api/mailboxes/${created.id}`, {
      name: '腾讯企业邮 售后',
      pollIntervalSeconds: 120,
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().pollIntervalSeconds, 120);
    const kept = await admin.post(`/api/mailboxes/${created.id}/test`);
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(kept.json().ok, true, kept.body);

    // A new password is sealed afresh.
    const changed = await admin.patch(`/api/mailboxes/${created.id}`, { password: 'Another-Secret-1' });
    assert.equal(changed.statusCode, 200);
    const after = await t.db
      .selectFrom('mailbox')
      .select('password_sealed')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(after.password_sealed, row.password_sealed);
    assert.ok(after.password_sealed.startsWith('v1:'));
    const updated = await t.db
      .selectFrom('domain_event')
      .select('after')
      .where('type', '=', 'mailbox.updated')
      .where('subject_id', '=', String(created.id))
      .execute();
    assert.ok(!JSON.stringify(updated).includes('Another-Secret-1'));
  },
);

test(
  'test connection names the problem: wrong password, missing folder, nothing listening',
  { skip },
  async () => {
    const account = newImapUser(dovecot);
    const wrong = await addMailbox(admin, dovecot, { ...account, password: 'not-the-password' });
    const res = await admin.post(`/api/mailboxes/${wrong.id}/test`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().ok, false);
    assert.equal(res.json().error.problem, 'authentication');
    assert.match(res.json().error.message, /refused the user name or password/);
    assert.match(res.json().error.message, /AUTHENTICATIONFAILED|Authentication failed/);

    // Unsaved settings, as the form tries them before saving.
    const base = { host: dovecot.host, port: dovecot.port, security: 'none', username: account.username };
    const good = await admin.post('/api/mailboxes/test', { ...base, password: account.password });
    assert.equal(good.statusCode, 200, good.body);
    assert.deepEqual(good.json().folder, { path: 'INBOX', messages: 0, unseen: 0 });
    assert.equal(good.json().server.name, 'Dovecot');

    const folder = await admin.post('/api/mailboxes/test', {
      ...base,
      password: account.password,
      folder: '工单',
    });
    assert.equal(folder.json().ok, false);
    assert.equal(folder.json().error.problem, 'folder');

    const nobody = await admin.post('/api/mailboxes/test', {
      ...base,
      port: await freePort(),
      password: 'x',
    });
    assert.equal(nobody.json().ok, false);
    assert.equal(nobody.json().error.problem, 'connect');
    assert.match(nobody.json().error.message, /ECONNREFUSED/);

    // The stored password of a saved mailbox stands in for one left out; without either, the field is named.
    const stored = await addMailbox(admin, dovecot, account);
    const reuse = await admin.post('/api/mailboxes/test', { ...base, mailboxId: stored.id });
    assert.equal(reuse.json().ok, true, reuse.body);
    const missing = await admin.post('/api/mailboxes/test', base);
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].field, 'body.password');
    assert.equal(missing.json().errors[0].text, '必填（测试已保存邮箱的设置时可不填）');
  },
);

test(
  'TLS and STARTTLS: an untrusted certificate is named; once trusted, both sign in',
  { skip },
  async () => {
    const account = newImapUser(dovecot);
    const settings = { host: dovecot.host, username: account.username, password: account.password };
    const direct = await admin.post('/api/mailboxes/test', {
      ...settings,
      port: dovecot.tlsPort,
      security: 'tls',
    });
    assert.equal(direct.json().ok, false);
    assert.equal(direct.json().error.problem, 'tls');
    assert.match(direct.json().error.message, /self-signed certificate/);
    const upgraded = await admin.post('/api/mailboxes/test', {
      ...settings,
      port: dovecot.port,
      security: 'starttls',
    });
    assert.equal(upgraded.json().error.problem, 'tls');
    // TLS on the plain port: the handshake fails, named as TLS.
    const plainPort = await admin.post('/api/mailboxes/test', {
      ...settings,
      port: dovecot.port,
      security: 'tls',
    });
    assert.equal(plainPort.json().error.problem, 'tls');

    // The installation trusts the server's certificate (as NODE_EXTRA_CA_CERTS would).
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), dovecot.ca]);
    const trusted = await admin.post('/api/mailboxes/test', {
      ...settings,
      port: dovecot.tlsPort,
      security: 'tls',
    });
    assert.equal(trusted.json().ok, true, trusted.body);
    const starttls = await admin.post('/api/mailboxes/test', {
      ...settings,
      port: dovecot.port,
      security: 'starttls',
    });
    assert.equal(starttls.json().ok, true, starttls.body);
  },
);

test(
  'settings are checked: a move needs its folder, names are unique, the port follows security',
  { skip },
  async () => {
    const account = newImapUser(dovecot);
    const move = await admin.post('/api/mailboxes', {
      name: '阿里企业邮',
      host: 'imap.qiye.aliyun.com',
      username: 'support@example.cn',
      password: 'x',
      afterProcessing: 'move',
    });
    assert.equal(move.statusCode, 400);
    assert.equal(move.json().errors[0].field, 'body.moveToFolder');
    assert.equal(move.json().errors[0].text, '请填写处理后要移入的文件夹（不存在时自动创建）');

    const made = await admin.post('/api/mailboxes', {
      name: '阿里企业邮',
      host: 'IMAP.qiye.aliyun.com',
      username: 'support@example.cn',
      password: 'x',
      active: false,
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().port, 993);
    assert.equal(made.json().host, 'imap.qiye.aliyun.com');
    const twice = await admin.post('/api/mailboxes', {
      name: '阿里企业邮',
      host: 'h',
      username: 'u',
      password: 'p',
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().text, '已有名为“阿里企业邮”的邮箱');

    const plain = await admin.patch(`/api/mailboxes/${made.json().id}`, { security: 'starttls' });
    assert.equal(plain.json().port, 143);
    const moveLater = await admin.patch(`/api/mailboxes/${made.json().id}`, { afterProcessing: 'move' });
    assert.equal(moveLater.statusCode, 400);
    assert.equal(moveLater.json().errors[0].field, 'body.moveToFolder');

    // Polling an inactive mailbox is refused; deleting it ends it.
    const poll = await admin.post(`/api/mailboxes/${made.json().id}/poll`);
    assert.equal(poll.statusCode, 409);
    assert.equal(poll.json().text, '此邮箱已停用，请先启用');
    const gone = await admin.delete(`/api/mailboxes/${made.json().id}`);
    assert.equal(gone.statusCode, 204);
    assert.equal((await admin.get(`/api/mailboxes/${made.json().id}`)).statusCode, 404);
    assert.ok(account);
  },
);

test('only administrators manage mailboxes; customers and other staff are refused', { skip }, async () => {
  const account = newImapUser(dovecot);
  const box = await addMailbox(admin, dovecot, account);
  const engineer = (await makeStaff(t, ['tac_engineer'])).client;
  const customer = (await makeContactUser(t, (await makeOrganisation(t)).id)).client;
  for (const who of [engineer, customer]) {
    assert.equal((await who.get('/api/mailboxes')).statusCode, 403);
    assert.equal((await who.get(`/api/mailboxes/${box.id}`)).statusCode, 403);
    assert.equal((await who.post(`/api/mailboxes/${box.id}/test`)).statusCode, 403);
    assert.equal((await who.post(`/api/mailboxes/${box.id}/poll`)).statusCode, 403);
    const create = await who.post('/api/mailboxes', { name: 'x', host: 'h', username: 'u', password: 'p' });
    assert.equal(create.statusCode, 403);
  }
  assert.equal((await new Client(t.app).get('/api/mailboxes')).statusCode, 401);
});
