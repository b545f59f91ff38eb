/** Row type of the outbox of messages to people. */
import type { ColumnType, Generated } from 'kysely';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'held' | 'dead' | 'folded';
export type DeliveryChannel = 'email' | 'sms' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';

export interface DeliveryTable {
  id: Generated<number>;
  /** Null for a digest: it folds the messages of several events. */
  event_id: number | null;
  case_id: number | null;
  organisation_id: number | null;
  channel: DeliveryChannel;
  recipient: string;
  recipient_user_id: number | null;
  template: string;
  locale: 'zh-CN' | 'en';
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  /** A message over a robot's rate limit: the digest that carried it. */
  folded_into_id: Generated<number | null>;
}

export interface NotificationTables {
  delivery: DeliveryTable;
}
