/**
 * Test data for backup.test.ts: realistic rows in every table of the schema (Chinese text,
 * jsonb including JSON null, SQL nulls, timestamps written in several time zones) and an
 * exact, engine-independent snapshot of a database to compare against after a restore.
 */
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { quoteIdent, readCatalog, setStableTextForms, type AnyDb } from './backup-catalog.ts';
import { fillServiceSampleData } from './backup-sample-service.ts';
import { fillSparesSampleData } from './backup-sample-spares.ts';
import { fillContractSampleData } from './backup-sample-contracts.ts';
import { fillRmaSampleData } from './backup-sample-rma.ts';
import { fillNotificationChannelSampleData } from './backup-sample-notifications.ts';
import { fillAlertSampleData } from './backup-sample-alerts.ts';
import { fillMailSampleData } from './backup-sample-mail.ts';
import { fillSavedViewSampleData } from './backup-sample-saved-views.ts';
import { fillMailboxSampleData } from './backup-sample-mailboxes.ts';
import { fillPreferenceSampleData } from './backup-sample-preferences.ts';

/** Fills every table; `bulkEvents` extra audit rows give the round trip some volume. */
export async function fillSampleData(db: AnyDb, options: { bulkEvents?: number } = {}): Promise<void> {
  const ids = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows.map((r) => r.id);

  const [bj, sh] = await ids(sql`
    insert into branch (code, name, region, is_headquarters, vendor_direct_delivery, address, phone, created_at)
    values ('BJ', '北京总部', '华北', true, false, '北京市海淀区中关村大街1号', '010-62345678', '2024-01-02 09:00:00+08'),
           ('SH', '上海分公司', '华东', false, true, '上海市浦东新区张江路88号', null, '2024-02-29 23:59:59.999999+08'),
           ('GZ', '广州办事处', null, false, false, null, null, '2024-03-10 01:30:00.5-05')
    returning id
  `);
  const [icbc, cmb, acme] = await ids(sql`
    insert into organisation (code, name, industry, address, phone, notes, branch_id, active)
    values ('ICBC-BJ', '中国工商银行北京分行', '金融', '北京市西城区复兴门内大街55号', '95588',
            '核心交换机维保合同 2025–2027；7×24 小时', ${bj}, true),
           ('CMB-SH', '招商银行上海分行', '金融', null, null, null, ${sh}, true),
           (null, 'ACME "Quotes" & <Tags> \\ Backslash', null, null, null, ${'line 1\nline 2\t🚀'}, null, false)
    returning id
  `);
  const [icbcHq, , cmbHq] = await ids(sql`
    insert into site (organisation_id, name, address, city, notes)
    values (${icbc}, '总行数据中心', '北京市西城区金融大街', '北京', '机房 B2，需提前一天报备'),
           (${icbc}, '亦庄灾备中心', null, '北京', null),
           (${cmb}, '陆家嘴机房', '上海市浦东新区陆家嘴环路1000号', '上海', null)
    returning id
  `);
  const [wang] = await ids(sql`
    insert into contact (organisation_id, site_id, name, title, phone, mobile, email, preferred_channel, is_primary)
    values (${icbc}, ${icbcHq}, '王建国', '网络运维主管', '010-66106114', '13800138000', 'wangjg@icbc.example', 'phone', true),
           (${icbc}, null, '李娜', null, null, '13912345678', null, 'wecom', false),
           (${cmb}, ${cmbHq}, '赵敏', '信息科技部经理', null, null, 'zhaomin@cmb.example', 'email', true),
           (${acme}, null, 'John O''Smith', 'IT Lead', '+1 555 0100', null, 'JOHN@ACME.example', 'portal', true)
    returning id
  `);
  const [admin, engineer, manager, portal] = await ids(sql`
    insert into app_user (kind, username, display_name, email, phone, password_hash, locale, time_zone, branch_id,
      contact_id, active, must_change_password, failed_login_count, locked_until, password_changed_at, last_login_at)
    values ('staff', 'admin', '系统管理员', 'admin@tacdesk.example', null,
            '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', 'zh-CN', 'Asia/Shanghai', ${bj},
            null, true, false, 0, null, '2025-06-01 08:00:00+08', '2026-01-15 10:11:12.131415+08'),
           ('staff', 'zhang.wei', '张伟', 'zhangwei@tacdesk.example', '13700000001', null, 'zh-CN', 'Asia/Shanghai',
            ${sh}, null, true, true, 3, '2026-01-15 10:30:00+08', null, null),
           ('staff', 'M.Chen', '陈经理 (Manager)', null, null, null, 'en', 'Europe/Berlin', null, null, false, false,
            0, null, null, null),
           ('contact', 'wangjg', '王建国', 'wangjg@icbc.example', null, null, 'zh-CN', 'Asia/Shanghai', null,
            ${wang}, true, false, 0, null, null, '2025-12-31 23:59:59.999999-08')
    returning id
  `);
  await sql`
    insert into user_role (user_id, role)
    values (${admin}, 'admin'), (${admin}, 'manager'), (${engineer}, 'engineer'), (${engineer}, 'dispatcher'),
           (${manager}, 'manager'), (${portal}, 'customer')
  `.execute(db);
  await sql`
    insert into user_session (id, user_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
    values ('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', ${admin}, 'csrf-1', '10.0.0.8',
            'Mozilla/5.0 (Windows NT 10.0) 360SE', '2026-01-15 09:00:00+08', '2026-01-15 10:00:00.000001+08',
            '2026-01-22 09:00:00+08'),
           ('60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752', ${portal}, 'csrf-2', null, null,
            '2026-01-16 12:00:00Z', '2026-01-16 12:00:00Z', '2026-01-23 12:00:00Z')
  `.execute(db);
  await sql`
    insert into api_token (name, token_hash, prefix, scope_kind, scope_role, scope_organisation_id, created_by,
      last_used_at, expires_at, revoked_at)
    values ('监控系统集成', 'sha256:aaaa', 'tdk_aaaa', 'role', 'engineer', null, ${admin}, '2026-01-10 03:04:05+08',
            null, null),
           ('ICBC portal sync', 'sha256:bbbb', 'tdk_bbbb', 'organisation', null, ${icbc}, ${manager}, null,
            '2027-01-01 00:00:00+08', '2026-01-20 18:00:00+08'),
           ('orphan token', 'sha256:cccc', 'tdk_cccc', 'role', 'viewer', null, null, null, null, null)
  `.execute(db);
  await sql`
    insert into domain_event (occurred_at, type, subject_type, subject_id, organisation_id, actor_kind, actor_id,
      actor_label, request_id, ip, before, after, data)
    values ('2026-01-15 10:00:00.123456+08', 'organisation.created', 'organisation', ${String(icbc)}, ${icbc},
            'user', ${admin}, '系统管理员', 'req-1', '10.0.0.8', null,
            ${JSON.stringify({ name: '中国工商银行北京分行', tags: ['金融', 'VIP'] })}::jsonb, '{}'::jsonb),
           ('2026-01-15 10:05:00+08', 'organisation.updated', 'organisation', ${String(icbc)}, ${icbc}, 'user',
            ${admin}, '系统管理员', null, null, '{"phone": null, "amount": 12.50, "big": 12345678901234567890}',
            '{"phone": "95588", "amount": 13.0}', 'null'::jsonb),
           ('2026-01-16 00:00:00Z', 'job.dead', 'job', '42', null, 'system', null, 'system', null, null, null, null,
            ${JSON.stringify({ error: 'SMTP 550 邮箱不存在', nested: { deep: [1, 2.5, true, null, 'é'] } })}::jsonb)
  `.execute(db);
  await sql`
    insert into domain_event (occurred_at, type, subject_type, subject_id, organisation_id, actor_kind, actor_id,
      actor_label, data)
    select timestamptz '2025-06-01 08:00:00+08' + g * interval '37 minutes 13.000017 seconds',
      (array['case.created', 'case.assigned', 'case.escalated', 'case.closed'])[1 + g % 4], 'case',
      'C' || lpad(g::text, 8, '0'), ${icbc}, 'user', ${engineer}, '张伟',
      jsonb_build_object('priority', 'P' || (1 + g % 4), 'summary', '核心交换机端口故障 #' || g, 'seq', g)
    from generate_series(1, ${options.bulkEvents ?? 0}) g
  `.execute(db);
  await sql`
    insert into job (kind, payload, idempotency_key, status, run_at, attempts, max_attempts, locked_until, locked_by,
      last_error, created_at, finished_at)
    values ('mail.send', '{"to": "wangjg@icbc.example", "subject": "工单 C00000001 已受理"}', 'mail:1', 'done',
            '2026-01-15 10:00:01+08', 1, 8, null, null, null, '2026-01-15 10:00:00+08', '2026-01-15 10:00:02+08'),
           ('sms.send', '{"to": "13800138000"}', null, 'dead', '2026-01-15 11:00:00+08', 8, 8, null, null,
            ${'Error: 签名校验失败\n    at send (aliyun.ts:42)'}, default, null),
           ('sla.check', default, 'sla:C1', 'running', now(), 2, 8, now() + interval '5 minutes', 'node-a:1234',
            null, default, null),
           ('webhook.post', '[]', null, 'pending', '2030-01-01 00:00:00+08', 0, 3, null, null, null, default, null)
  `.execute(db);
  await sql`
    insert into app_setting (key, value, updated_at)
    values ('company.name', '"某某系统集成有限公司"', '2026-01-01 00:00:00+08'),
           ('sla.default_calendar', '{"tz": "Asia/Shanghai", "holidays": ["2026-02-17"], "workdays": ["2026-02-14"]}',
            default),
           ('mail.enabled', 'false', default),
           ('portal.banner', 'null', default),
           ('limits.upload_mb', '25', default)
  `.execute(db);
  await fillServiceSampleData(db);
  await fillSparesSampleData(db);
  await fillContractSampleData(db);
  await fillRmaSampleData(db);
  await fillNotificationChannelSampleData(db);
  await fillAlertSampleData(db);
  await fillMailSampleData(db);
  await fillSavedViewSampleData(db);
  await fillMailboxSampleData(db);
  await fillPreferenceSampleData(db);
}

