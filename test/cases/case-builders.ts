/** Builders for case tests: a calendar, a service level, a contract, a customer with a contact. */
import { sql } from 'kysely';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { createContract, createServiceLevel } from '../../src/modules/contracts/server/index.ts';
import { addSite } from '../../src/modules/organisations/server/commands/save-site.ts';
import { makeContactUser, makeOrganisation, type TestApp } from '../harness/test-app.ts';
import { makeAsset } from '../contracts/contract-builders.ts';

let seq = 0;

/** An always-open calendar row (the calendars module owns the real ones). */
export async function makeCalendar(t: TestApp): Promise<number> {
  const code = `test-7x24-${++seq}-${Date.now()}`;
  const row = await sql<{ id: number }>`
    insert into business_calendar (code, name, name_en, always_open) values (${code}, '测试 7×24', 'Test 7x24', true) returning id`.execute(
    t.db,
  );
  return row.rows[0]!.id;
}

export async function makeServiceLevel(t: TestApp): Promise<number> {
  const calendarId = await makeCalendar(t);
  const target = (priority: number, m: number) => ({
    priority,
    calendarId,
    responseMinutes: 30 * m,
    diagnosisMinutes: 240 * m,
    resolutionMinutes: 1440 * m,
    pauseOnVendor: false,
  });
  return createServiceLevel({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      code: `GOLD${++seq}`,
      name: '金牌服务',
      nameEn: 'Gold',
      targets: [target(1, 1), target(2, 2), target(3, 4), target(4, 8)],
    },
  });
}

/** A customer with a site, a signed-in contact, and (unless `contract: false`) a contract in force for 2026. */
export async function makeCustomer(
  t: TestApp,
  opts: { contract?: false | { startsOn: string; endsOn: string; serials?: string[] } } = {},
) {
  const org = await makeOrganisation(t);
  const site = await addSite({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    organisationId: org.id,
    input: { name: '数据中心' },
  });
  const contact = await makeContactUser(t, org.id);
  let contractId: number | null = null;
  let serviceLevelId: number | null = null;
  if (opts.contract !== false) {
    const c = opts.contract ?? { startsOn: '2026-01-01', endsOn: '2026-12-31' };
    serviceLevelId = await makeServiceLevel(t);
    // Serials under contract are assets of the installed base.
    for (const serial of c.serials ?? []) await makeAsset(t, org.id, { serial });
    contractId = await createContract({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      input: {
        number: `HT-${++seq}-${Date.now()}`,
        organisationId: org.id,
        serviceLevelId,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        state: 'active',
        coversAllSites: true,
        siteIds: [],
        serials: c.serials ?? [],
      },
    });
  }
  return { org, site, contact, contractId, serviceLevelId };
}
