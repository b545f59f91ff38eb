/**
 * Search past the newest cases: a search reads the newest 10 000 case ids by key and takes older
 * matches from the text indexes (case.repository.ts, newestMatches). Here the id sequence jumps by
 * 25 000 between an old and a new case, so the old one lies outside that window and must still be
 * found, newest first, by relevance, page by page, and only within the caller's customer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

let t: TestApp;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let customer: Awaited<ReturnType<typeof makeCustomer>>;
let other: Awaited<ReturnType<typeof makeCustomer>>;
const ids: Record<string, number> = {};

async function open(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/cases', { description: '现场反馈', priority: 3, ...body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}
async function search(client: Client, query: string) {
  const res = await client.get(`/api/cases?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: Array<{ id: number }>; nextCursor: string | null };
}

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  hotline = await makeStaff(t, ['hotline_operator']);
  customer = await makeCustomer(t);
  other = await makeCustomer(t);
  ids.old = await open(hotline.client, { organisationId: customer.org.id, title: '二号机柜顶部渗水' });
  ids.foreignOld = await open(hotline.client, { organisationId: other.org.id, title: '机房渗水报警' });
  await sql`select setval(pg_get_serial_sequence('support_case', 'id'), (select max(id) from support_case) + 25000)`.execute(
    t.db,
  );
  ids.recent = await open(hotline.client, { organisationId: customer.org.id, title: '空调冷凝水渗水到机柜' });
  ids.unrelated = await open(hotline.client, { organisationId: customer.org.id, title: '交换机端口故障' });
  assert.ok(ids.recent! - ids.old! > 25_000);
});
after(() => t.close());

test('a match older than the newest 10 000 ids is found, newest first', async () => {
  const found = await search(hotline.client, `q=${encodeURIComponent('渗水')}`);
  assert.deepEqual(
    found.items.map((c) => c.id),
    [ids.recent, ids.foreignOld, ids.old],
  );
});

test('page by page across the window: nothing repeated, nothing missed', async () => {
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await search(
      hotline.client,
      `q=${encodeURIComponent('渗水')}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    seen.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, [ids.recent, ids.foreignOld, ids.old]);
});

test('by relevance, the old match is ranked with the new ones', async () => {
  const found = await search(hotline.client, `q=${encodeURIComponent('渗水')}&sort=relevance`);
  assert.deepEqual(
    found.items.map((c) => c.id).sort((a, b) => a - b),
    [ids.old, ids.foreignOld, ids.recent].sort((a, b) => a! - b!),
  );
});

test("a customer's search past the window stays within its own cases", async () => {
  const found = await search(customer.contact.client, `q=${encodeURIComponent('渗水')}`);
  assert.deepEqual(
    found.items.map((c) => c.id),
    [ids.recent, ids.old],
  );
});
