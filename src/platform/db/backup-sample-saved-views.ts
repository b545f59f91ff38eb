/**
 * Test data for backup.test.ts, continued: saved case-queue views — a private one with a Chinese
 * search term and a shared one with several states. Runs after the core samples (it needs staff).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillSavedViewSampleData(db: AnyDb): Promise<void> {
  const ids = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows.map((r) => r.id);
  const [first, second] = await ids(sql`select id from app_user where kind = 'staff' order by id limit 2`);
  await sql`
    insert into saved_view (owner_user_id, name, query, shared, created_at, updated_at)
    values (${first}, '我的 P1 待办', 'assignee=me&priority=1&sort=sla&q=%E5%AE%95%E6%9C%BA', false,
            '2026-04-01 09:00:00+08', '2026-04-02 18:30:00.25+08'),
           (${second ?? first}, 'Breaching "today" & waiting', 'state=waiting_customer&state=waiting_vendor&breachingWithin=240',
            true, '2026-04-03 23:59:59.999999-05', '2026-04-03 23:59:59.999999-05')
  `.execute(db);
}
