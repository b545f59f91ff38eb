/**
 * "Send a test" (administrators): one message now, outside the outbox and without a record, through
 * e-mail, the SMS provider or a configured robot or webhook. The answer names what failed (connect,
 * TLS, sign-in, the provider's refusal with its errcode …) instead of failing the request; a bad
 * field (no address to send to, an unknown robot) is a 400 naming it. The SSRF guard applies as
 * for every send.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { createSmtpMailer, type Mailer } from '../../../../platform/mail/mailer.ts';
import { SMS_TEMPLATES, type ChannelSettings } from '../../channels.api.ts';
import type { ChannelFailure } from '../../channel-problems.api.ts';
import type { ChannelTestInput, ChannelTestResult } from '../../channel-test.api.ts';
import { ChannelError } from '../channels/channel-http.ts';
import { readChannelSettings } from '../channels/channel-settings.ts';
import { sendChat, sendSms } from '../channels/channel-dispatcher.ts';
import { smsVariables } from '../channels/chat-templates.ts';
import { transportProblem } from '../channels/network-problem.ts';
import { toE164Mobile } from '../channels/phone-number.ts';
import { checkTargetHost, TargetRefused } from '../channels/ssrf-guard.ts';
import { notificationsPolicy } from '../notifications.policy.ts';
import { readOpenedSmtpSettings } from '../smtp/save-smtp-settings.ts';
import { mailerForSettings, SmtpMailerSource } from '../smtp/smtp-mailer-source.ts';
import { describeSmtpFailure } from '../smtp/smtp-problem.ts';
import { mergeSmtpSettings } from '../smtp/smtp-settings.ts';
import { testChat, testMail, testSmsData } from './test-message-text.ts';

export interface ChannelTestOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  config: Pick<AppConfig, 'smtp' | 'publicUrl'>;
  input: ChannelTestInput;
  now: Date;
}

const failed = (to: string | null, error: ChannelFailure): ChannelTestResult => ({ ok: false, to, error });
/** A failure found before sending (nothing configured, the guard's refusal): no values to name. */
const problem = (code: ChannelFailure['problem'], message: string): ChannelFailure => ({
  problem: code,
  params: {},
  message,
});

export async function sendChannelTest(o: ChannelTestOptions): Promise<ChannelTestResult> {
  notificationsPolicy.requireAdmin(o.ctx.actor);
  const me = await caller(o);
  const input = o.input;
  if (input.channel === 'email') return testEmail(o, input, me);
  const settings = await readChannelSettings(o.db);
  if (input.channel === 'sms') return testSms(o, settings, input.phone, me);
  const target = settings.targets.find((t) => t.key === input.key && t.channel === input.channel);
  if (!target)
    throw invalidField(
      'body.key',
      `no ${input.channel} robot or webhook "${input.key}" is saved`,
      `没有已保存的 ${input.channel} 机器人或 Webhook“${input.key}”`,
    );
  try {
    await sendChat(
      target,
      testChat(target.locale, me.label, o.config.publicUrl),
      settings.allowedHosts,
      o.now,
    );
    return { ok: true, to: target.name, error: null };
  } catch (error) {
    return failed(target.name, channelFailure(error));
  }
}

/** A test SMS through the first mapped provider template, filled with sample values. */
async function testSms(
  o: ChannelTestOptions,
  settings: ChannelSettings,
  given: string | undefined,
  me: Caller,
): Promise<ChannelTestResult> {
  const phone = toE164Mobile(given ?? me.phone);
  if (!phone)
    throw given
      ? invalidField('body.phone', 'a mobile number', '应为手机号码')
      : invalidField('body.phone', 'your account has no mobile number', '您的账号没有手机号码');
  const sms = settings.sms;
  if (!sms) return failed(phone, problem('not_configured', 'no SMS provider configured'));
  const template = SMS_TEMPLATES.find((t) => sms.templates[t]);
  if (!template) return failed(phone, problem('template_unmapped', 'no SMS template is mapped'));
  const mapping = sms.templates[template]!;
  const values = smsVariables(testSmsData(me.locale), o.config.publicUrl);
  const params = mapping.params.map((name): [string, string] => [name, values[name] ?? '']);
  try {
    await sendSms(
      sms,
      { deliveryId: 0, phone, templateCode: mapping.code, params },
      settings.allowedHosts,
      o.now,
    );
    return { ok: true, to: phone, error: null };
  } catch (error) {
    return failed(phone, channelFailure(error));
  }
}

function channelFailure(error: unknown): ChannelFailure {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  return error instanceof ChannelError
    ? { problem: error.problem, params: error.params, message }
    : { problem: transportProblem(error), params: {}, message };
}

async function testEmail(
  o: ChannelTestOptions,
  input: Extract<ChannelTestInput, { channel: 'email' }>,
  me: Caller,
): Promise<ChannelTestResult> {
  const to = input.to ?? me.email;
  if (!to)
    throw invalidField(
      'body.to',
      'your account has no e-mail address: give one',
      '您的账号没有邮箱地址，请填写一个',
    );
  let mailer: Mailer;
  let envMailer: Mailer | null = null;
  if (input.smtp) {
    // Settings being tried before they are saved (a password left out: the saved one).
    const trying = mergeSmtpSettings(await readOpenedSmtpSettings(o.db), input.smtp);
    try {
      await checkTargetHost(trying.host, (await readChannelSettings(o.db)).allowedHosts);
    } catch (error) {
      if (error instanceof TargetRefused) return failed(to, problem('refused', error.message));
      throw error;
    }
    mailer = mailerForSettings(o.db, trying);
  } else {
    envMailer = o.config.smtp ? createSmtpMailer(o.config.smtp) : null;
    const source = new SmtpMailerSource({ db: o.db, envMailer });
    const choice = await source.current();
    if (!choice.mailer) {
      envMailer?.close();
      return failed(to, problem(choice.problem, choice.reason));
    }
    mailer = choice.mailer;
  }
  const host = new URL(o.config.publicUrl).hostname || 'tacdesk';
  try {
    await mailer.send({
      to,
      ...testMail(me.locale, me.label),
      messageId: `<tacdesk-test-${crypto.randomUUID()}@${host}>`,
    });
    return { ok: true, to, error: null };
  } catch (error) {
    return failed(to, describeSmtpFailure(error));
  } finally {
    mailer.close();
    envMailer?.close();
  }
}

interface Caller {
  label: string;
  email: string | null;
  phone: string | null;
  locale: 'zh-CN' | 'en';
}

/** The administrator's own address, mobile and language (an API token has none of its own). */
async function caller(o: ChannelTestOptions): Promise<Caller> {
  const actor = o.ctx.actor;
  const userId = actor.kind === 'system' ? null : actor.userId;
  const user = userId
    ? await o.db
        .selectFrom('app_user')
        .select(['display_name', 'email', 'phone', 'locale'])
        .where('id', '=', userId)
        .executeTakeFirst()
    : undefined;
  return {
    label: user?.display_name ?? actor.label,
    email: user?.email ?? null,
    phone: user?.phone ?? null,
    locale: user?.locale ?? 'zh-CN',
  };
}
