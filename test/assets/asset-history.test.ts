/**
 * An asset's history: its own events, the cases opened with its serial (any case), a swap by
 * `swapAsset` (what the RMA module calls when a faulty unit is replaced), and an entry a further
 * source contributes through `addAssetHistorySource`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { inTransaction } from '../../src/platform/events/domain-events.ts';
import { AppError } from '../../src/platform/http/app-error.ts';
import {
  addAssetHistorySource,
  findAssetBySerial,
  swapAsset,
} from '../../src/modules/assets/server/index.ts';
import { createTestApp, makeContactUser, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeModel, makeOrgWithSites, serial } from './asset-builders.ts';

let now = new Date('2026-03-10T17:30:00Z'); // 01:30 on 11 March in Beijing
let t: TestApp;
let clerk: Awaited<ReturnType<typeof makeStaff>>;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let field: Awaited<ReturnType<typeof makeStaff>>;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  clerk = await makeStaff(t, ['spare_parts_clerk']);
  hotline = await makeStaff(t, ['hotline_operator']);
  field = await makeStaff(t, ['field_engineer']);
});
after(() => t.close());

const tick = () => (now = new Date(now.getTime() + 60_000));

async function setUp() {
  const { org, sites } = await makeOrgWithSites(t);
  const modelId = await makeModel(clerk.client, { vendor: 'Cisco', category: 'network', warrantyMonths: 12 });
  const sn = serial('FOC');
  const asset = (
    await hotline.client.post('/api/assets', {
      productModelId: modelId,
      serial: sn,
      organisationId: org.id,
      siteId: sites[0]!.id,
      installedOn: '2025-06-01',
    })
  ).json();
  return { org, sites, modelId, sn, asset };
}

const openCase = async (organisationId: number, assetSerial: string, title = '核心交换机电源模块告警') => {
  tick();
  const res = await hotline.client.post('/api/cases', {
    organisationId,
    title,
    description: '设备前面板 PS2 指示灯琥珀色，日志 %PLATFORM_PM-6-MODULE_FAILED。',
    priority: 3,
    assetSerial,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
};

test('the cases opened with the serial (any case) join the asset’s own events, newest first', async () => {
  const { org, sn, asset } = await setUp();
  const first = await openCase(org.id, sn.toLowerCase());
  const second = await openCase(org.id, sn, '端口 Gi1/0/12 CRC 错误');
  const other = await setUp();
  await openCase(other.org.id, other.sn); // another asset's case stays out

  const res = await hotline.client.get(`/api/assets/${asset.id}/history`);
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items;
  assert.deepEqual(
    items.map((e: { kind: string }) => e.kind),
    ['case_opened', 'case_opened', 'registered'],
  );
  assert.equal(items[0].case.number, second.number);
  assert.equal(items[0].case.title, '端口 Gi1/0/12 CRC 错误');
  assert.equal(items[0].case.state, 'new');
  assert.equal(items[0].case.stateLabel['zh-CN'], '新建');
  assert.equal(items[0].actor.id, hotline.user.id);
  assert.equal(items[1].case.id, first.id);
  assert.equal(items[2].kindLabel['zh-CN'], '登记入库');

  const limited = (await hotline.client.get(`/api/assets/${asset.id}/history?limit=1`)).json();
  assert.equal(limited.items.length, 1);
  assert.equal(limited.truncated, true);
});

test('a swap retires the faulty unit and puts the new one in its place; both histories say so', async () => {
  const { org, sites, modelId, sn, asset } = await setUp();
  const c = await openCase(org.id, sn);
  tick();
  const newSerial = serial('FOC');
  const newId = await inTransaction(t.db, SYSTEM_CONTEXT, (uow) =>
    swapAsset(uow, {
      oldAssetId: asset.id,
      newSerial,
      caseId: c.id,
      actorUserId: field.user.id,
      now,
      note: '更换 PWR-C1-715WAC 电源',
    }),
  );

  const old = (await hotline.client.get(`/api/assets/${asset.id}`)).json();
  assert.equal(old.state, 'retired');
  assert.equal(old.replacedByAssetId, newId);
  const fresh = (await hotline.client.get(`/api/assets/${newId}`)).json();
  assert.equal(fresh.serial, newSerial);
  assert.equal(fresh.model.id, modelId);
  assert.equal(fresh.organisation.id, org.id);
  assert.equal(fresh.site.id, sites[0]!.id);
  assert.equal(fresh.installedOn, '2026-03-11'); // today in Beijing, not in UTC
  assert.equal(fresh.warrantyEndsOn, '2026-06-01'); // the old unit's warranty end
  assert.equal(fresh.replacesAssetId, asset.id);
  assert.equal(fresh.state, 'in_service');

  const oldHistory = (await hotline.client.get(`/api/assets/${asset.id}/history`)).json().items;
  assert.equal(oldHistory[0].kind, 'swapped_out');
  assert.deepEqual(oldHistory[0].otherAsset, { id: newId, vendor: 'Cisco', serial: newSerial });
  assert.equal(oldHistory[0].case.number, c.number);
  assert.equal(oldHistory[0].actor.id, field.user.id);
  assert.equal(oldHistory[0].data.note, '更换 PWR-C1-715WAC 电源');
  const newHistory = (await hotline.client.get(`/api/assets/${newId}/history`)).json().items;
  assert.deepEqual(
    newHistory.map((e: { kind: string }) => e.kind),
    ['swapped_in'],
  );
  assert.equal(newHistory[0].otherAsset.serial, sn);

  const event = await t.db
    .selectFrom('domain_event')
    .select(['type', 'actor_kind', 'organisation_id'])
    .where('type', '=', 'asset.swapped')
    .where('subject_id', '=', String(asset.id))
    .executeTakeFirstOrThrow();
  assert.equal(event.organisation_id, org.id);

  // The customer sees the swap and its case, not the engineer's note.
  const contact = await makeContactUser(t, org.id);
  const seen = (await contact.client.get(`/api/assets/${asset.id}/history`)).json().items;
  assert.equal(seen[0].kind, 'swapped_out');
  assert.equal(seen[0].case.number, c.number);
  assert.equal(seen[0].data, null);

  // The entitlement lookup finds the new unit by its serial, in any case.
  const found = await findAssetBySerial(t.db, newSerial.toLowerCase());
  assert.equal(found?.id, newId);
  assert.equal(found?.model, fresh.model.model);
  assert.equal(await findAssetBySerial(t.db, newSerial, { vendor: 'Huawei' }), undefined);
});

test('a swap to a serial the vendor already has is refused (409 naming the serial) and changes nothing', async () => {
  const a = await setUp();
  const b = await setUp();
  const attempt = (newSerial: string) =>
    t.db
      .transaction()
      .execute((trx) =>
        swapAsset(trx, { oldAssetId: a.asset.id, newSerial, caseId: null, actorUserId: field.user.id, now }),
      );
  await assert.rejects(attempt(b.sn.toLowerCase()), (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.status, 409);
    assert.deepEqual(
      e.fieldErrors?.map((f) => f.field),
      ['body.newSerial'],
    );
    return true;
  });
  await assert.rejects(attempt('SPACE IN SERIAL'), (e: unknown) => e instanceof AppError && e.status === 400);
  assert.equal((await hotline.client.get(`/api/assets/${a.asset.id}`)).json().state, 'in_service');

  // Through a bare transaction the audit trail still names the acting engineer.
  const newId = await t.db.transaction().execute((trx) =>
    swapAsset(trx, {
      oldAssetId: a.asset.id,
      newSerial: serial('FOC'),
      caseId: null,
      actorUserId: field.user.id,
      now,
    }),
  );
  const event = await t.db
    .selectFrom('domain_event')
    .select(['actor_kind', 'actor_id'])
    .where('type', '=', 'asset.swapped')
    .where('subject_id', '=', String(a.asset.id))
    .executeTakeFirstOrThrow();
  assert.deepEqual(event, { actor_kind: 'user', actor_id: field.user.id });
  // A retired unit is not swapped twice.
  await assert.rejects(
    t.db.transaction().execute((trx) =>
      swapAsset(trx, {
        oldAssetId: a.asset.id,
        newSerial: serial('FOC'),
        caseId: null,
        actorUserId: null,
        now,
      }),
    ),
    (e: unknown) => e instanceof AppError && e.status === 409,
  );
  // Nor brought back into service by hand once replaced.
  const revive = await hotline.client.patch(`/api/assets/${a.asset.id}`, { state: 'in_service' });
  assert.equal(revive.statusCode, 409);
  assert.match(revive.json().text, /^该设备已被替换为 FOC\S+，不能恢复使用$/);
  assert.ok(newId > a.asset.id);
});

test('another module adds its own entries through a history source', async () => {
  const { asset } = await setUp();
  addAssetHistorySource({
    name: 'rma',
    async entries({ asset: a, actor }) {
      if (a.id !== asset.id) return [];
      return [
        {
          kind: 'rma_requested',
          kindLabel: { 'zh-CN': '申请备件', en: 'Spare requested' },
          source: 'rma',
          at: new Date(now.getTime() + 3_600_000),
          actor: null,
          case: null,
          otherAsset: null,
          reference: { type: 'rma', id: 12, label: 'RMA-2026-000012' },
          data: actor.kind === 'contact' ? null : { reason: '电源故障' },
        },
      ];
    },
  });
  const items = (await hotline.client.get(`/api/assets/${asset.id}/history`)).json().items;
  assert.equal(items[0].kind, 'rma_requested');
  assert.equal(items[0].reference.label, 'RMA-2026-000012');
  assert.equal(items[1].kind, 'registered');
});
