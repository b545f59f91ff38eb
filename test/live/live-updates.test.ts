/**
 * Live updates over server-sent events, through a real socket: a new case or reply reaches every
 * open console; a customer's stream carries only its organisation's public changes. On the
 * PostgreSQL pass the events travel through LISTEN/NOTIFY.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';

let t: TestApp;
let base: string;

before(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(() => t.close());

/** Opens the caller's stream and collects the events it receives. */
async function stream(client: Client) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/live`, {
    headers: { cookie: client.cookie! },
    signal: controller.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /text\/event-stream/);
  const events: Array<{ type: string; subjectId: string }> = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    async waitFor(predicate: (e: { type: string; subjectId: string }) => boolean, ms = 5000) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (events.some(predicate)) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

test('a new case and a reply reach every console; customers hear only their own public changes', async () => {
  const engineer = await makeStaff(t, ['tac_engineer']);
  const hotline = await makeStaff(t, ['hotline_operator']);
  const mine = await makeCustomer(t);
  const other = await makeCustomer(t);
  const consoles = [await stream(engineer.client), await stream(hotline.client)];
  const mineStream = await stream(mine.contact.client);
  const otherStream = await stream(other.contact.client);
  try {
    const opened = await mine.contact.client.post('/api/cases', {
      title: '网点打印机无法连接',
      description: '二楼柜台',
      priority: 3,
    });
    const id = String(opened.json().id);
    for (const s of consoles)
      assert.ok(
        await s.waitFor((e) => e.type === 'case.opened' && e.subjectId === id),
        'console hears the new case',
      );
    assert.ok(await mineStream.waitFor((e) => e.type === 'case.opened' && e.subjectId === id));

    await hotline.client.post(`/api/cases/${id}/entries`, { kind: 'note', body: '内部：先远程看看' });
    await hotline.client.post(`/api/cases/${id}/entries`, { kind: 'reply', body: '您好，已受理' });
    for (const s of consoles)
      assert.ok(await s.waitFor((e) => e.type === 'case.replied' && e.subjectId === id));
    assert.ok(await mineStream.waitFor((e) => e.type === 'case.replied' && e.subjectId === id));
    assert.ok(
      consoles[0]!.events.some((e) => e.type === 'case.noted'),
      'staff hear internal notes',
    );
    assert.ok(!mineStream.events.some((e) => e.type === 'case.noted'), 'customers never hear internal notes');
    assert.deepEqual(otherStream.events, [], 'another organisation hears nothing');
    assert.ok(!JSON.stringify(mineStream.events).includes('先远程'), 'events carry no content');
  } finally {
    for (const s of [...consoles, mineStream, otherStream]) await s.close();
  }
});

test('the stream needs a signed-in caller', async () => {
  const res = await fetch(`${base}/api/live`);
  assert.equal(res.status, 401);
});
