/**
 * Access rules of spare stores, parts, stock and purchase orders: every staff member reads them,
 * the stock keepers (spare-parts clerks, managers, administrators) change them, and customer
 * contacts have no access at all (403, like every staff-only route).
 */
import { STOCK_KEEPER_ROLES } from '../../../src/modules/spares/spares-model.ts';
import { next, roles, staffOnly, type RuleSet } from '../access-rules.ts';

const keepers = roles(...STOCK_KEEPER_ROLES);

export const sparesRules: RuleSet = {
  async setup({ admin }) {
    const suffix = next();
    const branch = (
      await admin.post('/api/branches', { code: `SP${suffix}`, name: '备件巡检分公司' })
    ).json();
    const warehouse = (
      await admin.post('/api/warehouses', { code: `SPW${suffix}`, name: '巡检备件库', branchId: branch.id })
    ).json();
    const part = (
      await admin.post('/api/spare-parts', {
        partNumber: `FAN-WALK-${suffix}`,
        name: '巡检风扇',
        serialised: false,
      })
    ).json();
    const order = (
      await admin.post('/api/purchase-orders', {
        supplier: '巡检供应商',
        warehouseId: warehouse.id,
        lines: [{ partId: part.id, quantity: 5 }],
      })
    ).json();
    return {
      spareBranch: branch.id,
      warehouse: warehouse.id,
      sparePart: part.id,
      purchaseOrder: order.id,
      purchaseOrderLine: order.lines[0].id,
    };
  },
  rules: {
    listWarehouses: { expect: staffOnly },
    getWarehouse: { expect: staffOnly, id: (t) => t.warehouse! },
    createWarehouse: {
      expect: keepers,
      body: (t) => ({ code: `W${next()}`, name: '新备件库', branchId: t.spareBranch }),
    },
    updateWarehouse: { expect: keepers, id: (t) => t.warehouse!, body: () => ({ address: '巡检路 1 号' }) },
    listSpareParts: { expect: staffOnly },
    getSparePart: { expect: staffOnly, id: (t) => t.sparePart! },
    createSparePart: { expect: keepers, body: () => ({ partNumber: `P-${next()}`, name: '巡检备件' }) },
    updateSparePart: { expect: keepers, id: (t) => t.sparePart!, body: () => ({ minStock: 2 }) },
    listStockLevels: { expect: staffOnly },
    listStockUnits: { expect: staffOnly },
    recordStockMovement: {
      expect: keepers,
      body: (t) => ({ kind: 'purchase_in', warehouseId: t.warehouse, partId: t.sparePart, quantity: 1 }),
    },
    listStockMovements: { expect: staffOnly },
    getStockReport: { expect: staffOnly },
    getStockReportXlsx: { expect: staffOnly },
    listPurchaseOrders: { expect: staffOnly },
    getPurchaseOrder: { expect: staffOnly, id: (t) => t.purchaseOrder! },
    createPurchaseOrder: {
      expect: keepers,
      body: (t) => ({
        supplier: '巡检供应商',
        warehouseId: t.warehouse,
        lines: [{ partId: t.sparePart, quantity: 1 }],
      }),
    },
    orderPurchaseOrder: { expect: keepers, id: (t) => t.purchaseOrder!, body: () => ({}) },
    receivePurchaseOrder: {
      expect: keepers,
      id: (t) => t.purchaseOrder!,
      body: (t) => ({ lines: [{ lineId: t.purchaseOrderLine, quantity: 1 }] }),
    },
    cancelPurchaseOrder: {
      expect: keepers,
      id: (t) => t.purchaseOrder!,
      body: () => ({ reason: '巡检取消' }),
    },
  },
};
