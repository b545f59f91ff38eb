/**
 * A faxed request recorded by the hotline (channel fax): the case and its scanned pages commit
 * together, the customer sees both in the portal, and a request without the fax, with something
 * other than a scan, or with bad case fields is refused naming the part and records nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';

let t: TestApp;
let operator: Awaited<ReturnType<typeof makeStaff>>;
let customer: Awaited<ReturnType<typeof makeCustomer>>;

/** A 1×1 bilevel TIFF, as a fax server writes them (little-endian, uncompressed). */
function tiff(): Buffer {
  const entries: Array<[number, number, number, number]> = [
    [256, 3, 1, 1], // ImageWidth
    [257, 3, 1, 1], // ImageLength
    [258, 3, 1, 1], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 0], // PhotometricInterpretation: white is zero
    [273, 4, 1, 8 + 2 + 8 * 12 + 4], // StripOffsets
    [278, 3, 1, 1], // RowsPerStrip
    [279, 4, 1, 1], // StripByteCounts
  ];
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16LE(tag, at);
    ifd.writeUInt16LE(type, at + 2);
    ifd.writeUInt32LE(count, at + 4);
    if (type === 3) ifd.writeUInt16LE(value, at + 8);
    else ifd.writeUInt32LE(value, at + 8);
  });
  return Buffer.concat([Buffer.from('49492a0008000000', 'hex'), ifd, Buffer.from([0x80])]);
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function faxForm(caseFields: unknown, files: Array<[string, Buffer, string]>) {
  const form = new FormData();
  if (caseFields !== undefined)
    form.append('case', typeof caseFields === 'string' ? caseFields : JSON.stringify(caseFields));
  for (const [name, content, type] of files) form.append('file', new Blob([content], { type }), name);
  return form;
}

const count = async (table: 'support_case' | 'case_attachment') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  t = await createTestApp();
  operator = await makeStaff(t, ['hotline_operator']);
  customer = await makeCustomer(t);
});
after(() => t.close());

test('the hotline records a fax: a case on channel fax with its pages, seen by the customer', async () => {
  const fields = {
    organisationId: customer.org.id,
    contactId: customer.contact.contact.id,
    title: '传真报修：3 楼机房 UPS 告警',
    description: '客户传真称 UPS 面板显示电池故障，请安排工程师上门。',
    priority: 3,
    faxNumber: '010-6552 8899',
    receivedAt: '2026-03-10T09:12:00+08:00',
  };
  const res = await operator.client.request(
    'POST',
    '/api/cases/fax',
    faxForm(fields, [
      ['传真-第1页.tif', tiff(), 'image/tiff'],
      ['传真-第2页.pdf', PDF, 'application/pdf'],
    ]),
  );
  assert.equal(res.statusCode, 201, res.body);
  const opened = res.json();
  assert.equal(opened.channel, 'fax');
  assert.equal(opened.title, fields.title);
  assert.match(opened.number, /^TAC-\d{4}-\d{6}$/);

  const files = (await operator.client.get(`/api/cases/${opened.id}/attachments`)).json().items;
  assert.deepEqual(
    files.map((f: { fileName: string; mediaType: string; visibility: string }) => [
      f.fileName,
      f.mediaType,
      f.visibility,
    ]),
    [
      ['传真-第1页.tif', 'image/tiff', 'public'],
      ['传真-第2页.pdf', 'application/pdf', 'public'],
    ],
  );
  const timeline = (await operator.client.get(`/api/cases/${opened.id}/entries`)).json().items as Array<{
    kind: string;
    data: { fax?: { number: string; receivedAt: string } };
  }>;
  const faxEntry = timeline.find((e) => e.kind === 'attachment');
  assert.deepEqual(faxEntry?.data.fax, { number: '010-6552 8899', receivedAt: '2026-03-10T09:12:00+08:00' });

  // The customer reads the case and the fax pages in the portal.
  const mine = await customer.contact.client.get(`/api/cases/${opened.id}`);
  assert.equal(mine.statusCode, 200);
  const theirFiles = (await customer.contact.client.get(`/api/cases/${opened.id}/attachments`)).json().items;
  assert.equal(theirFiles.length, 2);
  const page = await customer.contact.client.get(`/api/attachments/${theirFiles[0].id}/download`);
  assert.equal(page.statusCode, 200);
  assert.equal(page.rawPayload.equals(tiff()), true);
});

test('refusals name the part and record nothing', async () => {
  const cases = await count('support_case');
  const attachments = await count('case_attachment');
  const valid = { organisationId: customer.org.id, title: '传真报修', description: '见传真', priority: 3 };
  // The field and its text in the reader's language (zh-CN here).
  const refusals: Array<[FormData, string, string]> = [
    [faxForm(valid, []), 'body.file', '请附上传真（扫描件或 PDF）'],
    [
      faxForm(valid, [['switch.log', Buffer.from('%LINK-3-UPDOWN\n'), 'text/plain']]),
      'body.file',
      'switch.log：传真须为图片或 PDF',
    ],
    [faxForm({ ...valid, title: '' }, [['p1.pdf', PDF, 'application/pdf']]), 'body.case.title', '不能为空'],
    [
      faxForm({ ...valid, faxNumber: 'call me' }, [['p1.pdf', PDF, 'application/pdf']]),
      'body.case.faxNumber',
      '只能填数字、+、-、( ) 和空格',
    ],
    [faxForm('{not json', [['p1.pdf', PDF, 'application/pdf']]), 'body.case', '不是有效的 JSON'],
    [faxForm(undefined, [['p1.pdf', PDF, 'application/pdf']]), 'body.case', '必填：案例字段（JSON）'],
  ];
  for (const [form, field, text] of refusals) {
    const res = await operator.client.request('POST', '/api/cases/fax', form);
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string; text: string }) => e.field === field && e.text === text),
      `${field}: ${text} in ${res.body}`,
    );
  }
  const byCustomer = await customer.contact.client.request(
    'POST',
    '/api/cases/fax',
    faxForm(valid, [['p1.pdf', PDF, 'application/pdf']]),
  );
  assert.equal(byCustomer.statusCode, 403);
  assert.equal(await count('support_case'), cases);
  assert.equal(await count('case_attachment'), attachments);
});
