/**
 * The spares side of the demo: a spare store per branch (HQ's is the central store), Cisco and
 * Huawei FRUs held by serial, fans and cables held by quantity, stock in the stores (Wuhan holds
 * none: its parts come through HQ) and an open purchase order due a week after signing.
 * Written through the module's commands and moveStock, so every row has its audit event and
 * ledger entry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { SYSTEM_CONTEXT } from '../../platform/authz/actor.ts';
import { inTransaction } from '../../platform/events/domain-events.ts';
import { moveStock } from '../../modules/spares/server/index.ts';
import { createWarehouse } from '../../modules/spares/server/commands/save-warehouse.ts';
import { createSparePart } from '../../modules/spares/server/commands/save-spare-part.ts';
import { createPurchaseOrder } from '../../modules/spares/server/commands/create-purchase-order.ts';
import { orderPurchaseOrder } from '../../modules/spares/server/commands/order-purchase-order.ts';
import { DEMO_BRANCHES } from './demo-data.ts';

const PARTS = [
  {
    partNumber: 'PWR-C1-715WAC-P',
    name: '715W 交流电源模块（Catalyst 9300）',
    nameEn: '715W AC power supply (Catalyst 9300)',
    vendor: 'Cisco',
    serialised: true,
    minStock: 2,
  },
  {
    partNumber: 'C9300-NM-8X',
    name: '8 口万兆上行网络模块',
    nameEn: '8 x 10G uplink network module',
    vendor: 'Cisco',
    serialised: true,
    minStock: 1,
  },
  {
    partNumber: 'SFP-10G-SR',
    name: '万兆多模光模块',
    nameEn: '10GBASE-SR SFP+ module',
    vendor: 'Cisco',
    serialised: true,
    minStock: 4,
  },
  {
    partNumber: '02312BQD',
    name: '交流电源模块（华为 S 系列）',
    nameEn: 'AC power module (Huawei S series)',
    vendor: 'Huawei',
    serialised: true,
    minStock: 1,
  },
  {
    partNumber: 'FAN-T2=',
    name: '风扇模块',
    nameEn: 'Fan module',
    vendor: 'Cisco',
    serialised: false,
    minStock: 5,
  },
  {
    partNumber: 'CAB-CONSOLE-RJ45',
    name: 'Console 配置线',
    nameEn: 'Console cable RJ45',
    vendor: 'Cisco',
    serialised: false,
    minStock: 10,
  },
] as const;

type PartNumber = (typeof PARTS)[number]['partNumber'];

/** Stock per branch code: serials for serialised parts, a quantity otherwise. */
const STOCK: Record<string, Partial<Record<PartNumber, string[] | number>>> = {
  'HQ-BJ': {
    'PWR-C1-715WAC-P': ['LIT2301A0AA', 'LIT2301A0AB', 'LIT2301A0AC'],
    'C9300-NM-8X': ['FOC2245N8XA', 'FOC2245N8XB'],
    'SFP-10G-SR': ['AVD2233K1A1', 'AVD2233K1A2', 'AVD2233K1A3', 'AVD2233K1A4', 'AVD2233K1A5', 'AVD2233K1A6'],
    '02312BQD': ['2102312BQD10M3000011', '2102312BQD10M3000012'],
    'FAN-T2=': 20,
    'CAB-CONSOLE-RJ45': 30,
  },
  SH: { 'PWR-C1-715WAC-P': ['LIT2302B0BA'], 'SFP-10G-SR': ['AVD2234K2B1', 'AVD2234K2B2'], 'FAN-T2=': 6 },
  GZ: { 'PWR-C1-715WAC-P': ['LIT2303C0CA'], '02312BQD': ['2102312BQD10M3000031'], 'FAN-T2=': 3 },
  CD: { 'SFP-10G-SR': ['AVD2235K3C1', 'AVD2235K3C2'], 'CAB-CONSOLE-RJ45': 5 },
};

export async function seedDemoSpares(db: Kysely<Database>, branchIds: Map<string, number>): Promise<string> {
  const ctx = SYSTEM_CONTEXT;
  const now = new Date();
  const stores = new Map<string, number>();
  for (const b of DEMO_BRANCHES) {
    const id = await createWarehouse({
      db,
      ctx,
      input: {
        code: `WH-${b.code}`,
        name: b.isHeadquarters ? '总部中心备件库' : `${b.name.replace(/(分公司|办事处)$/, '')}备件库`,
        nameEn: b.isHeadquarters ? 'HQ central store' : `${b.code} spare store`,
        branchId: branchIds.get(b.code)!,
        address: b.address,
      },
    });
    stores.set(b.code, id);
  }
  const parts = new Map<PartNumber, number>();
  for (const p of PARTS)
    parts.set(p.partNumber, await createSparePart({ db, ctx, input: { ...p, unit: 'piece' } }));

  let moves = 0;
  for (const [branch, held] of Object.entries(STOCK)) {
    const warehouseId = stores.get(branch)!;
    await inTransaction(db, ctx, async (uow) => {
      for (const [partNumber, what] of Object.entries(held) as Array<[PartNumber, string[] | number]>) {
        const base = {
          kind: 'purchase_in' as const,
          warehouseId,
          partId: parts.get(partNumber)!,
          reference: '期初库存',
        };
        const batches =
          typeof what === 'number' ? [{ quantity: what }] : what.map((serial) => ({ quantity: 1, serial }));
        for (const batch of batches) {
          await moveStock(uow, { ...base, ...batch }, { actorUserId: null, now });
          moves++;
        }
      }
    });
  }

  const order = await createPurchaseOrder({
    db,
    ctx,
    now,
    input: {
      supplier: '北京某某网络设备有限公司',
      warehouseId: stores.get('HQ-BJ')!,
      project: '华南证券数据中心网络维保项目备件',
      lines: [
        { partId: parts.get('PWR-C1-715WAC-P')!, quantity: 2 },
        { partId: parts.get('SFP-10G-SR')!, quantity: 4 },
      ],
    },
  });
  await orderPurchaseOrder({ db, ctx, id: order, now });
  return `spares: ${stores.size} spare stores, ${PARTS.length} parts, ${moves} stock-in movements, 1 open purchase order`;
}
