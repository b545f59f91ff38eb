/**
 * Test data for backup.test.ts, continued: calendars, service levels, contracts, cases with their
 * timeline, pauses and fired escalations — the tables that came with cases and SLAs.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillServiceSampleData(db: AnyDb): Promise<void> {
  const ids = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows.map((r) => r.id);
  const one = async (query: RawBuilder<{ id: number }>) => (await ids(query))[0]!;
  const org = await one(sql`select id from organisation order by id limit 1`);
  const site = await one(sql`select id from site where organisation_id = ${org} order by id limit 1`);
  const contact = await one(sql`select id from contact where organisation_id = ${org} order by id limit 1`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  const branch = await one(sql`select id from branch order by id limit 1`);

  const [cal7, cal5] = await ids(sql`
    insert into business_calendar (code, name, name_en, time_zone, always_open, weekly_hours, workday_hours)
    values ('7x24', '全天候 7×24', '7×24', 'Asia/Shanghai', true, '{}', '[]'),
           ('5x8', '工作日 5×8', 'Office hours', 'Asia/Shanghai', false,
            '{"1": [["09:00", "12:00"], ["13:00", "18:00"]], "6": [], "7": []}', '[["09:00", "12:00"], ["13:00", "18:00"]]')
    returning id`);
  await sql`
    insert into calendar_day (calendar_id, date, kind, name)
    values (${cal5}, '2026-10-01', 'holiday', '国庆节'), (${cal5}, '2026-10-10', 'workday', '国庆节调休上班')`.execute(
    db,
  );
  const level = await one(
    sql`insert into service_level (code, name, name_en) values ('GOLD', '金牌服务', 'Gold') returning id`,
  );
  await sql`
    insert into service_level_target (service_level_id, priority, calendar_id, response_minutes, diagnosis_minutes, resolution_minutes, pause_on_vendor)
    values (${level}, 1, ${cal7}, 30, 240, 480, false), (${level}, 3, ${cal5}, 60, 960, 2880, true)`.execute(
    db,
  );
  const contract = await one(sql`
    insert into service_contract (number, organisation_id, service_level_id, starts_on, ends_on, covers_all_sites, notes)
    values ('HT-2026-001', ${org}, ${level}, '2026-01-01', '2026-12-31', false, '含备件') returning id`);
  await sql`insert into contract_site (contract_id, site_id) values (${contract}, ${site})`.execute(db);
  await sql`insert into case_counter (year, last_number) values (2026, 2)`.execute(db);
  const group = await one(
    sql`insert into support_group (code, name, name_en, branch_id) values ('EXPERTS', '二线专家组', 'Experts', ${branch}) returning id`,
  );
  await sql`insert into support_group_member (group_id, user_id) values (${group}, ${staff})`.execute(db);
  const [c1, c2] = await ids(sql`
    insert into support_case (number, organisation_id, site_id, contact_id, channel, category, asset_serial, title, description,
      priority, impact, state, service_contract_id, service_level_id, owner_id, assignee_id, group_id, opened_at,
      first_response_at, sla_calendar_id, pause_offset_minutes, paused_since, response_due_at, next_escalation_at)
    values ('TAC-2026-000001', ${org}, ${site}, ${contact}, 'phone', '网络', 'FOC2231X0AB', '核心交换机宕机', '全部业务中断',
            1, 'organisation', 'in_progress', ${contract}, ${level}, ${staff}, ${staff}, ${group}, '2026-03-09 10:00:00+08',
            '2026-03-09 10:05:00+08', ${cal7}, 0, null, '2026-03-09 10:30:00+08', '2026-03-09 11:00:00+08'),
           ('TAC-2026-000002', ${org}, null, null, 'web', null, null, '咨询', '如何扩容', 3, null, 'waiting_customer',
            null, null, null, null, null, '2026-03-10 09:00:00+08', null, ${cal5}, 30, '2026-03-10 11:00:00+08', null, null)
    returning id`);
  await sql`update support_case set merged_into_id = null where id = ${c2}`.execute(db);
  const entry = await one(sql`
    insert into case_entry (case_id, kind, visibility, author_kind, author_id, author_label, body, data)
    values (${c1}, 'call', 'public', 'staff', ${staff}, '张伟', '已电话联系', '{"direction": "outbound", "durationSeconds": 120}'),
           (${c1}, 'note', 'internal', 'staff', ${staff}, '张伟', '内部备注', null)
    returning id`);
  await sql`insert into case_watcher (case_id, user_id) values (${c1}, ${staff})`.execute(db);
  await sql`insert into case_link (case_id, other_case_id, kind) values (${c1}, ${c2}, 'related'), (${c2}, ${c1}, 'related')`.execute(
    db,
  );
  await sql`insert into vendor_case (case_id, vendor, vendor_case_number, status) values (${c1}, 'Cisco TAC', '698765432', 'open')`.execute(
    db,
  );
  await sql`
    insert into case_attachment (case_id, entry_id, sha256, size, media_type, file_name, visibility, uploaded_by)
    values (${c1}, ${entry}, ${'a'.repeat(64)}, 1024, 'text/plain; charset=utf-8', '日志.txt', 'public', ${staff})`.execute(
    db,
  );
  await sql`
    insert into case_pause (case_id, state, started_at, ended_at, business_minutes)
    values (${c2}, 'waiting_customer', '2026-03-10 10:30:00+08', '2026-03-10 11:00:00+08', 30),
           (${c2}, 'waiting_customer', '2026-03-10 11:00:00+08', null, null)`.execute(db);
  const event = await one(sql`select id from domain_event order by id limit 1`);
  await sql`
    insert into delivery (event_id, case_id, organisation_id, channel, recipient, recipient_user_id, template, locale, payload, status, attempts, last_error, last_error_problem, last_error_params)
    values (${event}, ${c1}, ${org}, 'email', 'wangjg@icbc.example', null, 'case.opened', 'zh-CN', '{"number": "TAC-2026-000001"}', 'dead', 6, '451 邮箱忙', 'rejected', '{"reply": "451"}')`.execute(
    db,
  );
  await sql`
    insert into escalation_step (service_level_id, track, elapsed_minutes, actions)
    values (${level}, 'P1', 15, '[{"kind": "notify", "roles": ["manager1"]}]')`.execute(db);
  await sql`
    insert into case_escalation (case_id, step_key, track, elapsed_minutes, due_at, fired_at, late, actions, recipients, acknowledged_at, acknowledged_by)
    values (${c1}, 'default:P1:10', 'P1', 10, '2026-03-09 10:10:00+08', '2026-03-09 10:10:02+08', false,
            '[{"kind": "notify", "roles": ["manager1", "second_line_engineer"]}]', ${JSON.stringify([staff])}, '2026-03-09 10:20:00+08', ${staff})`.execute(
    db,
  );
}
