/**
 * The installed base through the HTTP boundary: product models, assets (serial unique per vendor,
 * any case), corrections that show in the history, the customer's view of its own assets, and
 * the history merging the asset's events with the cases opened on its serial.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeContactUser, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeModel, makeOrgWithSites, serial } from './asset-builders.ts';

let now = new Date('2026-03-10T02:00:00Z'); // 10:00 in Beijing
let t: TestApp;
let clerk: Awaited<ReturnType<typeof makeStaff>>;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let engineer: Awaited<ReturnType<typeof makeStaff>>;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  clerk = await makeStaff(t, ['spare_parts_clerk']);
  hotline = await makeStaff(t, ['hotline_operator']);
  engineer = await makeStaff(t, ['tac_engineer']);
});
after(() => t.close());

const fieldsOf = (res: { json(): { errors?: Array<{ field: string }> } }) =>
  (res.json().errors ?? []).map((e) => e.field);

describe('product models', () => {
  test('installed-base managers record models; every engineer reads them; vendor and model are unique in any case', async () => {
    const created = await clerk.client.post('/api/product-models', {
      vendor: 'Huawei',
      model: 'OceanStor 5310',
      partNumber: 'OS5310-V5',
      category: 'storage',
      warrantyMonths: 36,
      description: '中端全闪存存储',
    });
    assert.equal(created.statusCode, 201, created.body);
    const model = created.json();
    assert.equal(model.categoryLabel['zh-CN'], '存储');
    assert.equal(model.assetCount, 0);
    assert.equal(model.abilities.update, true);

    const again = await clerk.client.post('/api/product-models', {
      vendor: 'HUAWEI',
      model: 'oceanstor 5310',
      category: 'storage',
    });
    assert.equal(again.statusCode, 409);
    assert.deepEqual(fieldsOf(again), ['body.model']);

    const read = await engineer.client.get(`/api/product-models/${model.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().abilities.update, false);
    assert.equal(
      (
        await engineer.client.post('/api/product-models', {
          vendor: 'H3C',
          model: 'S6520X',
          category: 'network',
        })
      ).statusCode,
      403,
    );

    const patched = await clerk.client.patch(`/api/product-models/${model.id}`, { warrantyMonths: 60 });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().warrantyMonths, 60);
  });

  test('a known vendor keeps its spelling; lists filter by vendor, category and text', async () => {
    await makeModel(clerk.client, { vendor: 'H3C', model: 'UniServer R4900 G5', category: 'server' });
    const lower = await clerk.client.post('/api/product-models', {
      vendor: 'h3c',
      model: 'S5560X-54C-EI',
      category: 'network',
    });
    assert.equal(lower.json().vendor, 'H3C');
    const byVendor = (await engineer.client.get('/api/product-models?vendor=h3c')).json().items;
    assert.deepEqual(
      byVendor.map((m: { model: string }) => m.model),
      ['S5560X-54C-EI', 'UniServer R4900 G5'],
    );
    const servers = (await engineer.client.get('/api/product-models?vendor=H3C&category=server')).json()
      .items;
    assert.deepEqual(
      servers.map((m: { model: string }) => m.model),
      ['UniServer R4900 G5'],
    );
    const byText = (await engineer.client.get('/api/product-models?q=R4900')).json().items;
    assert.equal(byText.length, 1);
    const paged = await engineer.client.get('/api/product-models?vendor=H3C&limit=1');
    const next = await engineer.client.get(
      `/api/product-models?vendor=H3C&limit=1&cursor=${paged.json().nextCursor}`,
    );
    assert.equal(next.json().items[0].model, 'UniServer R4900 G5');
  });

  test('bad input names the field and changes nothing', async () => {
    const res = await clerk.client.post('/api/product-models', {
      vendor: ' ',
      model: 'X',
      category: 'toaster',
      warrantyMonths: 999,
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res).sort(), ['body.category', 'body.vendor', 'body.warrantyMonths']);
  });
});

describe('assets', () => {
  test('registering: the maker’s warranty defaults to installation + the model’s months', async () => {
    const { org, sites } = await makeOrgWithSites(t);
    const modelId = await makeModel(clerk.client, { vendor: 'Cisco', warrantyMonths: 36 });
    const res = await hotline.client.post('/api/assets', {
      productModelId: modelId,
      serial: serial(),
      organisationId: org.id,
      siteId: sites[0]!.id,
      installedOn: '2025-01-31',
      notes: '机柜 A03，U20-U21',
    });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.equal(a.vendor, 'Cisco');
    assert.equal(a.warrantyEndsOn, '2028-01-31');
    assert.equal(a.inWarranty, true);
    assert.equal(a.state, 'in_service');
    assert.equal(a.site.name, '总部数据中心');
    assert.equal(a.notes, '机柜 A03，U20-U21');

    const shortMonth = await hotline.client.post('/api/assets', {
      productModelId: await makeModel(clerk.client, { warrantyMonths: 1 }),
      serial: serial(),
      organisationId: org.id,
      installedOn: '2026-01-31',
    });
    assert.equal(shortMonth.json().warrantyEndsOn, '2026-02-28');
    assert.equal(shortMonth.json().inWarranty, false);
  });

  test('bad input names the field and changes nothing', async () => {
    const { org } = await makeOrgWithSites(t);
    const other = await makeOrgWithSites(t);
    const modelId = await makeModel(clerk.client, {});
    const base = { productModelId: modelId, organisationId: org.id, serial: serial() };
    const cases: Array<[Record<string, unknown>, string, number]> = [
      [{ serial: '' }, 'body.serial', 400],
      [{ serial: 'FOC 123' }, 'body.serial', 400],
      [{ installedOn: '2026-03-01', warrantyEndsOn: '2025-03-01' }, 'body.warrantyEndsOn', 400],
      [{ installedOn: '2026-02-30' }, 'body.installedOn', 400],
      [{ siteId: other.sites[0]!.id }, 'body.siteId', 400],
      [{ productModelId: 999_999 }, 'body.productModelId', 400],
      [{ organisationId: 999_999 }, 'body.organisationId', 400],
      [{ state: 'lost' }, 'body.state', 400],
    ];
    for (const [patch, field, status] of cases) {
      const res = await hotline.client.post('/api/assets', { ...base, ...patch });
      assert.equal(res.statusCode, status, `${JSON.stringify(patch)}: ${res.body}`);
      assert.deepEqual([...new Set(fieldsOf(res))], [field], JSON.stringify(patch));
    }
    const list = (await hotline.client.get(`/api/assets?organisationId=${org.id}`)).json().items;
    assert.equal(list.length, 0);
  });

  test('a serial is unique per vendor in any case; the same serial at another vendor is fine', async () => {
    const { org } = await makeOrgWithSites(t);
    const cisco = await makeModel(clerk.client, { vendor: 'Cisco' });
    const cisco2 = await makeModel(clerk.client, { vendor: 'Cisco' });
    const huawei = await makeModel(clerk.client, { vendor: 'Huawei' });
    const sn = serial('FDO');
    const first = await hotline.client.post('/api/assets', {
      productModelId: cisco,
      serial: sn,
      organisationId: org.id,
    });
    assert.equal(first.statusCode, 201);
    const dup = await hotline.client.post('/api/assets', {
      productModelId: cisco2,
      serial: sn.toLowerCase(),
      organisationId: org.id,
    });
    assert.equal(dup.statusCode, 409);
    assert.deepEqual(fieldsOf(dup), ['body.serial']);
    // `message` stays English for API clients; the reader (zh-CN here) gets `text` in zh-CN.
    assert.equal(dup.json().errors[0].message, `Cisco already has an asset with serial ${sn.toLowerCase()}`);
    assert.equal(dup.json().errors[0].text, `Cisco 已有序列号为 ${sn.toLowerCase()} 的设备`);
    const otherVendor = await hotline.client.post('/api/assets', {
      productModelId: huawei,
      serial: sn,
      organisationId: org.id,
    });
    assert.equal(otherVendor.statusCode, 201);
    // Moving the Huawei unit onto a Cisco model would collide with the Cisco serial.
    const collide = await hotline.client.patch(`/api/assets/${otherVendor.json().id}`, {
      productModelId: cisco2,
    });
    assert.equal(collide.statusCode, 409);
    assert.deepEqual(fieldsOf(collide), ['body.productModelId']);
  });

  test('who registers: hotline, field engineers and managers, not TAC engineers or customers', async () => {
    const { org } = await makeOrgWithSites(t);
    const contact = await makeContactUser(t, org.id);
    const modelId = await makeModel(clerk.client, {});
    const body = { productModelId: modelId, serial: serial(), organisationId: org.id };
    assert.equal((await engineer.client.post('/api/assets', body)).statusCode, 403);
    assert.equal((await contact.client.post('/api/assets', body)).statusCode, 403);
    const field = await makeStaff(t, ['field_engineer']);
    assert.equal((await field.client.post('/api/assets', body)).statusCode, 201);
    // The lists say the same, so the screens offer only what will be accepted.
    const abilities = async (client: typeof clerk.client) =>
      (await client.get('/api/assets?limit=1')).json().abilities;
    assert.deepEqual(await abilities(engineer.client), { register: false, import: false });
    assert.deepEqual(await abilities(contact.client), { register: false, import: false });
    assert.deepEqual(await abilities(field.client), { register: true, import: false });
    assert.deepEqual(await abilities(clerk.client), { register: true, import: true });
    assert.deepEqual((await engineer.client.get('/api/product-models?limit=1')).json().abilities, {
      create: false,
    });
    assert.deepEqual((await clerk.client.get('/api/product-models?limit=1')).json().abilities, {
      create: true,
    });
  });

  test('corrections: a move between sites and a new state show in the history; notes as an update', async () => {
    const { org, sites } = await makeOrgWithSites(t);
    const modelId = await makeModel(clerk.client, {});
    const a = (
      await hotline.client.post('/api/assets', {
        productModelId: modelId,
        serial: serial(),
        organisationId: org.id,
        siteId: sites[0]!.id,
      })
    ).json();
    now = new Date(now.getTime() + 60_000);
    const moved = await hotline.client.patch(`/api/assets/${a.id}`, {
      siteId: sites[1]!.id,
      state: 'in_repair',
      notes: '返厂检测',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().site.name, '灾备机房');
    assert.equal(moved.json().state, 'in_repair');
    const history = (await hotline.client.get(`/api/assets/${a.id}/history`)).json();
    assert.deepEqual(
      history.items.map((e: { kind: string }) => e.kind),
      ['updated', 'state_changed', 'moved', 'registered'],
    );
    const move = history.items.find((e: { kind: string }) => e.kind === 'moved');
    assert.equal(move.data.from.siteName, '总部数据中心');
    assert.equal(move.data.to.siteName, '灾备机房');
    assert.equal(move.actor.id, hotline.user.id);
    assert.deepEqual(history.items[1].data, { from: 'in_service', to: 'in_repair' });
    // Nothing changed, nothing recorded.
    await hotline.client.patch(`/api/assets/${a.id}`, { siteId: sites[1]!.id });
    assert.equal((await hotline.client.get(`/api/assets/${a.id}/history`)).json().items.length, 4);
    const bad = await hotline.client.patch(`/api/assets/${a.id}`, {
      warrantyEndsOn: '1999-01-01',
      installedOn: '2020-01-01',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldsOf(bad), ['body.warrantyEndsOn']);
    assert.equal(bad.json().errors[0].text, '保修截止日期不能早于安装日期');
    const spaced = await hotline.client.patch(`/api/assets/${a.id}`, { serial: 'FDO 123' });
    assert.equal(spaced.json().errors[0].text, '序列号不能包含空格');
  });

  test('the list filters and pages like the case queues', async () => {
    const { org, sites } = await makeOrgWithSites(t);
    const cisco = await makeModel(clerk.client, { vendor: 'Cisco', model: `ASR1001-X-${Date.now()}` });
    const huawei = await makeModel(clerk.client, { vendor: 'Huawei', model: `S5735-L48T4X-${Date.now()}` });
    const serials: string[] = [];
    const specs = [
      [cisco, 0, '2026-05-01'],
      [cisco, 1, '2026-04-01'],
      [huawei, 0, '2027-01-01'],
      [huawei, 1, null],
    ] as const;
    for (const [modelId, site, warranty] of specs) {
      const sn = serial(modelId === cisco ? 'FOC' : '2102');
      serials.push(sn);
      const res = await hotline.client.post('/api/assets', {
        productModelId: modelId,
        serial: sn,
        organisationId: org.id,
        siteId: sites[site]!.id,
        installedOn: '2025-01-01',
        warrantyEndsOn: warranty,
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const q = (query: string) =>
      hotline.client.get(`/api/assets?organisationId=${org.id}&${query}`).then((r) => {
        assert.equal(r.statusCode, 200, r.body);
        return r.json().items.map((a: { serial: string }) => a.serial);
      });
    assert.deepEqual(await q(''), [...serials].reverse());
    assert.deepEqual(await q(`siteId=${sites[1]!.id}`), [serials[3], serials[1]]);
    assert.deepEqual(await q('vendor=huawei'), [serials[3], serials[2]]);
    assert.deepEqual(await q(`productModelId=${cisco}`), [serials[1], serials[0]]);
    assert.deepEqual(await q(`serial=${serials[2]!.toLowerCase()}`), [serials[2]]);
    assert.deepEqual(await q(`q=${serials[0]!.slice(3, 12)}`), [serials[0]]);
    assert.deepEqual(await q('q=ASR1001'), [serials[1], serials[0]]);
    assert.deepEqual(await q('warrantyEndsBefore=2026-06-01&sort=warranty'), [serials[1], serials[0]]);

    // Keyset paging, soonest warranty first, unknown ends last.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await hotline.client.get(
        `/api/assets?organisationId=${org.id}&sort=warranty&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.json().items.map((a: { serial: string }) => a.serial));
      cursor = res.json().nextCursor;
    }
    assert.deepEqual(seen, [serials[1], serials[0], serials[2], serials[3]]);
    const bad = await hotline.client.get('/api/assets?cursor=bm90LWEtY3Vyc29y');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldsOf(bad), ['querystring.cursor']);
  });

  test('a contact sees its own organisation’s assets and history, never another’s (404)', async () => {
    const own = await makeOrgWithSites(t);
    const foreign = await makeOrgWithSites(t);
    const contact = await makeContactUser(t, own.org.id);
    const modelId = await makeModel(clerk.client, {});
    const mine = (
      await hotline.client.post('/api/assets', {
        productModelId: modelId,
        serial: serial(),
        organisationId: own.org.id,
        notes: '内部：客户机房门禁卡在前台',
      })
    ).json();
    const theirs = (
      await hotline.client.post('/api/assets', {
        productModelId: modelId,
        serial: serial(),
        organisationId: foreign.org.id,
      })
    ).json();
    await hotline.client.patch(`/api/assets/${mine.id}`, { notes: '内部：已更换机柜' });

    const list = (await contact.client.get('/api/assets')).json().items;
    assert.deepEqual(
      list.map((a: { id: number }) => a.id),
      [mine.id],
    );
    assert.equal(list[0].notes, null);
    assert.equal(
      (await contact.client.get(`/api/assets?organisationId=${foreign.org.id}`)).json().items.length,
      0,
    );
    assert.equal((await contact.client.get(`/api/assets/${mine.id}`)).statusCode, 200);
    for (const url of [`/api/assets/${theirs.id}`, `/api/assets/${theirs.id}/history`]) {
      const res = await contact.client.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes(foreign.org.name));
    }
    assert.equal((await contact.client.patch(`/api/assets/${theirs.id}`, { notes: 'x' })).statusCode, 404);
    assert.equal((await contact.client.patch(`/api/assets/${mine.id}`, { notes: 'x' })).statusCode, 403);
    assert.equal((await contact.client.get('/api/product-models')).statusCode, 403);

    const history = (await contact.client.get(`/api/assets/${mine.id}/history`)).json().items;
    const update = history.find((e: { kind: string }) => e.kind === 'updated');
    assert.deepEqual(update.data, { changed: [] });
    assert.ok(!JSON.stringify(history).includes('门禁卡'));
  });
});
