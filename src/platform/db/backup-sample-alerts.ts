/**
 * Test data for backup.test.ts, continued: an Alertmanager source of the first customer and a
 * Zabbix source of the centre's own monitoring, an alert that opened a case, its repeat, and an
 * unmatched Zabbix alert with tags. Runs after the service samples (it needs a case).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillAlertSampleData(db: AnyDb): Promise<void> {
  const ids = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows.map((r) => r.id);
  const one = async (query: RawBuilder<{ id: number }>) => (await ids(query))[0]!;
  const supportCase = await one(sql`select id from support_case order by id limit 1`);
  const org = await one(sql`select organisation_id as id from support_case where id = ${supportCase}`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  const [prometheus, zabbix] = await ids(sql`
    insert into alert_source (name, kind, organisation_id, priorities, default_priority, auto_resolve, device_fields,
      site_fields, active, token_hash, token_prefix, token_rotated_at, created_by, created_at, updated_at)
    values ('工行 Prometheus', 'alertmanager', ${org}, '{"critical": 1, "warning": 3}', 3, false,
            '["serial", "instance"]', '["site"]', true,
            '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8', 'tacalert_Ab12Cd', null, ${staff},
            '2026-03-01 09:00:00+08', '2026-03-01 09:00:00+08'),
           ('总部 Zabbix', 'zabbix', null, '{"disaster": 1, "high": 2, "not classified": 4}', 4, true,
            '["serial", "host"]', '[]', false,
            '6b86b273ff34fce19d6b804eff5a3f5747ada4ea22f1d49c01e52ddb7875b4b2', 'tacalert_Zz99Yy',
            '2026-03-05 18:30:00.5+08', null, '2026-02-28 23:59:59.999999+08', '2026-03-05 18:30:00.5+08')
    returning id`);
  await sql`
    insert into alert (source_id, fingerprint, occurrence, status, name, severity, labels, annotations, starts_at,
      ends_at, link, received_at, state, device, case_id, organisation_id)
    values (${prometheus}, 'a1b2c3d4e5f60718', '2026-03-09T02:00:00.123456789Z', 'firing', 'InterfaceDown', 'critical',
            '{"alertname": "InterfaceDown", "serial": "FOC2231X0AB", "ifName": "Gi1/0/24"}',
            '{"summary": "核心交换机端口 Gi1/0/24 中断"}', '2026-03-09 10:00:00.123456+08', null,
            'http://prometheus.example:9090/graph?g0.expr=up', '2026-03-09 10:00:01+08', 'opened', 'FOC2231X0AB',
            ${supportCase}, ${org}),
           (${prometheus}, 'a1b2c3d4e5f60718', '2026-03-09T03:00:00Z', 'firing', 'InterfaceDown', 'critical',
            '{"alertname": "InterfaceDown", "serial": "FOC2231X0AB"}', '{}', '2026-03-09 11:00:00+08', null, null,
            '2026-03-09 11:00:02+08', 'repeated', 'FOC2231X0AB', ${supportCase}, ${org}),
           (${zabbix}, 'trigger:23817', 'event:4471920', 'firing', 'Storage controller B is not responding', 'High',
            '{"host": "stor-01", "hostIp": "10.30.0.15", "service": "storage", "severity": "High"}',
            '{"summary": "Storage controller B is not responding", "description": "Controller B heartbeat lost"}',
            '2026-03-10 10:12:43+08', null, null, '2026-03-10 10:12:44+08', 'unmatched', 'stor-01', null, null)`.execute(
    db,
  );
}
