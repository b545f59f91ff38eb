/**
 * Which case events also go out by SMS and to group robots (issue 5 §2, §5), beside the mails
 * of delivery-rules.ts and in the same transaction:
 * - SMS: a P1/P2 case assigned (or transferred) to an engineer, and a P1/P2 escalation, reach
 *   the same staff members as the mail, on the mobile of their account (`app_user.phone`),
 *   when an SMS provider is configured.
 * - Robots and webhooks: every configured target that follows the event (`case.opened`,
 *   `case.escalated`) for the case's priority (P1/P2 unless configured otherwise).
 */
import type { PublishedEvent } from '../../../../platform/events/domain-events.ts';
import { SMS_TEMPLATES, TARGET_EVENTS } from '../../channels.api.ts';
import type { Recipient, Trx } from '../recipients.ts';
import { channelSettingsFrom } from './channel-settings.ts';
import { toE164Mobile } from './phone-number.ts';

/** One planned message of delivery-rules.ts. */
export interface PlannedMessage {
  to: Recipient[];
  template: string;
  portal: boolean;
  extra?: Record<string, unknown>;
}

export interface ChannelDeliveryRow {
  event_id: number;
  case_id: number;
  organisation_id: number;
  channel: 'sms' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  recipient: string;
  recipient_user_id: number | null;
  template: string;
  locale: 'zh-CN' | 'en';
  payload: string;
}

/** The SMS and robot rows an event calls for; `payload` renders a planned message's data. */
export async function channelDeliveries(
  trx: Trx,
  event: PublishedEvent,
  c: { id: number; organisation_id: number; priority: number; channel_settings: unknown },
  plan: readonly PlannedMessage[],
  payload: (p: { portal: boolean; extra?: Record<string, unknown> }) => string,
): Promise<ChannelDeliveryRow[]> {
  const followed = (TARGET_EVENTS as readonly string[]).includes(event.type);
  const smsPlan =
    c.priority <= 2 ? plan.filter((p) => (SMS_TEMPLATES as readonly string[]).includes(p.template)) : [];
  if (!followed && smsPlan.length === 0) return [];
  const settings = channelSettingsFrom(c.channel_settings);
  const base = { event_id: event.id, case_id: c.id, organisation_id: c.organisation_id };
  const rows: ChannelDeliveryRow[] = [];

  if (settings.sms && smsPlan.length) {
    const ids = smsPlan.flatMap((p) => p.to.map((r) => r.userId).filter((id): id is number => id !== null));
    const phones = ids.length
      ? await trx
          .selectFrom('app_user')
          .select(['id', 'phone'])
          .where('id', 'in', ids)
          .where('kind', '=', 'staff')
          .execute()
      : [];
    for (const p of smsPlan)
      for (const r of p.to) {
        const phone = toE164Mobile(phones.find((u) => u.id === r.userId)?.phone);
        if (phone)
          rows.push({
            ...base,
            channel: 'sms',
            recipient: phone,
            recipient_user_id: r.userId,
            template: p.template,
            locale: r.locale,
            payload: payload(p),
          });
      }
  }

  if (followed) {
    const extra = plan.find((p) => p.template === event.type)?.extra;
    for (const target of settings.targets)
      if (
        target.events.includes(event.type as (typeof TARGET_EVENTS)[number]) &&
        target.priorities.includes(c.priority)
      )
        rows.push({
          ...base,
          channel: target.channel,
          recipient: target.key,
          recipient_user_id: null,
          template: event.type,
          locale: target.locale,
          payload: payload({ portal: false, extra }),
        });
  }
  return rows;
}
