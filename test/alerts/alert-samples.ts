/**
 * Real webhook payloads: what Prometheus Alertmanager (0.27, webhook format v4) posts for a group
 * of two alerts, and what the TACdesk Zabbix media type (README) posts for one event; plus a
 * client holding an alert source's token, as a monitoring system would.
 */
import { Client, type TestApp } from '../harness/test-app.ts';

export interface AmAlert {
  status?: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  fingerprint: string;
}

/** An Alertmanager group notification of `alerts`, shaped exactly as Alertmanager sends it. */
export function alertmanagerPayload(alerts: AmAlert[], status: 'firing' | 'resolved' = 'firing') {
  return {
    receiver: 'tacdesk',
    status,
    alerts: alerts.map((a) => ({
      status: a.status ?? status,
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt: a.startsAt ?? '2026-03-10T02:05:00.123456789Z',
      endsAt: a.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: `http://prometheus.dc1.example:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1`,
      fingerprint: a.fingerprint,
    })),
    groupLabels: { alertname: alerts[0]!.labels.alertname! },
    commonLabels: { job: 'node' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.dc1.example:9093',
    version: '4',
    groupKey: `{}/{severity=~"critical|warning"}:{alertname="${alerts[0]!.labels.alertname}"}`,
    truncatedAlerts: 0,
  };
}

/** The sample of the README: two alerts of one group, a switch by serial and a host by site. */
export function twoAlerts(opts: { serial: string; site: string; startsAt?: string }) {
  return alertmanagerPayload([
    {
      labels: {
        alertname: 'InterfaceDown',
        severity: 'critical',
        instance: '10.20.0.1:9116',
        job: 'snmp',
        serial: opts.serial,
        ifName: 'GigabitEthernet1/0/24',
      },
      annotations: {
        summary: '核心交换机端口 Gi1/0/24 中断',
        description: 'Interface GigabitEthernet1/0/24 on core-sw-01 has been down for 2 minutes.',
      },
      fingerprint: 'a1b2c3d4e5f60718',
      ...(opts.startsAt && { startsAt: opts.startsAt }),
    },
    {
      labels: {
        alertname: 'HighDiskUsage',
        severity: 'warning',
        instance: 'db-01:9100',
        job: 'node',
        site: opts.site,
        mountpoint: '/data',
      },
      annotations: { summary: '/data 使用率 91%' },
      fingerprint: '0f1e2d3c4b5a6978',
      ...(opts.startsAt && { startsAt: opts.startsAt }),
    },
  ]);
}

/** One Zabbix event as the media type's script posts it. */
export function zabbixEvent(overrides: Record<string, unknown> = {}) {
  return {
    eventId: '4471920',
    triggerId: '23817',
    triggerName: 'Storage controller B is not responding',
    severity: 'High',
    status: 'PROBLEM',
    host: 'stor-01',
    hostName: '存储阵列 01',
    hostIp: '10.30.0.15',
    eventTime: '2026-03-10T10:12:43+08:00',
    message: 'Controller B heartbeat lost; path failover to controller A.',
    url: 'https://zabbix.example/tr_events.php?triggerid=23817&eventid=4471920',
    tags: [
      { tag: 'serial', value: 'CN7A2B3C4D' },
      { tag: 'service', value: 'storage' },
    ],
    ...overrides,
  };
}

/** A monitoring system holding a source's token. */
export function monitoring(t: TestApp, token: string | null): Client {
  const client = new Client(t.app);
  client.bearer = token;
  return client;
}
