/** Builders for installed-base tests: customers with sites, product models, xlsx files and uploads. */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { createOrganisation } from '../../src/modules/organisations/server/commands/save-organisation.ts';
import { addSite } from '../../src/modules/organisations/server/commands/save-site.ts';
import type { Client, TestApp } from '../harness/test-app.ts';

const unique = () => crypto.randomBytes(3).toString('hex').toUpperCase();

/** A customer organisation (with a code) and two sites. */
export async function makeOrgWithSites(t: TestApp, sites = ['总部数据中心', '灾备机房']) {
  const suffix = unique();
  const org = await createOrganisation({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: { code: `ORG${suffix}`, name: `测试客户 ${suffix} 有限公司` },
  });
  const siteRows = [];
  for (const name of sites)
    siteRows.push(await addSite({ db: t.db, ctx: SYSTEM_CONTEXT, organisationId: org.id, input: { name } }));
  return { org: { id: org.id, code: `ORG${suffix}`, name: `测试客户 ${suffix} 有限公司` }, sites: siteRows };
}

/** A product model through the API; returns its id. */
export async function makeModel(
  client: Client,
  body: {
    vendor?: string;
    model?: string;
    category?: string;
    warrantyMonths?: number | null;
    partNumber?: string;
  },
): Promise<number> {
  const res = await client.post('/api/product-models', {
    vendor: 'Cisco',
    model: `C9300-48P-${unique()}`,
    category: 'network',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`model: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** A serial that no other test uses. */
export const serial = (prefix = 'FOC') => `${prefix}${Date.now().toString(36).toUpperCase()}${unique()}`;

/** An xlsx workbook with the given heading row and data rows. */
export async function workbook(headings: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('设备');
  sheet.addRow(headings);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads the first sheet of an xlsx answer into rows of cell texts. */
export async function readSheet(bytes: Buffer, sheetIndex = 0): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[sheetIndex]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      values.map((v) =>
        v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v),
      ),
    );
  });
  return rows;
}

/** Posts an xlsx to the import. */
export function upload(client: Client, bytes: Buffer, query = '', headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    '设备台账.xlsx',
  );
  return client.request('POST', `/api/assets/import${query}`, form, headers);
}
