/** Row type of the outbox of messages to people. */
import type { ColumnType, Generated } from 'kysely';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'held' | 'dead';

export interface DeliveryTable {
  id: Generated<number>;
  event_id: number;
  case_id: number | null;
  organisation_id: number | null;
  channel: 'email' | 'sms' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
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
}

export interface NotificationTables {
  delivery: DeliveryTable;
}
