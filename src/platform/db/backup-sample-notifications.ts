/**
 * Test data for backup.test.ts, continued: the outbox's SMS and robot channels — an SMS sent,
 * two robot messages folded into a digest (no event of its own) still waiting for the robot's
 * rate-limit window, and the channel configuration. Runs after the service sample.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillNotificationChannelSampleData(db: AnyDb): Promise<void> {
  const one = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows[0]!.id;
  const supportCase = await one(sql`select id from support_case order by id limit 1`);
  const org = await one(sql`select organisation_id as id from support_case where id = ${supportCase}`);
  const event = await one(sql`select id from domain_event order by id limit 1`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  await sql`
    insert into delivery (event_id, case_id, organisation_id, channel, recipient, recipient_user_id, template, locale,
      payload, status, attempts, provider_message_id, created_at, sent_at)
    values (${event}, ${supportCase}, ${org}, 'sms', '+8613700000001', ${staff}, 'case.assigned', 'zh-CN',
      '{"number": "TAC-2026-000001", "priority": 1, "linkPath": "/cases/1"}', 'sent', 1, '900619746936498440^0',
      '2026-03-09 10:00:01+08', '2026-03-09 10:00:03.25+08')`.execute(db);
  const digest = await one(sql`
    insert into delivery (event_id, case_id, organisation_id, channel, recipient, recipient_user_id, template, locale,
      payload, status, attempts, next_attempt_at)
    values (null, null, null, 'wecom', 'ops-wecom', null, 'digest', 'zh-CN',
      ${JSON.stringify({ items: [{ deliveryId: 0, title: '【P1 新案例】TAC-2026-000001 核心交换机宕机', link: null }] })},
      'pending', 0, '2026-03-09 10:01:00+08')
    returning id`);
  await sql`
    insert into delivery (event_id, case_id, organisation_id, channel, recipient, recipient_user_id, template, locale,
      payload, status, attempts, folded_into_id)
    values (${event}, ${supportCase}, ${org}, 'wecom', 'ops-wecom', null, 'case.opened', 'zh-CN',
      '{"number": "TAC-2026-000001", "title": "核心交换机宕机"}', 'folded', 0, ${digest}),
           (${event}, ${supportCase}, ${org}, 'dingtalk', 'tac-duty', null, 'case.opened', 'en',
      '{"number": "TAC-2026-000001"}', 'held', 0, null)`.execute(db);
  await sql`
    insert into app_setting (key, value)
    values ('notifications.channels', ${JSON.stringify({
      sms: null,
      targets: [
        {
          key: 'ops-wecom',
          channel: 'wecom',
          name: '运维值班群',
          url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-0000-0000-0000-000000000000',
          secret: null,
          locale: 'zh-CN',
          events: ['case.opened', 'case.escalated'],
          priorities: [1, 2],
        },
      ],
      allowedHosts: [],
    })})`.execute(db);
}
