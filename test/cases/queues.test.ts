/**
 * Queues and search: filters (mine, my group, unassigned, breaching soon, region …), sorting
 * by SLA urgency with keyset paging, full-text search that finds Chinese substrings and English
 * words inside the caller's scope, and export to CSV / xlsx.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { ensureDefaultCalendars } from '../../src/modules/calendars/server/index.ts';
import { createSupportGroup } from '../../src/modules/cases/server/index.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

let now = new Date('2026-06-01T02:00:00Z');
let t: TestApp;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let mine: Awaited<ReturnType<typeof makeCustomer>>;
let theirs: Awaited<ReturnType<typeof makeCustomer>>;
const ids: Record<string, number> = {};

async function open(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/cases', { description: '现场反馈', priority: 3, ...body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}
const list = async (client: Client, query: string) => {
  const res = await client.get(`/api/cases?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: Array<{ id: number; number: string }>; nextCursor: string | null };
};
const idsOf = (r: { items: Array<{ id: number }> }) => r.items.map((c) => c.id).sort((a, b) => a - b);

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  await ensureDefaultCalendars({ db: t.db });
  hotline = await makeStaff(t, ['hotline_operator']);
  engineer = await makeStaff(t, ['tac_engineer']);
  mine = await makeCustomer(t);
  theirs = await makeCustomer(t);
  const group = await createSupportGroup({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: { code: 'EXPERTS', name: '二线专家组', memberIds: [engineer.user.id] },
  });
  ids.db = await open(hotline.client, {
    organisationId: mine.org.id,
    title: '核心数据库主机宕机',
    description: 'Oracle RAC 节点 2 宕机，交易中断',
    priority: 1,
    assigneeId: engineer.user.id,
  });
  ids.ospf = await open(hotline.client, {
    organisationId: mine.org.id,
    title: 'OSPF neighbour flapping on core router',
    description: 'Area 0 邻居反复震荡',
    priority: 2,
    groupId: group,
  });
  ids.other = await open(hotline.client, {
    organisationId: theirs.org.id,
    title: '他方数据库性能下降',
    priority: 3,
  });
  ids.portal = await open(mine.contact.client, {
    title: '=HYPERLINK("http://evil.example","点我")',
    priority: 4,
  });
  await hotline.client.post(`/api/cases/${ids.ospf}/entries`, {
    kind: 'note',
    body: '内部：怀疑是光模块老化，需要过保评估',
  });
  await hotline.client.post(`/api/cases/${ids.db}/entries`, {
    kind: 'reply',
    body: '已安排二线专家远程接入分析 alert log',
  });
});
after(() => t.close());

test('Chinese substrings and English words are found, ranked, in the caller’s scope', async () => {
  assert.deepEqual(
    idsOf(await list(hotline.client, `q=${encodeURIComponent('数据库')}`)),
    [ids.db, ids.other].sort((a, b) => a! - b!),
  );
  assert.deepEqual(idsOf(await list(hotline.client, `q=${encodeURIComponent('宕机')}`)), [ids.db]);
  assert.deepEqual(idsOf(await list(hotline.client, 'q=flapping')), [ids.ospf]);
  assert.deepEqual(idsOf(await list(hotline.client, 'q=OSPF')), [ids.ospf]);
  assert.deepEqual(
    idsOf(await list(hotline.client, `q=${encodeURIComponent('alert log')}`)),
    [ids.db],
    'timeline text',
  );
  assert.deepEqual(
    idsOf(await list(hotline.client, `q=${encodeURIComponent('光模块')}`)),
    [ids.ospf],
    'staff find internal notes',
  );
  const number = (await hotline.client.get(`/api/cases/${ids.db}`)).json().number;
  assert.deepEqual(idsOf(await list(hotline.client, `q=${number}`)), [ids.db]);

  assert.deepEqual(
    idsOf(await list(mine.contact.client, `q=${encodeURIComponent('数据库')}`)),
    [ids.db],
    'never another organisation',
  );
  assert.deepEqual(
    idsOf(await list(mine.contact.client, `q=${encodeURIComponent('光模块')}`)),
    [],
    'never by internal text',
  );
  const ranked = await list(hotline.client, `q=${encodeURIComponent('数据库')}&sort=relevance`);
  assert.equal(ranked.items.length, 2);
});

test('editing the title re-indexes the case', async () => {
  const id = await open(hotline.client, { organisationId: mine.org.id, title: '打印机卡纸' });
  const edited = await hotline.client.patch(`/api/cases/${id}`, { title: '防火墙策略下发失败' });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.deepEqual(idsOf(await list(hotline.client, `q=${encodeURIComponent('防火墙')}`)), [id]);
  assert.deepEqual(idsOf(await list(hotline.client, `q=${encodeURIComponent('卡纸')}`)), []);
  assert.equal((await hotline.client.patch(`/api/cases/${id}`, { siteId: theirs.site.id })).statusCode, 400);
  assert.equal((await mine.contact.client.patch(`/api/cases/${id}`, { title: 'x' })).statusCode, 403);
  await hotline.client.post(`/api/cases/${id}/transitions`, { to: 'cancelled', reason: '重复' });
});

test('queue filters: mine, my group, unassigned, region, channel, priority', async () => {
  assert.deepEqual(idsOf(await list(engineer.client, 'assignee=me')), [ids.db]);
  assert.deepEqual(idsOf(await list(engineer.client, 'group=mine')), [ids.ospf]);
  const unassigned = idsOf(await list(hotline.client, 'assignee=none&open=true'));
  assert.ok(
    unassigned.includes(ids.other!) && unassigned.includes(ids.portal!) && !unassigned.includes(ids.db!),
  );
  assert.deepEqual(idsOf(await list(hotline.client, 'channel=web')), [ids.portal]);
  assert.deepEqual(idsOf(await list(hotline.client, 'priority=1')), [ids.db]);
  assert.deepEqual(idsOf(await list(hotline.client, `organisationId=${theirs.org.id}`)), [ids.other]);
  const bad = await hotline.client.get('/api/cases?cursor=garbage');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'querystring.cursor');
});

test('breaching within N minutes, and the most urgent first with keyset paging', async () => {
  // Builders' targets on 7×24: response P1 30 min, P2 60, P3 120, P4 240; diagnosis P1 240.
  // The P1 got its first response (a reply), so its next target is the diagnosis at +240.
  const soon = await list(hotline.client, 'breachingWithin=61');
  assert.deepEqual(idsOf(soon), [ids.ospf]);
  now = new Date(now.getTime() + 3 * 3600_000);
  assert.deepEqual(
    idsOf(await list(hotline.client, 'breachingWithin=0')),
    [ids.ospf, ids.other].sort((a, b) => a! - b!),
    'already breached',
  );
  now = new Date('2026-06-01T02:00:00Z');
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof list>> = await list(
      hotline.client,
      `sort=sla&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
    );
    pages.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  const all = (await list(hotline.client, 'limit=200')).items.length;
  assert.equal(pages.length, all, 'every case once');
  assert.equal(new Set(pages).size, all, 'no case twice across pages');
  assert.equal(pages[0], ids.ospf, 'the P2 still waiting for its first response is the most urgent');
});

test('export to CSV (UTF-8 BOM) and xlsx, in scope, with formulas neutralised', async () => {
  const csv = await mine.contact.client.get('/api/cases/export?format=csv');
  assert.equal(csv.statusCode, 200);
  assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = csv.rawPayload.subarray(3).toString('utf8');
  assert.match(text.split('\r\n')[0]!, /^案例编号,标题,客户/);
  assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"",""点我"")"`), text);
  assert.ok(!text.includes('他方'), 'a customer exports only its own cases');

  const xlsx = await hotline.client.request('GET', '/api/cases/export?format=xlsx&open=true', undefined, {
    'accept-language': 'en',
  });
  assert.equal(xlsx.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  assert.equal(
    sheet.getRow(1).getCell(1).value,
    '案例编号',
    'the user’s own language (zh-CN) wins over the header',
  );
  assert.equal(sheet.rowCount, 5);
  const titles = sheet.getColumn(2).values.slice(2) as string[];
  assert.ok(titles.includes(`'=HYPERLINK("http://evil.example","点我")`));
});
