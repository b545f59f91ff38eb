/**
 * `tacdesk mail ingest` as an MTA runs it, against a real server process: with --url it posts to
 * the mail-gate (exit 0 whatever became of the message), 75 when the server cannot take it now
 * (unreachable, wrong token) so the MTA retries, 65 for empty input; without --url it refuses the
 * embedded database the server holds (75, pointing at --url) and opens it once the server stopped.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT, freePort, startServerProcess, type ServerProcess } from '../harness/server-process.ts';
import { ADMIN_TEST_PASSWORD } from '../harness/server-process.ts';
import { KNOWN_SENDER, fixture } from './mail-builders.ts';

let server: ServerProcess;
let token: string;

async function api(path: string, body: unknown, cookie: string, csrf: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.json() as Promise<{ id: number; token: string }>;
}

before(async () => {
  // The embedded database on either engine run: this is about the data-dir lock and the gate.
  server = await startServerProcess({ env: { DATABASE_URL: '' } });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_TEST_PASSWORD }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const org = await api('/api/organisations', { name: '甲方银行' }, cookie, csrfToken);
  await api(
    `/api/organisations/${org.id}/contacts`,
    { name: '张伟', email: KNOWN_SENDER },
    cookie,
    csrfToken,
  );
  token = (
    await api(
      '/api/api-tokens',
      { name: 'postfix', scope: { kind: 'role', role: 'hotline_operator' } },
      cookie,
      csrfToken,
    )
  ).token;
});
after(() => server?.stop());

function ingest(args: string[], input: Buffer, env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['src/cli.ts', 'mail', 'ingest', ...args], {
    cwd: ROOT,
    input,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TACDESK_DATA_DIR: server.dataDir,
      TACDESK_LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout.trim(), err: res.stderr };
}

test('with --url the message goes through the mail-gate: exit 0 and one line saying what became of it', () => {
  const mail = fixture('foxmail-gbk-base64.eml');
  const first = ingest(['--url', server.url, '--token', token], mail);
  assert.equal(first.code, 0, first.out + first.err);
  assert.match(first.out, /^tacdesk mail ingest: opened inbound_mail=\d+ case=\d+$/);
  // The MTA delivers again (it did not see the exit code): recorded once.
  const again = ingest([], mail, { TACDESK_MAILGATE_URL: server.url, TACDESK_MAILGATE_TOKEN: token });
  assert.equal(again.code, 0);
  assert.match(again.out, /^tacdesk mail ingest: duplicate inbound_mail=\d+ case=\d+$/);
  const stranger = ingest(['--url', server.url, '--token', token], fixture('unknown-sender-163.eml'));
  assert.equal(stranger.code, 0);
  assert.match(stranger.out, /quarantined inbound_mail=\d+ case=- reason=unknown_sender$/);
});

test('a server that cannot take the message now means try again later (75); empty input is 65', async () => {
  const mail = fixture('outlook-gb2312-qp.eml');
  const wrongToken = ingest(['--url', server.url, '--token', 'tac_wrong'], mail);
  assert.equal(wrongToken.code, 75, wrongToken.out);
  assert.match(wrongToken.out, /answered 401/);
  const nobody = ingest(['--url', `http://127.0.0.1:${await freePort()}`, '--token', token], mail);
  assert.equal(nobody.code, 75, nobody.out);
  assert.match(nobody.out, /unreachable/);
  const empty = ingest(['--url', server.url, '--token', token], Buffer.alloc(0));
  assert.equal(empty.code, 65);
  assert.match(empty.out, /empty input/);
});

test('without --url it refuses the database the server holds, and opens it once the server stopped', async () => {
  const mail = fixture('big5-taiwan.eml');
  const locked = ingest([], mail);
  assert.equal(locked.code, 75, locked.out + locked.err);
  assert.match(locked.out, /in use by another TACdesk process.*--url/s);
  await server.stop();
  const direct = ingest([], mail);
  assert.equal(direct.code, 0, direct.out + direct.err);
  assert.match(direct.out, /^tacdesk mail ingest: opened inbound_mail=\d+ case=\d+$/);
});
