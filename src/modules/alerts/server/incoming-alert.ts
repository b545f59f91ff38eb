/**
 * Both webhook payloads turned into one shape: which problem (fingerprint), which occurrence of
 * it, firing or resolved, and the labels the mapping reads. Pure.
 */
import type { z } from 'zod';
import type { alertmanagerPayload, zabbixPayload } from '../alerts.api.ts';

export interface IncomingAlert {
  /** The same problem on the same thing; its repeats land on one open case. */
  fingerprint: string;
  /** One occurrence of it; with the status, what makes a delivery a duplicate. */
  occurrence: string;
  status: 'firing' | 'resolved';
  name: string;
  severity: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date | null;
  endsAt: Date | null;
  link: string | null;
}

/** Alertmanager sends `0001-01-01T00:00:00Z` as "no end yet". */
function realTime(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 ? null : date;
}

/** Alertmanager's alerts of one group notification, in the order sent. */
export function fromAlertmanager(payload: z.output<typeof alertmanagerPayload>): IncomingAlert[] {
  return payload.alerts.map((a) => {
    const labels: Record<string, string> = { ...a.labels };
    return {
      fingerprint: a.fingerprint,
      occurrence: a.startsAt,
      status: a.status,
      name: a.labels.alertname,
      severity: labels.severity?.trim() || null,
      labels,
      annotations: a.annotations,
      startsAt: realTime(a.startsAt),
      endsAt: a.status === 'resolved' ? realTime(a.endsAt) : null,
      link: a.generatorURL?.trim() || null,
    };
  });
}

/**
 * A Zabbix event. Its tags become labels, under the host fields (`host`, `hostName`, `hostIp`),
 * which win a clash. A trigger's events share a fingerprint, so a trigger firing again while its
 * case is open is a repeat; without a trigger id each event stands alone.
 */
export function fromZabbix(payload: z.output<typeof zabbixPayload>): IncomingAlert {
  const labels: Record<string, string> = {};
  for (const { tag, value } of payload.tags) labels[tag] = value;
  labels.host = payload.host;
  if (payload.hostName) labels.hostName = payload.hostName;
  if (payload.hostIp) labels.hostIp = payload.hostIp;
  labels.severity = payload.severity;
  const annotations: Record<string, string> = { summary: payload.triggerName };
  if (payload.message?.trim()) annotations.description = payload.message.trim();
  const eventId = String(payload.eventId);
  const resolved = payload.status === 'RESOLVED';
  return {
    fingerprint: payload.triggerId !== undefined ? `trigger:${payload.triggerId}` : `event:${eventId}`,
    occurrence: `event:${eventId}`,
    status: resolved ? 'resolved' : 'firing',
    name: payload.triggerName,
    severity: payload.severity,
    labels,
    annotations,
    startsAt: realTime(payload.eventTime),
    endsAt: resolved ? realTime(payload.recoveryTime) : null,
    link: payload.url?.trim() || null,
  };
}
