/** Sign-in, sessions, CSRF, lockout, passwords: what a person and an attacker would observe. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, createTestApp, makeStaff, TEST_PASSWORD, type TestApp } from '../harness/test-app.ts';
import { ensureAdminUser } from '../../src/modules/identity/server/index.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_MAX_FAILURES: '3', TACDESK_LOGIN_RATE_PER_MINUTE: '1000' });
});
after(() => t.close());

describe('sign-in', () => {
  test('a correct password opens a session in an httpOnly SameSite cookie', async () => {
    const { username } = await makeStaff(t, ['tac_engineer']);
    const client = new Client(t.app);
    const res = await client.login(username);
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'tacdesk_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    const body = res.json();
    assert.equal(body.user.username, username);
    assert.deepEqual(body.user.roles, ['tac_engineer']);
    assert.equal(body.user.abilities.useConsole, true);
    assert.ok(body.csrfToken.length > 20);
    const me = await client.get('/api/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, username);
  });

  test('a wrong password and an unknown user get the same 401 problem', async () => {
    const { username } = await makeStaff(t, ['tac_engineer']);
    const wrong = await new Client(t.app).login(username, 'not-the-password');
    const unknown = await new Client(t.app).login('nobody-here', 'not-the-password');
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(res.json().code, 'invalid_credentials');
      assert.equal(res.json().title, '用户名或密码错误');
    }
  });

  test('passwords are stored as argon2id hashes', async () => {
    const { user } = await makeStaff(t, ['tac_engineer']);
    const row = await t.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('repeated failures lock the account for a while, even for the right password', async () => {
    const { username } = await makeStaff(t, ['tac_engineer']);
    const client = new Client(t.app);
    assert.equal((await client.login(username, 'wrong-1')).statusCode, 401);
    assert.equal((await client.login(username, 'wrong-2')).statusCode, 401);
    const third = await client.login(username, 'wrong-3');
    assert.equal(third.statusCode, 423);
    assert.equal(third.json().code, 'account_locked');
    assert.ok(Number(third.headers['retry-after']) > 0);
    const right = await client.login(username, TEST_PASSWORD);
    assert.equal(right.statusCode, 423);
    const events = await t.db
      .selectFrom('domain_event')
      .select('type')
      .where('subject_type', '=', 'user')
      .where('type', '=', 'user.locked')
      .execute();
    assert.ok(events.length >= 1);
  });

  test('an administrator reset lifts the lock and forces a new password', async () => {
    const admin = await makeStaff(t, ['admin']);
    const { username, user } = await makeStaff(t, ['tac_engineer']);
    const victim = new Client(t.app);
    for (const p of ['a-wrong-1', 'a-wrong-2', 'a-wrong-3']) await victim.login(username, p);
    const reset = await admin.client.post(`/api/users/${user.id}/reset-password`, {
      newPassword: 'Brand-New-Pass-9',
    });
    assert.equal(reset.statusCode, 204);
    const res = await victim.login(username, 'Brand-New-Pass-9');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.mustChangePassword, true);
  });
});

describe('sessions and CSRF', () => {
  test('a cookie-authenticated write without the CSRF header is refused and changes nothing', async () => {
    const { client } = await makeStaff(t, ['tac_engineer']);
    const res = await client.request('PATCH', '/api/me', { locale: 'en' }, { 'x-csrf-token': 'forged' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'csrf_failed');
    assert.equal((await client.get('/api/me')).json().locale, 'zh-CN');
    const ok = await client.patch('/api/me', { locale: 'en' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().locale, 'en');
    // Now an English reader: a refusal's text is its English message.
    const zone = await client.patch('/api/me', { timeZone: 'Mars/Olympus_Mons' });
    assert.equal(zone.statusCode, 400);
    assert.deepEqual(zone.json().errors[0], {
      field: 'body.timeZone',
      message: 'unknown IANA time zone',
      text: 'unknown IANA time zone',
    });
  });

  test('a text/plain form post (cross-site without preflight) is rejected', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    assert.equal(res.statusCode, 415);
  });

  test('logout ends the session for good', async () => {
    const { client } = await makeStaff(t, ['tac_engineer']);
    const cookie = client.cookie;
    assert.equal((await client.post('/api/auth/logout')).statusCode, 204);
    const again = new Client(t.app);
    again.cookie = cookie;
    assert.equal((await again.get('/api/me')).statusCode, 401);
  });

  test('changing the password keeps this session and ends the others', async () => {
    const { client, username } = await makeStaff(t, ['tac_engineer']);
    const other = new Client(t.app);
    await other.login(username);
    const wrong = await client.post('/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'Another-Pass-77',
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().errors[0].field, 'body.currentPassword');
    assert.equal(wrong.json().errors[0].text, '当前密码不正确');
    const weak = await client.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().errors[0].field, 'body.newPassword');
    assert.equal(weak.json().errors[0].text, '至少 10 个字符');
    const ok = await client.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Another-Pass-77',
    });
    assert.equal(ok.statusCode, 204);
    assert.equal((await client.get('/api/me')).statusCode, 200);
    assert.equal((await other.get('/api/me')).statusCode, 401);
    assert.equal((await new Client(t.app).login(username, 'Another-Pass-77')).statusCode, 200);
  });

  test('a deactivated user is signed out everywhere', async () => {
    const admin = await makeStaff(t, ['admin']);
    const { client, user } = await makeStaff(t, ['field_engineer']);
    const res = await admin.client.patch(`/api/users/${user.id}`, { active: false });
    assert.equal(res.statusCode, 200);
    assert.equal((await client.get('/api/me')).statusCode, 401);
  });
});

describe('login rate limit', () => {
  test('too many sign-in attempts from one address get 429', async () => {
    const limited = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await new Client(limited.app).login('someone', 'whatever-pass')).statusCode);
      assert.deepEqual(codes.slice(0, 3), [401, 401, 401]);
      assert.equal(codes[3], 429);
      const res = await new Client(limited.app).login('someone', 'whatever-pass');
      assert.equal(res.json().code, 'rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('API tokens', () => {
  test('a token is shown once, stored hashed, acts with its scope, and dies when revoked', async () => {
    const admin = await makeStaff(t, ['admin']);
    const created = await admin.client.post('/api/api-tokens', {
      name: '监控平台',
      scope: { kind: 'role', role: 'hotline_operator' },
    });
    assert.equal(created.statusCode, 201);
    const { token, id, prefix } = created.json();
    assert.match(token, /^tac_/);
    assert.equal(prefix, token.slice(0, 10));
    const stored = await t.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    assert.equal(stored.token_hash.length, 64);
    const list = await admin.client.get('/api/api-tokens');
    assert.ok(!JSON.stringify(list.json()).includes(token));

    const integration = new Client(t.app);
    integration.bearer = token;
    assert.equal((await integration.get('/api/organisations')).statusCode, 200);
    assert.equal(
      (await integration.post('/api/organisations', { name: '经令牌创建的客户' })).statusCode,
      201,
      'no CSRF for tokens',
    );
    assert.equal(
      (await integration.get('/api/audit-events')).statusCode,
      403,
      'scope is the role, not admin',
    );
    const profile = await integration.get('/api/me');
    assert.equal(profile.statusCode, 403);
    assert.equal(profile.json().text, 'API 令牌没有个人资料');

    assert.equal((await admin.client.post(`/api/api-tokens/${id}/revoke`)).statusCode, 200);
    assert.equal((await integration.get('/api/organisations')).statusCode, 401);
  });
});

describe('first start', () => {
  test('creates one administrator with a one-time password, once', async () => {
    const fresh = await createTestApp();
    try {
      const first = await ensureAdminUser({ db: fresh.db });
      assert.equal(first.created, true);
      assert.ok(first.oneTimePassword && first.oneTimePassword.length >= 16);
      const second = await ensureAdminUser({ db: fresh.db });
      assert.equal(second.created, false);
      assert.equal(second.oneTimePassword, null);
      const res = await new Client(fresh.app).login('admin', first.oneTimePassword!);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().user.mustChangePassword, true);
    } finally {
      await fresh.close();
    }
  });
});
