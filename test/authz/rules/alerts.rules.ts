/**
 * Access rules of monitoring alerts: administrators manage alert sources; the alert queue (list,
 * one alert, assign to a customer, dismiss) is also the intake staff's (hotline operators, duty
 * engineers); nobody else, customers included, sees either. The two webhooks take no session at all:
 * a monitoring system proves itself with its alert source's token, so every session caller (and
 * an anonymous one) is refused with 401. The token path is tested in test/alerts.
 */
import { Client } from '../../harness/test-app.ts';
import { next, roles, type RuleSet } from '../access-rules.ts';

const admins = roles('admin');
const queue = roles('admin', 'hotline_operator', 'duty_engineer');
const tokenOnly = () => 'unauthenticated' as const;

const alertmanagerSample = {
  version: '4',
  groupKey: '{}:{alertname="WalkAlert"}',
  status: 'firing',
  receiver: 'tacdesk',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'WalkAlert', severity: 'warning' },
      annotations: { summary: '巡检告警' },
      startsAt: '2026-03-10T02:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example/graph',
      fingerprint: 'walk0001',
    },
  ],
};

export const alertRules: RuleSet = {
  async setup({ t, admin }) {
    const created = await admin.post('/api/alert-sources', {
      name: `巡检监控 ${next()}`,
      kind: 'alertmanager',
    });
    const source = created.json();
    const monitoring = new Client(t.app);
    monitoring.bearer = source.token;
    const received = await monitoring.post(`/api/alerts/alertmanager/${source.id}`, alertmanagerSample);
    return { alertSource: source.id, alert: received.json().items[0].alertId };
  },
  rules: {
    listAlertSources: { expect: admins },
    createAlertSource: { expect: admins, body: () => ({ name: `巡检 ${next()}`, kind: 'zabbix' }) },
    getAlertSource: { expect: admins, id: (t) => t.alertSource! },
    updateAlertSource: { expect: admins, id: (t) => t.alertSource!, body: () => ({ autoResolve: false }) },
    rotateAlertSourceToken: { expect: admins, id: (t) => t.alertSource! },
    // The walk's source has delivered an alert: an administrator is told to deactivate it (409).
    deleteAlertSource: { expect: admins, id: (t) => t.alertSource! },
    receiveAlertmanagerAlerts: { expect: tokenOnly, body: () => alertmanagerSample },
    receiveZabbixAlert: {
      expect: tokenOnly,
      body: () => ({
        eventId: '1',
        triggerName: 'Walk',
        severity: 'High',
        status: 'PROBLEM',
        host: 'walk-host',
        eventTime: '2026-03-10T10:00:00+08:00',
      }),
    },
    listAlerts: { expect: queue, query: () => 'state=unmatched' },
    getAlert: { expect: queue, id: (t) => t.alert! },
    assignAlert: { expect: queue, id: (t) => t.alert!, body: (t) => ({ organisationId: t.orgA }) },
    dismissAlert: { expect: queue, id: (t) => t.alert!, body: () => ({ reason: '巡检测试告警' }) },
  },
};
