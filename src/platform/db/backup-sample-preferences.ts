/**
 * Test data for backup.test.ts, continued: people's notification preferences — a staff member who
 * switched off reply mails and the SMS of new cases, with overnight quiet hours and quiet weekends;
 * a portal contact with no quiet hours — and two administrator overrides of message templates (a
 * multi-line Chinese mail body, an English robot title). Runs after the core samples (it needs people).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillPreferenceSampleData(db: AnyDb): Promise<void> {
  const one = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows[0]!.id;
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  const contact = await one(sql`select id from app_user where kind = 'contact' order by id limit 1`);
  await sql`
    insert into notification_preference (user_id, opt_outs, quiet_start, quiet_end, quiet_weekends, updated_at)
    values (${staff}, '["new_case:sms", "reply:email"]', '22:00', '08:00', true, '2026-04-05 21:59:59.5+08'),
           (${contact}, '[]', null, null, false, '2026-04-06 08:00:00Z')
  `.execute(db);
  await sql`
    insert into message_template (kind, template, locale, subject, body, updated_by, updated_at)
    values ('email', 'case.opened', 'zh-CN', '【{{number}}】服务请求已受理：{{title}}',
            ${'尊敬的客户：\n您的请求已受理（{{priority}}），编号 {{number}}。\n\n进展查询：{{link}}'}, ${staff},
            '2026-04-07 10:00:00+08'),
           ('chat', 'case.escalated', 'en', 'Escalation "{{priority}}" {{number}} & <{{elapsedHours}} h>',
            'Customer: {{organisation}}', null, '2026-04-07 02:00:00Z')
  `.execute(db);
}
