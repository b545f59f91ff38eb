/** Builders for SLA tests: the default calendars and a service level with P1/P2 on 7×24, P3/P4 on 5×8. */
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { ensureDefaultCalendars } from '../../src/modules/calendars/server/index.ts';
import { createServiceLevel } from '../../src/modules/contracts/server/index.ts';
import type { TestApp } from '../harness/test-app.ts';

/** Shanghai wall-clock time to an instant. */
export const sh = (local: string) => new Date(`${local}+08:00`);

/** Response 30 min and diagnosis 4 h for every priority; resolution as given. */
export async function makeStandardServiceLevel(
  t: TestApp,
  opts: { code: string; name: string; resolutionMinutes: (priority: number) => number },
): Promise<number> {
  await ensureDefaultCalendars({ db: t.db });
  const calendars = await t.db.selectFrom('business_calendar').select(['id', 'code']).execute();
  const calendar = (code: string) => calendars.find((c) => c.code === code)!.id;
  const targets = [1, 2, 3, 4].map((priority) => ({
    priority,
    calendarId: calendar(priority <= 2 ? '7x24' : '5x8'),
    responseMinutes: 30,
    diagnosisMinutes: 240,
    resolutionMinutes: opts.resolutionMinutes(priority),
    pauseOnVendor: false,
  }));
  return createServiceLevel({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: { code: opts.code, name: opts.name, targets },
  });
}
