/**
 * What an administrator pastes into the monitoring system after creating (or rotating) an alert
 * source: Alertmanager's `webhook_configs` receiver, or the Zabbix webhook media type's parameters
 * and script (the same as README "Monitoring alerts"). Pure text, filled with the URL and token.
 */
import type { AlertSourceKind } from '../alert-rules.ts';

/** The webhook's full address as this browser reaches the server. */
export const webhookUrl = (path: string, origin = window.location.origin) => new URL(path, origin).toString();

const ZABBIX_SCRIPT = `var p = JSON.parse(value);
var at = function (d, t) {
  return d.replace(/\\./g, '-') + 'T' + t + p.tz;
};
var body = {
  eventId: p.event_id,
  triggerId: p.trigger_id,
  triggerName: p.event_name,
  severity: p.severity,
  status: p.status,
  host: p.host,
  hostName: p.host_name,
  hostIp: p.host_ip,
  eventTime: at(p.event_date, p.event_time),
  message: p.message,
  url: p.event_url,
  tags: JSON.parse(p.tags || '[]'),
};
if (p.status === 'RESOLVED') body.recoveryTime = at(p.recovery_date, p.recovery_time);
var req = new HttpRequest();
req.addHeader('Content-Type: application/json');
req.addHeader('Authorization: Bearer ' + p.token);
var res = req.post(p.url, JSON.stringify(body));
if (req.getStatus() !== 200) throw 'TACdesk answered ' + req.getStatus() + ': ' + res;
return 'OK';`;

/** The configuration snippet for the source's kind. */
export function webhookSnippet(kind: AlertSourceKind, url: string, token: string): string {
  if (kind === 'alertmanager')
    return `# alertmanager.yml
receivers:
  - name: tacdesk
    webhook_configs:
      - url: ${url}
        send_resolved: true
        max_alerts: 100
        http_config:
          authorization:
            type: Bearer
            credentials: ${token}`;
  const params: [string, string][] = [
    ['url', url],
    ['token', token],
    ['event_id', '{EVENT.ID}'],
    ['trigger_id', '{TRIGGER.ID}'],
    ['event_name', '{EVENT.NAME}'],
    ['severity', '{EVENT.SEVERITY}'],
    ['status', '{EVENT.STATUS}'],
    ['host', '{HOST.HOST}'],
    ['host_name', '{HOST.NAME}'],
    ['host_ip', '{HOST.IP}'],
    ['event_date', '{EVENT.DATE}'],
    ['event_time', '{EVENT.TIME}'],
    ['recovery_date', '{EVENT.RECOVERY.DATE}'],
    ['recovery_time', '{EVENT.RECOVERY.TIME}'],
    ['message', '{EVENT.OPDATA}'],
    ['event_url', '{$ZABBIX.URL}/tr_events.php?triggerid={TRIGGER.ID}&eventid={EVENT.ID}'],
    ['tags', '{EVENT.TAGSJSON}'],
    ['tz', '+08:00'],
  ];
  return `// Zabbix: Alerts → Media types → Create media type, Type: Webhook
// Parameters:
${params.map(([name, value]) => `//   ${name} = ${value}`).join('\n')}
// Script:
${ZABBIX_SCRIPT}`;
}
