/** Case attachments: upload, list and download under the case's policy; limits and refusals change nothing. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

let t: TestApp;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let customer: Awaited<ReturnType<typeof makeCustomer>>;
let foreign: Awaited<ReturnType<typeof makeCustomer>>;
let caseId: number;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b4a7c80000000049454e44ae426082',
  'hex',
);
const LOG = Buffer.from(
  '2026-03-09 10:05:01 %LINK-3-UPDOWN: Interface GigabitEthernet1/0/24, changed state to down\n'.repeat(20),
);

function form(files: Array<[string, Buffer, string]>, fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, content, type] of files) f.append('file', new Blob([content], { type }), name);
  return f;
}

before(async () => {
  t = await createTestApp({ TACDESK_MAX_ATTACHMENT_MB: '1' });
  engineer = await makeStaff(t, ['tac_engineer']);
  customer = await makeCustomer(t);
  foreign = await makeCustomer(t);
  const opened = await customer.contact.client.post('/api/cases', {
    title: '交换机端口故障',
    description: '见附件日志',
    priority: 3,
  });
  caseId = opened.json().id;
});
after(() => t.close());

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('case_attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('staff attach internal logs, customers public screenshots; each sees what it may', async () => {
  const internal = await engineer.client.request(
    'POST',
    `/api/cases/${caseId}/attachments`,
    form([['交换机日志.log', LOG, 'text/plain']], { visibility: 'internal' }),
  );
  assert.equal(internal.statusCode, 201, internal.body);
  assert.equal(internal.json().items[0].fileName, '交换机日志.log');
  assert.equal(internal.json().items[0].visibility, 'internal');
  const shot = await customer.contact.client.request(
    'POST',
    `/api/cases/${caseId}/attachments`,
    form([['screenshot.png', PNG, 'image/png']]),
  );
  assert.equal(shot.statusCode, 201, shot.body);
  assert.equal(shot.json().items[0].mediaType, 'image/png');

  const staffList = (await engineer.client.get(`/api/cases/${caseId}/attachments`)).json().items;
  assert.equal(staffList.length, 2);
  const customerList = (await customer.contact.client.get(`/api/cases/${caseId}/attachments`)).json().items;
  assert.deepEqual(
    customerList.map((a: { fileName: string }) => a.fileName),
    ['screenshot.png'],
  );

  const logId = internal.json().items[0].id;
  const download = await engineer.client.get(`/api/attachments/${logId}/download`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.rawPayload.equals(LOG), true);
  assert.match(
    String(download.headers['content-disposition']),
    /filename\*=UTF-8''%E4%BA%A4%E6%8D%A2%E6%9C%BA/,
  );
  assert.equal(download.headers['x-content-type-options'], 'nosniff');
  assert.equal(
    (await customer.contact.client.get(`/api/attachments/${logId}/download`)).statusCode,
    404,
    'an internal file does not exist for a customer',
  );
  const pngDownload = await customer.contact.client.get(
    `/api/attachments/${shot.json().items[0].id}/download`,
  );
  assert.equal(pngDownload.rawPayload.equals(PNG), true);

  const timeline = (await customer.contact.client.get(`/api/cases/${caseId}/entries`)).json().items;
  assert.equal(timeline.filter((e: { kind: string }) => e.kind === 'attachment').length, 1);
});

test('another organisation cannot list, download or upload', async () => {
  const anyId = (
    await t.db
      .selectFrom('case_attachment')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).id;
  assert.equal((await foreign.contact.client.get(`/api/cases/${caseId}/attachments`)).statusCode, 404);
  assert.equal((await foreign.contact.client.get(`/api/attachments/${anyId}/download`)).statusCode, 404);
  const before = await count();
  const upload = await foreign.contact.client.request(
    'POST',
    `/api/cases/${caseId}/attachments`,
    form([['x.png', PNG, 'image/png']]),
  );
  assert.equal(upload.statusCode, 404);
  assert.equal(await count(), before);
});

test('an oversized file, an executable and a customer’s internal upload are refused and change nothing', async () => {
  const before = await count();
  const big = await engineer.client.request(
    'POST',
    `/api/cases/${caseId}/attachments`,
    form([['dump.log', Buffer.alloc(2 * 1024 * 1024, 'a'), 'text/plain']]),
  );
  assert.equal(big.statusCode, 413);
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
  const exe = await engineer.client.request(
    'POST',
    `/api/cases/${caseId}/attachments`,
    form([['tool.bin', elf, 'application/octet-stream']]),
  );
  assert.equal(exe.statusCode, 415);
  const sneaky = await customer.contact.client.request(
    'POST',
    `/api/cases/${caseId}/attachments`,
    form([['a.png', PNG, 'image/png']], { visibility: 'internal' }),
  );
  assert.equal(sneaky.statusCode, 400);
  assert.equal(sneaky.json().errors[0].field, 'body.visibility');
  assert.equal(await count(), before);
});
