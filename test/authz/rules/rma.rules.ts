/**
 * Access rules of RMAs: engineers request and replace, spare-parts clerks run the store and vendor
 * side, the customer's own contact sees its RMAs and confirms the spare request; another
 * organisation's contact does not see they exist.
 */
import { sql } from 'kysely';
import { RMA_CLERK_ROLES, RMA_ENGINEER_ROLES } from '../../../src/modules/rma/rma-status.ts';
import type { StaffRole } from '../../../src/modules/identity/identity-roles.ts';
import { next, orgRead, orgWrite, signedIn, staffOnly, type RuleSet, type Who } from '../access-rules.ts';

const engineers = orgWrite(...(RMA_ENGINEER_ROLES as readonly StaffRole[]));
const clerks = orgWrite(...(RMA_CLERK_ROLES as readonly StaffRole[]));
const confirmers = (who: Who) => (who === 'contact_own' ? 'ok' : engineers(who));

export const rmaRules: RuleSet = {
  async setup({ t, admin, targets }) {
    const suffix = next();
    const one = async (q: ReturnType<typeof sql<{ id: number }>>) => (await q.execute(t.db)).rows[0]!.id;
    const branch = await one(
      sql`insert into branch (code, name) values (${`RW${suffix}`}, '巡检分公司') returning id`,
    );
    await one(
      sql`insert into warehouse (code, name, branch_id) values (${`RW${suffix}`}, '巡检库', ${branch}) returning id`,
    );
    await sql`update organisation set branch_id = ${branch} where id = ${targets.orgA!}`.execute(t.db);
    const model = await one(
      sql`insert into product_model (vendor, model, category) values ('Cisco', ${`WALK-${suffix}`}, 'network') returning id`,
    );
    const serial = `WALK${suffix}`.toUpperCase();
    await sql`insert into asset (product_model_id, vendor, serial, organisation_id) values (${model}, 'Cisco', ${serial}, ${targets.orgA!})`.execute(
      t.db,
    );
    const partNumber = `PWR-WALK-${suffix}`;
    await sql`insert into spare_part (part_number, name, serialised) values (${partNumber}, '巡检电源', true)`.execute(
      t.db,
    );
    const c = (
      await admin.post('/api/cases', {
        organisationId: targets.orgA,
        title: '巡检 RMA',
        description: '硬件故障',
        priority: 3,
        assetSerial: serial,
      })
    ).json();
    const rma = (
      await admin.post(`/api/cases/${c.id}/rmas`, { faultySerial: serial, partNumber, reason: '电源故障' })
    ).json();
    return { rmaCase: c.id, rma: rma.id };
  },
  rules: {
    requestRma: {
      expect: engineers,
      id: (t) => t.rmaCase!,
      body: () => ({ faultySerial: 'NOT-IN-BASE', partNumber: 'NONE', reason: '巡检' }),
    },
    listCaseRmas: { expect: orgRead, id: (t) => t.rmaCase! },
    listRmas: { expect: signedIn },
    rmaMonthlyReport: { expect: staffOnly, query: () => 'month=2026-11' },
    rmaMonthlyReportXlsx: { expect: staffOnly, query: () => 'month=2026-11' },
    getRma: { expect: orgRead, id: (t) => t.rma! },
    confirmRma: { expect: confirmers, id: (t) => t.rma!, body: () => ({}) },
    fulfilRma: { expect: clerks, id: (t) => t.rma!, body: () => ({}) },
    openVendorRma: { expect: clerks, id: (t) => t.rma!, body: () => ({ vendorRmaNumber: '8800001' }) },
    receiveRmaPart: {
      expect: clerks,
      id: (t) => t.rma!,
      body: () => ({ serial: 'GOOD-WALK', vendorRmaNumber: '8800001' }),
    },
    replaceRmaPart: { expect: engineers, id: (t) => t.rma!, body: () => ({}) },
    receiveFaultyPart: { expect: clerks, id: (t) => t.rma!, body: () => ({ serial: 'X' }) },
    returnRmaToVendor: { expect: clerks, id: (t) => t.rma!, body: () => ({ waybill: 'SF0' }) },
    cancelRma: { expect: engineers, id: (t) => t.rma!, body: () => ({ reason: '巡检取消' }) },
  },
};
