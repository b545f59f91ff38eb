/**
 * The registry of outbound channels other than e-mail, used by the delivery sender: it finds a
 * row's adapter and configuration (SMS provider, robot or webhook by key), keeps each robot
 * under its rate limit, and folds what would pass the minute limit into one digest message per
 * robot, never dropping a message. Configuration is read once per batch, so a change applies
 * at the next batch without a restart.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { ChannelProblem, ProblemParams } from '../../channel-problems.api.ts';
import type { ChannelSettings, TargetSettings } from '../../channels.api.ts';
import { sendAliyunSms } from './aliyun-sms.ts';
import { ChannelError } from './channel-http.ts';
import type { ChatMessage, SendResult, SmsMessage } from './channel-message.ts';
import { readChannelSettings } from './channel-settings.ts';
import { renderChat, smsVariables, type CaseChatData, type DigestItem } from './chat-templates.ts';
import { deferUntil, markFailed, markSent, type DeliveryRow } from './delivery-outcome.ts';
import { sendDingtalkRobot } from './dingtalk-robot.ts';
import { sendFeishuRobot } from './feishu-robot.ts';
import { sendOutgoingWebhook } from './outgoing-webhook.ts';
import { admit, recentSends, ROBOT_LIMITS } from './robot-rate-limit.ts';
import { sendTencentSms } from './tencent-sms.ts';
import { sendWecomRobot } from './wecom-robot.ts';
import type { Locale, TemplateText } from '../../mail-templates.ts';
import type { TemplateOverrides } from '../templates/template-overrides.ts';

type ChatAdapter = (
  target: TargetSettings,
  message: ChatMessage,
  allowedHosts: readonly string[],
  now: Date,
) => Promise<SendResult>;

/** Robots and webhooks by channel. */
const CHAT_ADAPTERS: Record<TargetSettings['channel'], ChatAdapter> = {
  wecom: (target, message, hosts) => sendWecomRobot(target, message, hosts),
  dingtalk: sendDingtalkRobot,
  feishu: sendFeishuRobot,
  webhook: sendOutgoingWebhook,
};

export const DIGEST_TEMPLATE = 'digest';

