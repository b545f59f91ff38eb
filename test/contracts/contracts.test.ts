/**
 * Service contracts through the HTTP boundary: recording and changing them (bad input names the
 * field and changes nothing; period and coverage changes audited before → after), the renewal
 * reminder and expiry of the daily job with the clock moved, renewal into a follow-on contract,
 * and what a customer's contact may read.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeContactUser, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer, makeServiceLevel } from '../cases/case-builders.ts';
import { runContractsDaily } from '../../src/modules/contracts/server/index.ts';
import { jobHandlers } from '../../src/app/build-app.ts';
import { makeAsset } from './contract-builders.ts';

let now = new Date('2026-03-10T02:00:00Z'); // 10:00 in Shanghai
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let owner: Awaited<ReturnType<typeof makeStaff>>;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let levelId: number;
let seq = 0;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  admin = await makeStaff(t, ['admin']);
  owner = await makeStaff(t, ['quality_staff']);
  engineer = await makeStaff(t, ['tac_engineer']);
  levelId = await makeServiceLevel(t);
});
after(() => t.close());

const number = () => `HT-T-${++seq}`;

async function record(client: Client, body: Record<string, unknown>) {
  return client.post('/api/contracts', {
    number: number(),
    serviceLevelId: levelId,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    ...body,
  });
}

async function auditOf(contractId: number, type: string) {
  const res = await admin.client.get(
    `/api/audit-events?subjectType=service_contract&subjectId=${contractId}&type=${type}`,
  );
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

const contractsOf = async (organisationId: number) =>
  (await admin.client.get(`/api/contracts?organisationId=${organisationId}`)).json().items;

describe('recording a contract', () => {
  test('covered assets by id and serial, owner, promises, computed days to the end', async () => {
    const customer = await makeCustomer(t, { contract: false });
    const a1 = await makeAsset(t, customer.org.id, { serial: 'FOC2231X1AA', siteId: customer.site.id });
    const a2 = await makeAsset(t, customer.org.id, { serial: '2102351931P0K8000111', vendor: 'Huawei' });
    const res = await record(admin.client, {
      organisationId: customer.org.id,
      coversAllSites: false,
      assetIds: [a1.id],
      serials: ['2102351931p0k8000111'],
      ownerId: owner.user.id,
      onsiteHours: 24,
      partsHours: 8,
      inspectionsPerYear: 4,
      notes: '含备件',
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.deepEqual(c.assets.map((a: { id: number }) => a.id).sort(), [a1.id, a2.id].sort());
    assert.deepEqual(c.owner, { id: owner.user.id, name: owner.user.display_name });
    assert.equal(c.onsiteHours, 24);
    assert.equal(c.partsHours, 8);
    assert.equal(c.inspectionsPerYear, 4);
    assert.equal(c.state, 'active');
    assert.equal(c.inForce, true);
    assert.equal(c.daysToEnd, 296);
    assert.equal(c.renewalNoticeDays, 60);
    assert.equal(c.renewalDueOn, '2026-11-01');
    assert.equal(c.originalEndsOn, '2026-12-31');
    assert.deepEqual(c.stateLabel, { 'zh-CN': '生效', en: 'Active' });
  });

  test('bad input names the field and records nothing', async () => {
    const customer = await makeCustomer(t, { contract: false });
    const stranger = await makeCustomer(t, { contract: false });
    const mine = await makeAsset(t, customer.org.id);
    const theirs = await makeAsset(t, stranger.org.id);
    const base = { organisationId: customer.org.id };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ serials: [mine.serial, mine.serial, mine.serial, 'NO-SUCH-SERIAL'] }, 400, 'body.serials.3'],
      [{ serials: [theirs.serial] }, 400, 'body.serials.0'],
      [{ assetIds: [mine.id, theirs.id] }, 400, 'body.assetIds.1'],
      [{ siteIds: [stranger.site.id] }, 400, 'body.siteIds.0'],
      [{ endsOn: '2025-12-31' }, 400, 'body.endsOn'],
      [{ ownerId: customer.contact.user.id }, 400, 'body.ownerId'],
      [{ onsiteHours: 0 }, 400, 'body.onsiteHours'],
      [{ serviceLevelId: 999999 }, 400, 'body.serviceLevelId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await record(admin.client, { ...base, ...body });
      assert.equal(res.statusCode, status, `${field}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${field} named: ${res.body}`,
      );
    }
    const retired = await makeAsset(t, customer.org.id, { state: 'retired' });
    const refused = await record(admin.client, { ...base, assetIds: [retired.id] });
    assert.equal(refused.json().errors[0].field, 'body.assetIds.0');
    // `message` stays English for API clients; the reader (zh-CN here) gets `text` in zh-CN.
    assert.equal(refused.json().errors[0].message, 'this asset is retired');
    assert.equal(refused.json().errors[0].text, '该设备已退役');
    const english = await makeStaff(t, ['admin']);
    assert.equal((await english.client.patch('/api/me', { locale: 'en' })).statusCode, 200);
    const inEnglish = (await record(english.client, { ...base, assetIds: [retired.id] })).json().errors[0];
    assert.equal(inEnglish.text, inEnglish.message);
    assert.equal(inEnglish.text, 'this asset is retired');
    assert.deepEqual(await contractsOf(customer.org.id), [], 'nothing recorded');

    const first = await record(admin.client, { ...base, number: 'HT-DUP-1' });
    assert.equal(first.statusCode, 201);
    const dup = await record(admin.client, { ...base, number: 'HT-DUP-1' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().errors[0].field, 'body.number');
    assert.equal(dup.json().errors[0].text, '该合同编号已被使用');
    assert.equal((await record(engineer.client, base)).statusCode, 403, 'engineers read, managers record');
    assert.equal((await contractsOf(customer.org.id)).length, 1);
  });
});

describe('changing a contract', () => {
  test('period and coverage changes are audited before → after; bad input changes nothing', async () => {
    const customer = await makeCustomer(t, { contract: false });
    const a1 = await makeAsset(t, customer.org.id);
    const a2 = await makeAsset(t, customer.org.id);
    const c = (
      await record(admin.client, {
        organisationId: customer.org.id,
        coversAllSites: false,
        assetIds: [a1.id],
        ownerId: owner.user.id,
      })
    ).json();

    const bad = await owner.client.patch(`/api/contracts/${c.id}`, {
      endsOn: '2027-06-30',
      serials: [a2.serial, 'NOPE'],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'body.serials.1');
    assert.equal(bad.json().errors[0].text, '没有序列号为 NOPE 的设备：请先在设备台账中登记');
    const early = await owner.client.patch(`/api/contracts/${c.id}`, { endsOn: '2025-06-30' });
    assert.equal(early.json().errors[0].field, 'body.endsOn');
    assert.equal(early.json().errors[0].text, '服务期的到期日期会早于开始日期');
    const reversed = await owner.client.patch(`/api/contracts/${c.id}`, {
      startsOn: '2026-06-01',
      endsOn: '2026-05-31',
    });
    assert.equal(
      reversed.json().errors[0].text,
      '到期日期不能早于开始日期',
      'a schema refinement worded in zh-CN',
    );
    assert.equal(
      (await engineer.client.patch(`/api/contracts/${c.id}`, { notes: 'x' })).statusCode,
      403,
      'only managers and the owner',
    );
    const unchanged = (await admin.client.get(`/api/contracts/${c.id}`)).json();
    assert.equal(unchanged.endsOn, '2026-12-31');
    assert.deepEqual(unchanged.serials, [a1.serial]);

    // The owner (服务专员) keeps his contract up to date.
    const res = await owner.client.patch(`/api/contracts/${c.id}`, {
      endsOn: '2027-06-30',
      serials: [a1.serial, a2.serial],
      siteIds: [customer.site.id],
      onsiteHours: 4,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().endsOn, '2027-06-30');
    assert.equal(res.json().assets.length, 2);
    assert.deepEqual(res.json().siteIds, [customer.site.id]);
    const [event] = await auditOf(c.id, 'service_contract.updated');
    assert.equal(event.actor.id, owner.user.id);
    assert.equal(event.before.ends_on, '2026-12-31');
    assert.equal(event.after.ends_on, '2027-06-30');
    assert.deepEqual(event.before.assetIds, [a1.id]);
    assert.deepEqual(
      event.after.assetIds,
      [a1.id, a2.id].sort((x, y) => x - y),
    );
    assert.deepEqual(event.before.siteIds, []);
    assert.equal(event.data.periodChanged, true);
    assert.equal(event.data.coverageChanged, true);

    // Ended early: no longer editable.
    const ended = await admin.client.post(`/api/contracts/${c.id}/state`, { to: 'expired' });
    assert.equal(ended.statusCode, 400, 'ending early needs a reason');
    assert.equal(ended.json().errors[0].field, 'body.reason');
    const done = await admin.client.post(`/api/contracts/${c.id}/state`, {
      to: 'expired',
      reason: '客户提前终止',
    });
    assert.equal(done.json().state, 'expired');
    const frozen = await owner.client.patch(`/api/contracts/${c.id}`, { notes: 'x' });
    assert.equal(frozen.statusCode, 409);
    assert.equal(frozen.json().text, '合同状态为“已过期”，不能修改');
    const byHand = await admin.client.post(`/api/contracts/${c.id}/state`, { to: 'renewed' });
    assert.equal(byHand.statusCode, 409, 'renewal goes through /renew');
    assert.equal(byHand.json().text, '合同状态为“已过期”，不能手动改为“已续约”，请创建续约合同');
  });

  test('a draft is activated once signed; the list filters by state, owner, end and number', async () => {
    const customer = await makeCustomer(t, { contract: false });
    const draft = (
      await record(admin.client, {
        organisationId: customer.org.id,
        number: 'HT-FILTER-DRAFT',
        state: 'draft',
        ownerId: owner.user.id,
        endsOn: '2026-06-30',
      })
    ).json();
    await record(admin.client, { organisationId: customer.org.id, number: 'HT-FILTER-LATE' });
    assert.deepEqual(draft.abilities.transitions, [{ to: 'active', needsReason: false }]);
    const list = async (q: string) =>
      (await admin.client.get(`/api/contracts?organisationId=${customer.org.id}&${q}`))
        .json()
        .items.map((c: { number: string }) => c.number);
    assert.deepEqual(await list('state=draft'), ['HT-FILTER-DRAFT']);
    assert.deepEqual(await list(`ownerId=${owner.user.id}`), ['HT-FILTER-DRAFT']);
    assert.deepEqual(await list('endingBefore=2026-07-01'), ['HT-FILTER-DRAFT']);
    assert.deepEqual(await list('q=filter-late'), ['HT-FILTER-LATE']);
    // Renewal due: ending within N days of today (10 March) in Shanghai.
    assert.deepEqual(await list('endsWithinDays=120'), ['HT-FILTER-DRAFT']);
    assert.deepEqual((await list(`serviceLevelId=${levelId}`)).sort(), ['HT-FILTER-DRAFT', 'HT-FILTER-LATE']);
    assert.deepEqual(
      (await list(`q=${encodeURIComponent(customer.org.name)}`)).sort(),
      ['HT-FILTER-DRAFT', 'HT-FILTER-LATE'],
      'the customer name finds its contracts',
    );
    assert.equal((await admin.client.get('/api/contracts?limit=1')).json().abilities.create, true);
    assert.equal((await engineer.client.get('/api/contracts?limit=1')).json().abilities.create, false);
    const bad = await admin.client.get('/api/contracts?endsWithinDays=-1');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'querystring.endsWithinDays');
    const page1 = (await admin.client.get(`/api/contracts?organisationId=${customer.org.id}&limit=1`)).json();
    assert.deepEqual(
      page1.items.map((c: { number: string }) => c.number),
      ['HT-FILTER-LATE'],
    );
    const page2 = (
      await admin.client.get(
        `/api/contracts?organisationId=${customer.org.id}&limit=1&before=${page1.nextBefore}`,
      )
    ).json();
    assert.deepEqual(
      page2.items.map((c: { number: string }) => c.number),
      ['HT-FILTER-DRAFT'],
    );

    const active = await owner.client.post(`/api/contracts/${draft.id}/state`, { to: 'active' });
    assert.equal(active.statusCode, 200, active.body);
    assert.equal(active.json().state, 'active');
    const [event] = await auditOf(draft.id, 'service_contract.state_changed');
    assert.deepEqual([event.before.state, event.after.state, event.data.by], ['draft', 'active', 'staff']);
  });
});

describe('the daily job', () => {
  test('the renewal reminder fires once, N days before the end; expiry when the end has passed', async () => {
    assert.ok(jobHandlers(t.db)['contracts.daily'], 'the job has a handler');
    const customer = await makeCustomer(t, { contract: false });
    const c = (
      await record(admin.client, {
        organisationId: customer.org.id,
        endsOn: '2026-05-31',
        renewalNoticeDays: 60,
        ownerId: owner.user.id,
      })
    ).json();
    assert.equal(c.renewalDueOn, '2026-04-01');

    await runContractsDaily({ db: t.db, now: new Date('2026-03-31T15:59:00Z') }); // 23:59 on 31 March
    assert.deepEqual(await auditOf(c.id, 'contract.renewal_due'), []);

    now = new Date('2026-03-31T16:30:00Z'); // 00:30 on 1 April in Shanghai
    await runContractsDaily({ db: t.db, now });
    await runContractsDaily({ db: t.db, now: new Date('2026-04-02T02:00:00Z') });
    const reminders = await auditOf(c.id, 'contract.renewal_due');
    assert.equal(reminders.length, 1, 'once, not at every run');
    assert.deepEqual(
      {
        ownerId: reminders[0].data.ownerId,
        organisationId: reminders[0].data.organisationId,
        number: reminders[0].data.number,
        endsOn: reminders[0].data.endsOn,
      },
      { ownerId: owner.user.id, organisationId: customer.org.id, number: c.number, endsOn: '2026-05-31' },
    );
    assert.equal(reminders[0].organisationId, customer.org.id);
    const seen = (await admin.client.get(`/api/contracts/${c.id}`)).json();
    assert.equal(seen.renewalNotifiedAt, now.toISOString());

    now = new Date('2026-05-31T15:00:00Z'); // 23:00 on the last day: still active
    await runContractsDaily({ db: t.db, now });
    assert.equal((await admin.client.get(`/api/contracts/${c.id}`)).json().state, 'active');
    now = new Date('2026-05-31T16:00:00Z'); // midnight: the period is over
    const result = await runContractsDaily({ db: t.db, now });
    assert.ok(result.expired >= 1);
    const expired = (await admin.client.get(`/api/contracts/${c.id}`)).json();
    assert.equal(expired.state, 'expired');
    assert.equal(expired.inForce, false);
    assert.equal(expired.daysToEnd, -1);
    const [event] = await auditOf(c.id, 'service_contract.state_changed');
    assert.deepEqual([event.before.state, event.after.state, event.data.by], ['active', 'expired', 'job']);
    await runContractsDaily({ db: t.db, now });
    assert.equal((await auditOf(c.id, 'service_contract.state_changed')).length, 1, 'idempotent');
    now = new Date('2026-03-10T02:00:00Z');
  });
});

describe('renewal', () => {
  test('a follow-on contract from the day after, coverage copied; the old one becomes renewed', async () => {
    const customer = await makeCustomer(t, { contract: false });
    const kept = await makeAsset(t, customer.org.id, { serial: 'FOC-RENEW-1' });
    const swapped = await makeAsset(t, customer.org.id, { serial: 'FOC-RENEW-2' });
    const old = (
      await record(admin.client, {
        organisationId: customer.org.id,
        coversAllSites: false,
        siteIds: [customer.site.id],
        assetIds: [kept.id, swapped.id],
        ownerId: owner.user.id,
        onsiteHours: 4,
        partsHours: 8,
        inspectionsPerYear: 4,
      })
    ).json();
    // An RMA swapped one of them out since: the replacement is what the follow-on covers.
    await t.db.updateTable('asset').set({ state: 'retired' }).where('id', '=', swapped.id).execute();
    const replacement = await makeAsset(t, customer.org.id, {
      serial: 'FOC-RENEW-3',
      replacesAssetId: swapped.id,
    });

    const early = await owner.client.post(`/api/contracts/${old.id}/renew`, {
      number: 'HT-RENEW-2027',
      startsOn: '2026-12-01',
      endsOn: '2027-12-31',
    });
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().errors[0].field, 'body.startsOn');

    const res = await owner.client.post(`/api/contracts/${old.id}/renew`, {
      number: 'HT-RENEW-2027',
      endsOn: '2027-12-31',
    });
    assert.equal(res.statusCode, 201, res.body);
    const next = res.json();
    assert.equal(next.startsOn, '2027-01-01');
    assert.equal(next.state, 'draft');
    assert.equal(next.renewsContractId, old.id);
    assert.deepEqual(next.siteIds, [customer.site.id]);
    assert.deepEqual(next.serials, ['FOC-RENEW-1', 'FOC-RENEW-3']);
    assert.equal(next.assets.find((a: { serial: string }) => a.serial === 'FOC-RENEW-3').id, replacement.id);
    assert.deepEqual([next.onsiteHours, next.partsHours, next.inspectionsPerYear], [4, 8, 4]);
    assert.equal(next.owner.id, owner.user.id);

    const before = (await admin.client.get(`/api/contracts/${old.id}`)).json();
    assert.equal(before.state, 'renewed');
    assert.equal(before.renewedByContractId, next.id);
    assert.equal(before.inForce, true, 'a renewed contract runs to its own end');
    assert.equal(before.abilities.renew, false);
    const again = await owner.client.post(`/api/contracts/${old.id}/renew`, {
      number: 'HT-RENEW-AGAIN',
      endsOn: '2027-12-31',
    });
    assert.equal(again.statusCode, 409);
    const ent = (await admin.client.get(`/api/entitlement?serial=FOC-RENEW-1&on=2026-06-01`)).json();
    assert.equal(ent.covered, true);
    assert.equal(ent.contract.id, old.id);
    const [event] = await auditOf(old.id, 'service_contract.state_changed');
    assert.deepEqual(
      [event.before.state, event.after.state, event.data.by],
      ['active', 'renewed', 'renewal'],
    );
    assert.equal(event.after.renewedByContractId, next.id);
  });
});

describe('the customer’s view', () => {
  test('a contact reads its own organisation’s signed contracts, reduced; never another’s', async () => {
    const customer = await makeCustomer(t, { contract: false });
    const other = await makeCustomer(t, { contract: false });
    const signed = (
      await record(admin.client, {
        organisationId: customer.org.id,
        notes: '内部：续约底价',
        ownerId: owner.user.id,
      })
    ).json();
    const draft = (await record(admin.client, { organisationId: customer.org.id, state: 'draft' })).json();
    const foreign = (await record(admin.client, { organisationId: other.org.id })).json();
    const contact = customer.contact.client;

    const mine = (await contact.get('/api/contracts')).json().items;
    assert.deepEqual(
      mine.map((c: { id: number }) => c.id),
      [signed.id],
    );
    assert.equal(mine[0].notes, null);
    assert.equal(mine[0].renewalNoticeDays, null);
    assert.equal(mine[0].owner.name, owner.user.display_name, 'its 服务专员');
    const detail = (await contact.get(`/api/contracts/${signed.id}`)).json();
    assert.equal(detail.notes, null);
    assert.deepEqual(detail.abilities.transitions, []);
    assert.equal((await contact.get(`/api/contracts?organisationId=${other.org.id}`)).json().items.length, 0);
    for (const id of [foreign.id, draft.id, 99999999]) {
      assert.equal((await contact.get(`/api/contracts/${id}`)).statusCode, 404);
      assert.equal((await contact.get(`/api/contracts/${id}/extensions`)).statusCode, 404);
    }
    assert.equal((await contact.patch(`/api/contracts/${signed.id}`, { notes: 'x' })).statusCode, 403);
    assert.equal((await contact.patch(`/api/contracts/${foreign.id}`, { notes: 'x' })).statusCode, 404);
    const stranger = await makeContactUser(t, other.org.id);
    assert.equal((await stranger.client.get(`/api/contracts/${signed.id}`)).statusCode, 404);
  });

  test('a unit sold on to another customer leaves the old contract: not listed, not renewed', async () => {
    const seller = await makeCustomer(t, { contract: false });
    const buyer = await makeCustomer(t, { contract: false });
    const kept = await makeAsset(t, seller.org.id, { serial: 'KEEP-0001' });
    const sold = await makeAsset(t, seller.org.id, { serial: 'SOLD-0001' });
    const c = (
      await record(admin.client, {
        organisationId: seller.org.id,
        coversAllSites: false,
        assetIds: [kept.id, sold.id],
      })
    ).json();
    const clerk = await makeStaff(t, ['spare_parts_clerk']);
    const moved = await clerk.client.patch(`/api/assets/${sold.id}`, { organisationId: buyer.org.id });
    assert.equal(moved.statusCode, 200, moved.body);
    const seen = (await seller.contact.client.get(`/api/contracts/${c.id}`)).json();
    assert.deepEqual(
      seen.assets.map((a: { serial: string }) => a.serial),
      ['KEEP-0001'],
    );
    const history = (await clerk.client.get(`/api/assets/${sold.id}/history`)).json().items;
    const move = history.find((e: { kind: string }) => e.kind === 'moved');
    assert.deepEqual(move.data.contractsNoLongerCovering, [c.id]);
  });
});
