/** First start on an empty data directory: migrations, an administrator, a one-time password printed once, the web UI. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerProcess, type ServerProcess } from '../harness/server-process.ts';
import { TEST_ENGINE } from '../harness/test-database.ts';

const running: ServerProcess[] = [];
after(async () => {
  for (const s of running) await s.kill();
});

test(
  'first start prints a one-time administrator password once; the next start does not',
  { skip: TEST_ENGINE !== 'pglite' },
  async () => {
    const first = await startServerProcess({ env: { TACDESK_ADMIN_PASSWORD: '' } });
    running.push(first);
    const match = first.logs().match(/one-time password:\s+(\S+)/);
    assert.ok(match, `no one-time password in:\n${first.logs()}`);
    const password = match[1]!;
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    assert.equal(login.status, 200);
    const body = (await login.json()) as { user: { mustChangePassword: boolean; roles: string[] } };
    assert.equal(body.user.mustChangePassword, true);
    assert.deepEqual(body.user.roles, ['admin']);
    await first.stop();

    const second = await startServerProcess({ dataDir: first.dataDir, env: { TACDESK_ADMIN_PASSWORD: '' } });
    running.push(second);
    assert.doesNotMatch(second.logs(), /one-time password/);
    await second.stop();
  },
);

test('logs are JSON lines carrying the request id', { skip: TEST_ENGINE !== 'pglite' }, async () => {
  const server = await startServerProcess({ env: { TACDESK_LOG_LEVEL: 'info' } });
  running.push(server);
  await fetch(`${server.url}/api/me`, { headers: { 'x-request-id': 'trace-me-42' } });
  await server.stop();
  const lines = server
    .logs()
    .split('\n')
    .filter((l) => l.includes('trace-me-42'));
  assert.ok(lines.length >= 1, server.logs());
  const entry = JSON.parse(lines[0]!);
  assert.equal(entry.reqId, 'trace-me-42');
  assert.ok(!server.logs().includes('tacdesk_session='), 'cookies are redacted');
});