/** Sends a rendered message to a robot or webhook (the outbox, and "send a test"). */
export const sendChat = (
  target: TargetSettings,
  message: ChatMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> => CHAT_ADAPTERS[target.channel](target, message, allowedHosts, now);

/** Sends an SMS through the configured provider (the outbox, and "send a test"). */
export const sendSms = (
  sms: NonNullable<ChannelSettings['sms']>,
  message: SmsMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> =>
  sms.provider === 'aliyun'
    ? sendAliyunSms(sms, message, allowedHosts, now)
    : sendTencentSms(sms, message, allowedHosts, now);

/** An administrator's wording of a robot template, if any. */
type ChatWording = (template: string, locale: Locale) => TemplateText | undefined;

/** Configuration missing: the message waits for an administrator (not counted as an attempt). */
const held = (message: string, problem: ChannelProblem, params: ProblemParams = {}) =>
  new ChannelError(message, { retry: false, held: true, problem, params });

export interface ChannelDispatcherOptions {
  db: Kysely<Database>;
  /** Makes links absolute. */
  publicUrl: string;
}

export class ChannelDispatcher {
  readonly #o: ChannelDispatcherOptions;
  constructor(o: ChannelDispatcherOptions) {
    this.#o = o;
  }

  /** Sends claimed non-e-mail rows (status `sending`), robot by robot, in claim order. */
  async deliver(rows: readonly DeliveryRow[], now: Date, overrides: TemplateOverrides): Promise<void> {
    const settings = await readChannelSettings(this.#o.db);
    const wording: ChatWording = (template, locale) => overrides('chat', template, locale);
    const groups = new Map<string, DeliveryRow[]>();
    for (const row of rows) {
      const key = `${row.channel}\n${row.recipient}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const group of groups.values()) await this.#deliverGroup(group, settings, now, wording);
  }

  async #deliverGroup(
    rows: DeliveryRow[],
    settings: ChannelSettings,
    now: Date,
    wording: ChatWording,
  ): Promise<void> {
    const db = this.#o.db;
    const limit = ROBOT_LIMITS[rows[0]!.channel];
    const sent = limit ? await recentSends(db, rows[0]!.channel, rows[0]!.recipient, now) : [];
    const toFold: DeliveryRow[] = [];
    let foldUntil = now;
    for (const row of rows) {
      const admission = limit ? admit(limit, sent, now) : ({ ok: true } as const);
      if (!admission.ok) {
        // Over the minute: fold into the robot's digest. Over the second, or a digest itself
        // that cannot go yet: wait for the window.
        if (admission.window === 'minute' && row.template !== DIGEST_TEMPLATE) {
          toFold.push(row);
          foldUntil = admission.freeAt;
        } else await deferUntil(db, row, admission.freeAt);
        continue;
      }
      try {
        const result = await this.#send(row, settings, now, wording(row.template, row.locale));
        await markSent(db, row, now, result.providerMessageId);
        sent.push(now);
      } catch (error) {
        await markFailed(db, row, now, error);
      }
    }
    if (toFold.length) await this.#fold(toFold, settings, foldUntil, wording);
  }

  async #send(
    row: DeliveryRow,
    settings: ChannelSettings,
    now: Date,
    text: TemplateText | undefined,
  ): Promise<SendResult> {
    const data = row.payload as CaseChatData & Record<string, unknown>;
    if (row.channel === 'sms') {
      const sms = settings.sms;
      if (!sms) throw held('no SMS provider configured', 'not_configured');
      const mapping = sms.templates[row.template as keyof typeof sms.templates];
      if (!mapping)
        throw held(`no SMS template mapped for ${row.template}`, 'template_unmapped', {
          template: row.template,
        });
      const values = smsVariables(data, this.#o.publicUrl);
      const message = {
        deliveryId: row.id,
        phone: row.recipient,
        templateCode: mapping.code,
        params: mapping.params.map((name): [string, string] => [name, values[name] ?? '']),
      };
      return sendSms(sms, message, settings.allowedHosts, now);
    }
    if (row.channel === 'email') throw new Error('e-mail is sent by the delivery sender itself');
    const target = settings.targets.find((t) => t.key === row.recipient && t.channel === row.channel);
    if (!target)
      throw held(`no ${row.channel} target "${row.recipient}" configured`, 'target_missing', {
        target: row.recipient,
      });
    const message = renderChat({
      deliveryId: row.id,
      template: row.template,
      locale: row.locale,
      data,
      publicUrl: this.#o.publicUrl,
      text,
    });
    return sendChat(target, message, settings.allowedHosts, now);
  }

  /**
   * Folds rows into the robot's open digest (or a new one) due when the window frees; the
   * rows become `folded` and point at it. One transaction, no network.
   */
  async #fold(
    rows: DeliveryRow[],
    settings: ChannelSettings,
    dueAt: Date,
    wording: ChatWording,
  ): Promise<void> {
    const { channel, recipient } = rows[0]!;
    const target = settings.targets.find((t) => t.key === recipient && t.channel === channel);
    const locale = target?.locale ?? rows[0]!.locale;
    const items: DigestItem[] = rows.map((row) => {
      let title = row.template;
      let link: string | null = null;
      try {
        ({ title, link } = renderChat({
          deliveryId: row.id,
          template: row.template,
          locale,
          data: row.payload,
          publicUrl: this.#o.publicUrl,
          text: wording(row.template, locale),
        }));
      } catch {
        // A template without chat wording is listed by its name.
      }
      return { deliveryId: row.id, title, link };
    });
    await this.#o.db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('delivery')
        .select(['id', 'payload'])
        .where('channel', '=', channel)
        .where('recipient', '=', recipient)
        .where('template', '=', DIGEST_TEMPLATE)
        .where('status', '=', 'pending')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      let digestId: number;
      if (open) {
        const before = ((open.payload as { items?: DigestItem[] }).items ?? []) as DigestItem[];
        await trx
          .updateTable('delivery')
          .set({ payload: JSON.stringify({ items: [...before, ...items] }), next_attempt_at: dueAt })
          .where('id', '=', open.id)
          .execute();
        digestId = open.id;
      } else {
        const created = await trx
          .insertInto('delivery')
          .values({
            event_id: null,
            case_id: null,
            organisation_id: null,
            channel,
            recipient,
            recipient_user_id: null,
            template: DIGEST_TEMPLATE,
            locale,
            payload: JSON.stringify({ items }),
            next_attempt_at: dueAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        digestId = created.id;
      }
      for (const row of rows)
        await trx
          .updateTable('delivery')
          .set({
            status: 'folded',
            folded_into_id: digestId,
            attempts: row.attempts - 1,
            last_error: null,
            last_error_problem: null,
            last_error_params: null,
          })
          .where('id', '=', row.id)
          .execute();
    });
  }
}
