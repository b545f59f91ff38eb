/** Row types of the outbox of messages to people, people's preferences, and edited message templates. */
import type { ColumnType, Generated } from 'kysely';
import type { ProblemParams } from '../channel-problems.api.ts';

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
  /** In the server's or provider's own words. */
  last_error: string | null;
  /** What last_error stands for (a `ChannelProblem`); null before problems were recorded. */
  last_error_problem: string | null;
  /** The values the problem's wording names (`ProblemParams`), e.g. the provider's errcode. */
  last_error_params: ColumnType<ProblemParams | null, string | null, string | null>;
  provider_message_id: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  /** A message over a robot's rate limit: the digest that carried it. */
  folded_into_id: Generated<number | null>;
}

/** One person's choices (staff, or a contact with a portal login); no row: everything on, no quiet hours. */
export interface NotificationPreferenceTable {
  user_id: number;
  /** `group:channel` pairs switched off, e.g. `reply:email`. */
  opt_outs: ColumnType<string[], string, string>;
  /** 'HH:MM' local time in the account's time zone; both null: no quiet hours. */
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_weekends: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** An administrator's wording of a template in one language, over the built-in default. */
export interface MessageTemplateTable {
  kind: 'email' | 'chat';
  template: string;
  locale: 'zh-CN' | 'en';
  /** The mail subject, or the robot message's title. */
  subject: string;
  body: string;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NotificationTables {
  delivery: DeliveryTable;
  notification_preference: NotificationPreferenceTable;
  message_template: MessageTemplateTable;
}
