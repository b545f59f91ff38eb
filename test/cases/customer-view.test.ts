/**
 * What a customer sees of the service centre's work on its case: the vendor's case number but
 * not our notes on it nor the internal task to open one, call logs only when marked for it,
 * contracts without internal remarks, and 404s that say nothing about other organisations.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

let t: TestApp;
let staff: Awaited<ReturnType<typeof makeStaff>>;
let customer: Awaited<ReturnType<typeof makeCustomer>>;
let caseId: number;

before(async () => {
  t = await createTestApp();
  staff = await makeStaff(t, ['admin', 'tac_engineer']);
  customer = await makeCustomer(t);
  caseId = (
    await customer.contact.client.post('/api/cases', {
      title: '存储阵列告警',
      description: '控制器 B 离线',
      priority: 2,
    })
  ).json().id;
});
after(() => t.close());

test('vendor cases: the number yes, our notes and open-a-case tasks no; a patch changes only what it names', async () => {
  const open = await staff.client.post(`/api/cases/${caseId}/vendor-cases`, {
    vendor: 'NetApp',
    vendorCaseNumber: '2009876543',
    notes: '内部：厂商承认是已知缺陷，勿告知客户',
  });
  await staff.client.post(`/api/cases/${caseId}/vendor-cases`, { vendor: 'Dell', status: 'requested' });
  const seen = (await customer.contact.client.get(`/api/cases/${caseId}/vendor-cases`)).json().items;
  assert.deepEqual(
    seen.map((v: { vendor: string; notes: string | null }) => [v.vendor, v.notes]),
    [['NetApp', null]],
  );
  const timeline = JSON.stringify(
    (await customer.contact.client.get(`/api/cases/${caseId}/entries`)).json().items,
  );
  assert.ok(timeline.includes('2009876543'));
  assert.ok(!timeline.includes('Dell') && !timeline.includes('勿告知'));
  assert.equal((await staff.client.get(`/api/cases/${caseId}/vendor-cases`)).json().items.length, 2);

  const id = open.json().id;
  await staff.client.patch(`/api/vendor-cases/${id}`, { status: 'closed' });
  const patched = await staff.client.patch(`/api/vendor-cases/${id}`, { notes: '已关闭' });
  assert.equal(patched.json().status, 'closed', 'a notes-only patch does not reopen it');
});

test('call logs are internal unless marked public', async () => {
  await staff.client.post(`/api/cases/${caseId}/entries`, {
    kind: 'call',
    body: '致电厂商 TAC 升级',
    direction: 'outbound',
    durationSeconds: 600,
  });
  await staff.client.post(`/api/cases/${caseId}/entries`, {
    kind: 'call',
    body: '已电话告知客户处理进展',
    direction: 'outbound',
    durationSeconds: 120,
    visibility: 'public',
  });
  const timeline = JSON.stringify(
    (await customer.contact.client.get(`/api/cases/${caseId}/entries`)).json().items,
  );
  assert.ok(timeline.includes('已电话告知客户'));
  assert.ok(!timeline.includes('致电厂商'));
  const search = (await customer.contact.client.get(`/api/cases?q=${encodeURIComponent('厂商')}`)).json()
    .items;
  assert.deepEqual(search, [], 'nor findable by its words');
});

test('a customer reads its contracts without internal remarks', async () => {
  await t.db
    .updateTable('service_contract')
    .set({ notes: '内部：续约价格底线 8 折' })
    .where('id', '=', customer.contractId!)
    .execute();
  const mine = (await customer.contact.client.get('/api/contracts')).json().items;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].notes, null);
  assert.equal(
    (await staff.client.get(`/api/contracts/${customer.contractId}`)).json().notes,
    '内部：续约价格底线 8 折',
  );
});

test('another organisation’s records and missing ids answer the same 404', async () => {
  const other = await makeCustomer(t);
  const form = new FormData();
  form.append('file', new Blob(['log line\n']), 'a.log');
  const upload = await staff.client.request('POST', `/api/cases/${caseId}/attachments`, form);
  const attachmentId = upload.json().items[0].id;
  const foreign = await other.contact.client.get(`/api/attachments/${attachmentId}/download`);
  const missing = await other.contact.client.get('/api/attachments/99999999/download');
  assert.equal(foreign.statusCode, 404);
  assert.equal(foreign.json().detail, missing.json().detail);
  const bad = await staff.client.get(
    `/api/cases?sort=sla&cursor=${Buffer.from(JSON.stringify(['not-a-date', 1])).toString('base64url')}`,
  );
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'querystring.cursor');
});
