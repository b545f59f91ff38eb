/**
 * The world of the spares tests: HQ and two branches (Hangzhou with vendor direct delivery,
 * Wuhan through HQ) with their spare stores, created through the API by a spare-parts clerk;
 * parts held by serial and by quantity; a customer case to reserve and issue against.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { ensureDefaultCalendars } from '../../src/modules/calendars/server/index.ts';
import { makeOrganisation, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';

let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

export function expectStatus(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  return res.json();
}

export async function makeSparesWorld(t: TestApp) {
  await ensureDefaultCalendars({ db: t.db, ctx: SYSTEM_CONTEXT });
  const admin = (await makeStaff(t, ['admin'])).client;
  const clerk = await makeStaff(t, ['spare_parts_clerk']);
  const engineer = await makeStaff(t, ['tac_engineer']);
  const s = unique();
  const branch = async (code: string, name: string, flags: { hq?: boolean; direct?: boolean }) =>
    expectStatus(
      await admin.post('/api/branches', {
        code: `${code}${s}`,
        name,
        isHeadquarters: flags.hq ?? false,
        vendorDirectDelivery: flags.direct ?? false,
      }),
      201,
    ) as { id: number };
  const hqBranch = await branch('HQ', '杭州总部', { hq: true, direct: true });
  const hzBranch = await branch('HZ', '杭州分公司', { direct: true });
  const whBranch = await branch('WH', '武汉办事处', {});
  const store = async (code: string, name: string, nameEn: string, branchId: number) =>
    expectStatus(
      await clerk.client.post('/api/warehouses', { code: `${code}${s}`, name, nameEn, branchId }),
      201,
    ) as { id: number; code: string; isHq: boolean };
  const hq = await store('WH-HQ', '总部备件库', 'HQ central store', hqBranch.id);
  const hz = await store('WH-HZ', '杭州备件库', 'Hangzhou store', hzBranch.id);
  const wh = await store('WH-WH', '武汉备件库', 'Wuhan store', whBranch.id);
  const part = async (body: Record<string, unknown>) =>
    expectStatus(await clerk.client.post('/api/spare-parts', body), 201) as {
      id: number;
      partNumber: string;
    };
  const psu = await part({
    partNumber: `PWR-C1-715WAC-P${s}`,
    name: '715W 交流电源模块',
    nameEn: '715W AC power supply',
    vendor: 'Cisco',
    serialised: true,
    minStock: 2,
  });
  const fan = await part({
    partNumber: `FAN-T2${s}`,
    name: '风扇模块',
    nameEn: 'Fan module',
    vendor: 'Huawei',
    serialised: false,
    minStock: 5,
  });
  const org = await makeOrganisation(t, `浙江某银行 ${s}`);
  const openCase = async (title = '电源模块故障') =>
    expectStatus(
      await admin.post('/api/cases', {
        organisationId: org.id,
        title,
        description: 'PS1 故障灯亮',
        priority: 2,
      }),
      201,
    ) as { id: number };
  return {
    admin,
    clerk: clerk.client,
    engineer: engineer.client,
    branches: { hq: hqBranch.id, hz: hzBranch.id, wh: whBranch.id },
    stores: { hq, hz, wh },
    psu,
    fan,
    openCase,
    /** Records a movement as the clerk; returns the raw response. */
    move: (body: Record<string, unknown>, as: Client = clerk.client) => as.post('/api/stock/movements', body),
    level: async (warehouseId: number, partId: number) => {
      const items = expectStatus(
        await clerk.client.get(`/api/stock/levels?warehouseId=${warehouseId}&partId=${partId}`),
        200,
      ).items as Array<{ good: number; reserved: number; available: number; faulty: number }>;
      const l = items[0] ?? { good: 0, reserved: 0, available: 0, faulty: 0 };
      return { good: l.good, reserved: l.reserved, available: l.available, faulty: l.faulty };
    },
    unit: async (partId: number, serial: string) => {
      const items = expectStatus(
        await clerk.client.get(`/api/stock/units?partId=${partId}&serial=${encodeURIComponent(serial)}`),
        200,
      ).items as Array<{
        serial: string;
        state: string;
        condition: string;
        warehouse: { id: number } | null;
        caseId: number | null;
      }>;
      return items.find((u) => u.serial.toUpperCase() === serial.toUpperCase());
    },
    ledgerCount: async () =>
      (expectStatus(await clerk.client.get('/api/stock/movements?limit=500'), 200).items as unknown[]).length,
  };
}

export type SparesWorld = Awaited<ReturnType<typeof makeSparesWorld>>;
