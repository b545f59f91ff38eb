/**
 * The entitlement lookup the hotline runs at intake, through HTTP: a serial finds its asset in
 * the installed base, then the contract covering that asset, its site or all sites of its
 * organisation; with the maker's warranty, the contract period, promises and owner; and why
 * something is not covered.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { addSite } from '../../src/modules/organisations/server/commands/save-site.ts';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer, makeServiceLevel } from '../cases/case-builders.ts';
import { makeAsset } from './contract-builders.ts';

const now = new Date('2026-03-10T02:00:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let levelId: number;
let seq = 0;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  admin = await makeStaff(t, ['admin']);
  hotline = await makeStaff(t, ['hotline_operator']);
  levelId = await makeServiceLevel(t);
});
after(() => t.close());

async function contract(body: Record<string, unknown>) {
  const res = await admin.client.post('/api/contracts', {
    number: `HT-E-${++seq}`,
    serviceLevelId: levelId,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const entitlement = async (query: string) => {
  const res = await hotline.client.get(`/api/entitlement?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

test('covered by listing the asset, by its site, or by all sites; the maker’s warranty in or out', async () => {
  const customer = await makeCustomer(t, { contract: false });
  const annex = await addSite({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    organisationId: customer.org.id,
    input: { name: '灾备中心' },
  });
  const listed = await makeAsset(t, customer.org.id, {
    serial: 'ENT-LISTED-1',
    siteId: customer.site.id,
    installedOn: '2025-06-30',
    warrantyEndsOn: '2026-06-30',
  });
  const atAnnex = await makeAsset(t, customer.org.id, {
    serial: 'ENT-ANNEX-1',
    vendor: 'Huawei',
    model: 'OceanStor 5310',
    siteId: annex.id,
    warrantyEndsOn: '2025-01-01',
  });
  const uncovered = await makeAsset(t, customer.org.id, { serial: 'ENT-NONE-1', siteId: customer.site.id });
  const byAsset = await contract({
    organisationId: customer.org.id,
    coversAllSites: false,
    assetIds: [listed.id],
    ownerId: admin.user.id,
    onsiteHours: 4,
    partsHours: 8,
  });
  const bySite = await contract({
    organisationId: customer.org.id,
    coversAllSites: false,
    siteIds: [annex.id],
  });

  const a = await entitlement('serial=ent-listed-1&on=2026-03-10');
  assert.equal(a.covered, true);
  assert.equal(a.reason, 'covered');
  assert.equal(a.contract.id, byAsset.id);
  assert.equal(a.organisationId, customer.org.id);
  assert.deepEqual(a.asset, {
    id: listed.id,
    vendor: 'Cisco',
    model: 'C9300-48P',
    serial: 'ENT-LISTED-1',
    state: 'in_service',
    site: { id: customer.site.id, name: '数据中心' },
  });
  assert.deepEqual(a.makerWarranty, { endsOn: '2026-06-30', inWarranty: true });
  assert.deepEqual(a.contractWarranty, { startsOn: '2026-01-01', endsOn: '2026-12-31', inForce: true });
  assert.deepEqual(a.promises, { onsiteHours: 4, partsHours: 8 });
  assert.deepEqual(a.owner, { id: admin.user.id, name: admin.user.display_name });
  assert.equal((await entitlement('serial=ENT-LISTED-1&on=2026-07-01')).makerWarranty.inWarranty, false);

  const b = await entitlement('serial=ENT-ANNEX-1&on=2026-03-10');
  assert.equal(b.covered, true);
  assert.equal(b.contract.id, bySite.id);
  assert.equal(b.asset.id, atAnnex.id);
  assert.deepEqual(b.makerWarranty, { endsOn: '2025-01-01', inWarranty: false });
  assert.equal(b.asset.model, 'OceanStor 5310');

  const none = await entitlement(`serial=${uncovered.serial}&on=2026-03-10`);
  assert.equal(none.covered, false);
  assert.equal(none.reason, 'asset_not_covered');
  assert.deepEqual(none.reasonLabel, {
    'zh-CN': '该设备不在服务合同范围内',
    en: 'This device is not covered by a contract',
  });
  assert.equal(none.contract, null);
  assert.equal(none.asset.id, uncovered.id);

  const later = await entitlement('serial=ENT-LISTED-1&on=2027-01-05');
  assert.deepEqual([later.covered, later.reason, later.contract.id], [false, 'expired', byAsset.id]);
  assert.equal(later.contractWarranty.inForce, false);

  const unknown = await entitlement('serial=NO-SUCH-SERIAL&on=2026-03-10');
  assert.deepEqual([unknown.covered, unknown.reason, unknown.serialMatches], [false, 'serial_unknown', 0]);

  // All sites of another customer cover every asset it runs, wherever it stands.
  const whole = await makeCustomer(t, { contract: false });
  const anywhere = await makeAsset(t, whole.org.id, { serial: 'ENT-WHOLE-1' });
  const all = await contract({ organisationId: whole.org.id });
  const c = await entitlement('serial=ENT-WHOLE-1&on=2026-03-10');
  assert.deepEqual([c.covered, c.contract.id, c.asset.id], [true, all.id, anywhere.id]);
  assert.equal(c.makerWarranty, null, 'no maker’s warranty recorded');

  // By site and by organisation, as before.
  assert.equal((await entitlement(`siteId=${annex.id}&on=2026-03-10`)).contract.id, bySite.id);
  const site = await entitlement(`siteId=${customer.site.id}&on=2026-03-10`);
  assert.deepEqual([site.covered, site.reason], [false, 'site_not_covered']);
  assert.equal((await entitlement(`organisationId=${whole.org.id}&on=2026-03-10`)).covered, true);
});

test('retired assets, RMA replacements, drafts and a serial two vendors share', async () => {
  const customer = await makeCustomer(t, { contract: false });
  const old = await makeAsset(t, customer.org.id, { serial: 'ENT-RMA-OLD' });
  const c = await contract({ organisationId: customer.org.id, coversAllSites: false, assetIds: [old.id] });
  await t.db.updateTable('asset').set({ state: 'retired' }).where('id', '=', old.id).execute();
  const fresh = await makeAsset(t, customer.org.id, { serial: 'ENT-RMA-NEW', replacesAssetId: old.id });

  const retired = await entitlement('serial=ENT-RMA-OLD&on=2026-03-10');
  assert.deepEqual([retired.covered, retired.reason, retired.contract.id], [false, 'asset_retired', c.id]);
  const replacement = await entitlement('serial=ENT-RMA-NEW&on=2026-03-10');
  assert.deepEqual(
    [replacement.covered, replacement.contract.id, replacement.asset.id],
    [true, c.id, fresh.id],
    'the part swapped in keeps the coverage',
  );

  const drafted = await makeCustomer(t, { contract: false });
  await makeAsset(t, drafted.org.id, { serial: 'ENT-DRAFT-1' });
  await contract({ organisationId: drafted.org.id, state: 'draft' });
  const d = await entitlement('serial=ENT-DRAFT-1&on=2026-03-10');
  assert.deepEqual([d.covered, d.reason], [false, 'draft']);

  // Two vendors, two customers, one serial: the customer decides; without it, ambiguous.
  const other = await makeCustomer(t, { contract: false });
  const cisco = await makeAsset(t, drafted.org.id, { serial: 'SAME-SERIAL-1', vendor: 'Cisco' });
  const huawei = await makeAsset(t, other.org.id, {
    serial: 'SAME-SERIAL-1',
    vendor: 'Huawei',
    model: 'CE6881',
  });
  const ambiguous = await entitlement('serial=SAME-SERIAL-1&on=2026-03-10');
  assert.deepEqual(
    [ambiguous.reason, ambiguous.serialMatches, ambiguous.asset],
    ['serial_ambiguous', 2, null],
  );
  assert.equal(
    (await entitlement(`serial=SAME-SERIAL-1&organisationId=${other.org.id}`)).asset.id,
    huawei.id,
  );
  assert.equal(
    (await entitlement(`serial=SAME-SERIAL-1&organisationId=${drafted.org.id}`)).asset.id,
    cisco.id,
  );
  // Only one of them still in service: that one.
  await t.db.updateTable('asset').set({ state: 'retired' }).where('id', '=', huawei.id).execute();
  assert.equal((await entitlement('serial=SAME-SERIAL-1')).asset.id, cisco.id);
});

test('intake records the contract that covers the serial; a contact may not look entitlement up', async () => {
  const customer = await makeCustomer(t, { contract: false });
  const asset = await makeAsset(t, customer.org.id, { serial: 'ENT-INTAKE-1' });
  const c = await contract({ organisationId: customer.org.id, coversAllSites: false, assetIds: [asset.id] });
  const res = await hotline.client.post('/api/cases', {
    organisationId: customer.org.id,
    assetSerial: 'ent-intake-1',
    title: '交换机风扇告警',
    description: '风扇 2 转速异常',
    priority: 3,
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().serviceContractId, c.id);
  assert.equal(res.json().commercialHold, false);
  assert.equal((await customer.contact.client.get('/api/entitlement?serial=ENT-INTAKE-1')).statusCode, 403);
  const bad = await hotline.client.get('/api/entitlement');
  assert.equal(bad.statusCode, 400);
});