/** Test-only tables with the column types the schema does not use yet, and a self-reference. */
export async function createProbeTables(db: AnyDb): Promise<void> {
  await sql`
    create table backup_probe_types (
      id uuid primary key, n numeric(30, 6), big int8, f8 float8, f4 float4, d date, ts timestamp,
      tstz timestamptz, iv interval, b bytea, arr text[], j json, jb jsonb, addr inet, small int2, t time, tz timetz
    )
  `.execute(db);
  await sql`
    create table backup_probe_tree (
      id int generated always as identity primary key,
      parent_id int references backup_probe_tree (id),
      label text not null
    )
  `.execute(db);
}

/** Awkward values: NaN, -0, infinities, BC dates, all 256 bytes, JSON null, strings like 'NULL'. */
export async function fillProbeTables(db: AnyDb): Promise<void> {
  await sql`
    insert into backup_probe_types
    values ('00000000-0000-4000-8000-000000000001', 123456789012345678901234.123456, 9007199254740993, 'NaN',
            3.4028235e38, '0044-03-15 BC', '10000-01-01 00:00:00', 'infinity', '1 year 2 mons 3 days 04:05:06.789',
            (select decode(string_agg(lpad(to_hex(g), 2, '0'), '' order by g), 'hex') from generate_series(0, 255) g),
            '{"a,b",NULL,"引号\\"",""}', '{"a": 1, "a": 2,   "b": [1.0]}', 'null', '192.168.0.1/24', -32768,
            '23:59:59.999999', '12:00:00+08'),
           ('00000000-0000-4000-8000-000000000002', -0.000001, -9223372036854775808, '-0', 0.1, '2026-02-17',
            '2026-02-17 08:00:00.000001', '0044-03-15 12:00:00+01 BC', '-1 days +00:00:00.000001', '', '{}',
            '[]', '{"amount": 12.50, "big": 12345678901234567890}', '::1', 0, '00:00', '00:00-05'),
           ('00000000-0000-4000-8000-000000000003', null, null, '-Infinity', 1e-30, null, null, '-infinity', null,
            null, null, null, null, null, null, null, null),
           ('ffffffff-ffff-4fff-bfff-ffffffffffff', null, null, 1e-300, null, null, null,
            '2026-03-01 09:30:15.123456+08', null, null, null, null, null, null, null, null, null)
  `.execute(db);
  await sql`insert into backup_probe_tree (parent_id, label) values (null, '根'), (1, '子'), (2, '孙'), (null, 'NULL'), (4, ''), (4, '{"a,b"}\\'), (null, ' ')`.execute(
    db,
  );
}

/** Every table's rows in primary key order as PostgreSQL prints them (UTC): exact and engine-neutral. */
export async function snapshotTables(db: AnyDb): Promise<Record<string, string[]>> {
  return db.transaction().execute(async (trx) => {
    await setStableTextForms(trx);
    const out: Record<string, string[]> = {};
    for (const table of await readCatalog(trx)) {
      const keys = table.primaryKey.map(quoteIdent).join(', ') || '1';
      const { rows } = await trx.executeQuery<{ r: string }>(
        CompiledQuery.raw(`select t::text as r from ${quoteIdent(table.name)} as t order by ${keys}`),
      );
      out[table.name] = rows.map((row) => row.r);
    }
    return out;
  });
}
