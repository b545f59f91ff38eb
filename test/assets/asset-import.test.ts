/**
 * The installed base in and out of Excel: a good file is imported whole (new product models
 * listed), a bad one is refused whole with a row-by-row report in the caller's language (JSON or
 * xlsx), a dry run changes nothing, the export reads back in, the template is bilingual.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeContactUser, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeModel, makeOrgWithSites, readSheet, serial, upload, workbook } from './asset-builders.ts';

const now = new Date('2026-03-10T02:00:00Z');
let t: TestApp;
let clerk: Awaited<ReturnType<typeof makeStaff>>;
let englishClerk: Awaited<ReturnType<typeof makeStaff>>;

const ZH = ['厂商', '型号', '序列号', '客户', '站点', '安装日期', '原厂保修截止', '备注'];

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  clerk = await makeStaff(t, ['spare_parts_clerk']);
  englishClerk = await makeStaff(t, ['project_manager']);
  await t.db.updateTable('app_user').set({ locale: 'en' }).where('id', '=', englishClerk.user.id).execute();
});
after(() => t.close());

const count = async (table: 'asset' | 'product_model' | 'asset_event' | 'domain_event') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async () => ({
  assets: await count('asset'),
  models: await count('product_model'),
  events: await count('asset_event'),
  audit: await count('domain_event'),
});

describe('import', () => {
  test('a good file is imported whole: two customers, a new product model, warranty from the model', async () => {
    const a = await makeOrgWithSites(t);
    const b = await makeOrgWithSites(t, ['营业部机房']);
    const known = `C9300-48P-${Date.now()}`;
    await makeModel(clerk.client, { vendor: 'Cisco', model: known, warrantyMonths: 12 });
    const newModel = `OceanStor-${Date.now()}`;
    const sns = [serial('FOC'), serial('FOC'), serial('2102')];
    const file = await workbook(ZH, [
      [
        'cisco',
        known.toLowerCase(),
        sns[0],
        a.org.code,
        '总部数据中心',
        new Date(Date.UTC(2025, 2, 15)),
        null,
        '机柜 A03',
      ],
      ['Cisco', known, sns[1], a.org.name, '灾备机房', '2025/4/1', '2027-04-01', null],
      [],
      ['Huawei', newModel, sns[2], b.org.name, '营业部机房', '2024年12月1日', null, null],
    ]);
    const before = await counts();
    const res = await upload(clerk.client, file);
    assert.equal(res.statusCode, 201, res.body);
    const summary = res.json();
    assert.equal(summary.dryRun, false);
    assert.equal(summary.rows, 3);
    assert.equal(summary.created, 3);
    assert.deepEqual(summary.modelsCreated, [{ vendor: 'Huawei', model: newModel }]);
    assert.deepEqual(
      summary.organisations.map((o: { id: number; assets: number }) => [o.id, o.assets]),
      [
        [a.org.id, 2],
        [b.org.id, 1],
      ],
    );

    const after = await counts();
    assert.equal(after.assets - before.assets, 3);
    assert.equal(after.models - before.models, 1);
    assert.equal(after.events - before.events, 3); // an `imported` line per asset
    assert.equal(after.audit - before.audit, 1); // one audit event for the whole import
    const event = await t.db
      .selectFrom('domain_event')
      .select(['type', 'data'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(event.type, 'asset.imported');
    assert.equal((event.data as { created: number }).created, 3);

    const list = (await clerk.client.get(`/api/assets?organisationId=${a.org.id}&sort=warranty`)).json()
      .items;
    assert.deepEqual(
      list.map(
        (x: {
          serial: string;
          vendor: string;
          installedOn: string;
          warrantyEndsOn: string;
          site: { name: string };
        }) => [x.serial, x.vendor, x.site.name, x.installedOn, x.warrantyEndsOn],
      ),
      [
        [sns[0], 'Cisco', '总部数据中心', '2025-03-15', '2026-03-15'],
        [sns[1], 'Cisco', '灾备机房', '2025-04-01', '2027-04-01'],
      ],
    );
    const history = (await clerk.client.get(`/api/assets/${list[0].id}/history`)).json().items;
    assert.equal(history[0].kind, 'imported');
    assert.equal(history[0].data.row, 2);
    const created = (await clerk.client.get(`/api/product-models?q=${newModel}`)).json().items[0];
    assert.equal(created.category, 'other');
    assert.equal(created.assetCount, 1);
  });

  test('a bad file is refused whole with a row-by-row report; nothing is written', async () => {
    const { org } = await makeOrgWithSites(t);
    const known = `S5735-L48T4X-${Date.now()}`;
    await makeModel(clerk.client, { vendor: 'Huawei', model: known });
    const taken = serial('2102');
    const registered = await clerk.client.post('/api/assets', {
      productModelId: await makeModel(clerk.client, { vendor: 'Huawei' }),
      serial: taken,
      organisationId: org.id,
    });
    assert.equal(registered.statusCode, 201);
    const dup = serial('2102');
    const rows = [
      ['Huawei', known, serial('2102'), org.code, '总部数据中心', '2025-13-01', null, null], // row 2: bad date
      ['Huawei', known, serial('2102'), '不存在的客户', null, null, null, null], // row 3: unknown organisation
      ['Huawei', known, dup, org.code, null, null, null, null], // row 4: fine on its own
      ['huawei', known, dup.toLowerCase(), org.code, null, null, null, null], // row 5: duplicate of row 4
      ['Huawei', `${known}-NEW`, taken.toLowerCase(), org.code, null, null, null, null], // row 6: already registered
      ['Huawei', known, serial('2102'), org.code, '不存在的机房', null, null, null], // row 7: unknown site
      ['Huawei', known, null, org.code, null, '2025-01-01', '2024-01-01', null], // row 8: no serial, warranty before install
    ];
    const file = await workbook(ZH, rows);
    const before = await counts();
    const res = await upload(clerk.client, file);
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json();
    assert.equal(body.code, 'validation_failed');
    assert.match(body.detail, /6 行有问题，整批未导入/);
    assert.equal(body.report.rows, 7);
    assert.equal(body.report.rowsWithErrors, 6);
    assert.deepEqual(
      body.report.problems.map((p: { row: number; column: string }) => [p.row, p.column]),
      [
        [2, 'installedOn'],
        [3, 'organisation'],
        [5, 'serial'],
        [6, 'serial'],
        [7, 'site'],
        [8, 'serial'],
        [8, 'warrantyEndsOn'],
      ],
    );
    const byRow = (row: number) => body.report.problems.find((p: { row: number }) => p.row === row);
    assert.equal(byRow(2).columnTitle, '安装日期');
    assert.equal(byRow(2).value, '2025-13-01');
    assert.match(byRow(2).message, /不是有效日期/);
    assert.match(byRow(3).message, /找不到该客户/);
    assert.match(byRow(5).message, /与第 4 行重复/);
    assert.match(byRow(6).message, /已登记/);
    assert.match(byRow(7).message, /没有此站点/);
    assert.ok(body.errors.some((e: { field: string }) => e.field === 'body.file.rows.2.installedOn'));
    assert.deepEqual(await counts(), before);

    // The same report in English for an English-speaking clerk, and as a workbook.
    const en = await upload(englishClerk.client, file);
    assert.equal(en.statusCode, 422);
    assert.match(en.json().detail, /6 row\(s\) have problems; nothing was imported/);
    assert.equal(en.json().report.problems[0].columnTitle, 'Installed on');
    assert.match(en.json().report.problems[0].message, /Not a valid date/);
    const xlsx = await upload(englishClerk.client, file, '?report=xlsx');
    assert.equal(xlsx.statusCode, 422);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const sheet = await readSheet(xlsx.rawPayload);
    assert.deepEqual(sheet[0], ['Row', 'Column', 'Value', 'Problem']);
    assert.deepEqual(sheet[1]!.slice(0, 3), ['2', 'Installed on', '2025-13-01']);
    assert.equal(sheet.length, 8);
    assert.deepEqual(await counts(), before);
  });

  test('a dry run checks and tells what would happen, and changes nothing', async () => {
    const { org } = await makeOrgWithSites(t);
    const file = await workbook(ZH, [
      ['H3C', `UniServer-R4900-G5-${Date.now()}`, serial('210235A3'), org.name],
    ]);
    const before = await counts();
    const res = await upload(clerk.client, file, '?dryRun=true');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().dryRun, true);
    assert.equal(res.json().created, 1);
    assert.equal(res.json().modelsCreated.length, 1);
    assert.deepEqual(await counts(), before);
    assert.equal((await upload(clerk.client, file)).statusCode, 201);
  });

  test('headings are required, a non-spreadsheet is refused, and only installed-base managers import', async () => {
    const missing = await upload(
      clerk.client,
      await workbook(['厂商', '型号', '备注'], [['Cisco', 'X', '']]),
    );
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(
      missing.json().report.problems.map((p: { row: number; column: string }) => [p.row, p.column]),
      [
        [1, 'serial'],
        [1, 'organisation'],
      ],
    );
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('vendor,model\n')], { type: 'text/csv' }), 'assets.csv');
    const csv = await clerk.client.request('POST', '/api/assets/import', form);
    assert.equal(csv.statusCode, 415);
    const engineer = await makeStaff(t, ['tac_engineer']);
    assert.equal((await upload(engineer.client, await workbook(ZH, []))).statusCode, 403);
    const { org } = await makeOrgWithSites(t);
    const contact = await makeContactUser(t, org.id);
    assert.equal((await upload(contact.client, await workbook(ZH, []))).statusCode, 403);
  });

  test('two thousand rows go in one transaction, quickly', async () => {
    const { org } = await makeOrgWithSites(t);
    const model = `C9200L-24P-4G-${Date.now()}`;
    const prefix = serial('JAE');
    const rows = Array.from({ length: 2000 }, (_, i) => [
      'Cisco',
      model,
      `${prefix}${i}`,
      org.code,
      '灾备机房',
      '2025-06-01',
    ]);
    const before = await counts();
    const started = Date.now();
    const res = await upload(clerk.client, await workbook(ZH.slice(0, 6), rows));
    assert.equal(res.statusCode, 201, res.body.slice(0, 500));
    assert.equal(res.json().created, 2000);
    const after = await counts();
    assert.equal(after.assets - before.assets, 2000);
    assert.equal(after.audit - before.audit, 1);
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
  });
});

describe('export and template', () => {
  test('the export has headings in the caller’s language and reads back in as an import', async () => {
    const source = await makeOrgWithSites(t);
    const model = `ASR1001-X-${Date.now()}`;
    const modelId = await makeModel(clerk.client, {
      vendor: 'Cisco',
      model,
      partNumber: 'ASR1001-X',
      category: 'network',
    });
    const sns = [serial('FXS'), serial('FXS')];
    for (const [i, sn] of sns.entries())
      await clerk.client.post('/api/assets', {
        productModelId: modelId,
        serial: sn,
        organisationId: source.org.id,
        siteId: source.sites[i]!.id,
        installedOn: '2025-01-10',
        warrantyEndsOn: '2028-01-10',
        notes: i === 0 ? '=cmd|calc' : null,
      });

    const zh = await clerk.client.get(`/api/assets/export.xlsx?organisationId=${source.org.id}`);
    assert.equal(zh.statusCode, 200);
    assert.match(String(zh.headers['content-disposition']), /assets-2026-03-10\.xlsx/);
    const zhRows = await readSheet(zh.rawPayload);
    assert.deepEqual(zhRows[0], [
      '厂商',
      '型号',
      '部件号',
      '类别',
      '序列号',
      '客户',
      '客户编码',
      '站点',
      '安装日期',
      '原厂保修截止',
      '状态',
      '备注',
    ]);
    assert.deepEqual(zhRows[2], [
      'Cisco',
      model,
      'ASR1001-X',
      '网络设备',
      sns[0],
      source.org.name,
      source.org.code,
      '总部数据中心',
      '2025-01-10',
      '2028-01-10',
      '在用',
      "'=cmd|calc",
    ]);
    const en = await englishClerk.client.get(`/api/assets/export.xlsx?organisationId=${source.org.id}`);
    const enRows = await readSheet(en.rawPayload);
    assert.equal(enRows[0]![4], 'Serial number');
    assert.equal(enRows[1]![3], 'Network');
    assert.equal(enRows[1]![10], 'In service');

    // Re-import into a fresh organisation with the same site names, serials changed.
    const target = await makeOrgWithSites(t);
    const rows = zhRows.slice(1).map((r) => {
      const copy = [...r];
      copy[4] = `${copy[4]}-B`;
      copy[5] = target.org.name;
      copy[6] = '';
      copy[11] = '';
      return copy;
    });
    const res = await upload(clerk.client, await workbook(zhRows[0]!, rows));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().created, 2);
    assert.deepEqual(res.json().modelsCreated, []);
    assert.deepEqual(res.json().ignoredColumns, ['客户编码', '状态']);
    const imported = (await clerk.client.get(`/api/assets?organisationId=${target.org.id}`)).json().items;
    assert.deepEqual(
      imported.map((a: { serial: string; site: { name: string }; model: { id: number } }) => [
        a.serial,
        a.site.name,
        a.model.id,
      ]),
      [
        [`${sns[0]}-B`, '总部数据中心', modelId],
        [`${sns[1]}-B`, '灾备机房', modelId],
      ],
    );
    // Re-importing the original export unchanged: every serial is already registered.
    const again = await upload(clerk.client, zh.rawPayload);
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().report.rowsWithErrors, 2);
  });

  test('a contact exports its own organisation’s assets, without internal notes', async () => {
    const own = await makeOrgWithSites(t);
    const foreign = await makeOrgWithSites(t);
    const modelId = await makeModel(clerk.client, {});
    for (const org of [own, foreign])
      await clerk.client.post('/api/assets', {
        productModelId: modelId,
        serial: serial(),
        organisationId: org.org.id,
        notes: '内部备注',
      });
    const contact = await makeContactUser(t, own.org.id);
    const res = await contact.client.get('/api/assets/export.xlsx');
    assert.equal(res.statusCode, 200);
    const rows = await readSheet(res.rawPayload);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]![5], own.org.name);
    assert.ok(!rows[0]!.includes('备注'));
  });

  test('the template is headed in both languages and imports once filled in', async () => {
    const res = await clerk.client.get('/api/assets/import-template.xlsx');
    assert.equal(res.statusCode, 200);
    const sheet = await readSheet(res.rawPayload);
    assert.deepEqual(sheet[0]!.slice(0, 4), [
      '厂商 / Vendor *',
      '型号 / Model *',
      '序列号 / Serial number *',
      '客户 / Organisation *',
    ]);
    const help = await readSheet(res.rawPayload, 1);
    assert.ok(help.some((r) => r.join(' ').includes('Unique per vendor')));
    const { org } = await makeOrgWithSites(t);
    const filled = await workbook(sheet[0]!, [
      [
        'Hikvision',
        `DS-9664NI-M16-${Date.now()}`,
        serial('DS'),
        org.code,
        '总部数据中心',
        '2025-08-08',
        '',
        '',
        '',
        '安防设备',
      ],
    ]);
    const imported = await upload(clerk.client, filled);
    assert.equal(imported.statusCode, 201, imported.body);
    const model = (await clerk.client.get(`/api/product-models?vendor=Hikvision`)).json().items[0];
    assert.equal(model.category, 'security');
  });
});
