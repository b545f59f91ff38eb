/**
 * The embedded engine is safe: a second process on the same data directory is refused, and a
 * SIGKILL during a write load loses no acknowledged write and the restart succeeds.
 * (On the PostgreSQL pass the crash test runs against a scratch PostgreSQL database.)
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TEST_PASSWORD, startServerProcess, type ServerProcess } from '../harness/server-process.ts';
import { TEST_ENGINE, createScratchPgDatabase } from '../harness/test-database.ts';

const running: ServerProcess[] = [];
after(async () => {
  for (const s of running) await s.kill();
});

async function signIn(url: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_TEST_PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tacdesk_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

test(
  'a second process on the same data directory is refused with a clear message',
  { skip: TEST_ENGINE !== 'pglite' },
  async () => {
    const first = await startServerProcess();
    running.push(first);
    const second = await startServerProcess({ dataDir: first.dataDir, expectExit: true });
    assert.equal(second.child.exitCode, 1);
    assert.match(second.logs(), /in use by another TACdesk process \(pid \d+\)/);
    assert.equal((await fetch(`${first.url}/readyz`)).status, 200, 'the first process is unharmed');
    await first.stop();
  },
);

test('SIGKILL during a write load loses no acknowledged write; restarts succeed', async () => {
  const scratch = TEST_ENGINE === 'postgres' ? await createScratchPgDatabase() : null;
  const env: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : {};
  const acknowledged = new Map<number, string>();
  let server = await startServerProcess({ env });
  running.push(server);
  const dataDir = server.dataDir;
  try {
    for (let round = 0; round < 3; round++) {
      const { cookie, csrfToken } = await signIn(server.url);
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `崩溃测试客户 r${round} w${w} #${i}`;
          try {
            const res = await fetch(`${server.url}/api/organisations`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
              body: JSON.stringify({ name, industry: '测试' }),
            });
            if (res.status === 201) acknowledged.set(((await res.json()) as { id: number }).id, name);
          } catch {
            return; // connection died with the server: not acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 600));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);

      server = await startServerProcess({ env, dataDir });
      running.push(server);
      const session = await signIn(server.url);
      const seen = new Map<number, string>();
      for (let after: number | null = 0; after !== null;) {
        const res = await fetch(
          `${server.url}/api/organisations?limit=200${after ? `&after=${after}` : ''}`,
          { headers: { cookie: session.cookie } },
        );
        const page = (await res.json()) as {
          items: Array<{ id: number; name: string }>;
          nextAfter: number | null;
        };
        for (const o of page.items) seen.set(o.id, o.name);
        after = page.nextAfter;
      }
      const lost = [...acknowledged].filter(([id, name]) => seen.get(id) !== name);
      assert.deepEqual(lost, [], `round ${round}: acknowledged writes missing after SIGKILL`);
    }
    assert.ok(acknowledged.size > 10, `the load wrote something (${acknowledged.size})`);
  } finally {
    await server.kill();
    await scratch?.drop();
  }
});
