/**
 * HTTP contract of the outbound channels administrators configure: the SMS provider (Aliyun or
 * Tencent Cloud) with its template mapping, the group robots (WeCom, DingTalk, Feishu) and
 * outgoing webhooks, and the hosts allowed although they resolve to private addresses.
 * Secrets are write-only: a GET shows whether one is set, never its value; a PUT that leaves a
 * secret out keeps the stored one.
 */
import { z } from 'zod';
import { codeField } from '../../platform/http/contract-fields.ts';
import { withZh } from '../../platform/http/schema-issue-zh.ts';

/** TACdesk templates an SMS can carry (P1/P2 only; each needs a provider template approved in advance). */
export const SMS_TEMPLATES = ['case.assigned', 'case.escalated'] as const;
/** Values a provider template's variables can take, in the order the mapping lists them. */
export const SMS_VARIABLES = ['number', 'priority', 'title', 'organisation', 'elapsedHours', 'link'] as const;
/** Events a robot or webhook can follow. */
export const TARGET_EVENTS = ['case.opened', 'case.escalated'] as const;
export const TARGET_CHANNELS = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type TargetChannel = (typeof TARGET_CHANNELS)[number];

const secretField = z.string().trim().min(1).max(200);
const nameField = z.string().trim().min(1).max(100);
const urlField = z.string().trim().min(1).max(2000);
const localeField = z.enum(['zh-CN', 'en']);

const smsTemplate = z.object({
  /** The provider's template: Aliyun `SMS_123456789`, Tencent a numeric id. */
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_]+$/, withZh('letters, digits and _ only', '只能包含字母、数字和 _')),
  params: z.array(z.enum(SMS_VARIABLES)).max(10),
});
const smsTemplates = z.partialRecord(z.enum(SMS_TEMPLATES), smsTemplate);

const aliyunFields = {
  provider: z.literal('aliyun'),
  accessKeyId: z.string().trim().min(1).max(100),
  /** 短信签名, e.g. 某某科技. */
  signName: nameField,
  /** The API endpoint; the default `https://dysmsapi.aliyuncs.com/` (override for tests or a VPC endpoint). */
  endpoint: urlField.nullable().default(null),
  templates: smsTemplates,
};
const tencentFields = {
  provider: z.literal('tencent'),
  secretId: z.string().trim().min(1).max(100),
  sdkAppId: z
    .string()
    .trim()
    .regex(/^\d{6,20}$/, withZh('the SMS application id (digits)', '应为短信应用 SdkAppId（数字）')),
  signName: nameField,
  region: z
    .string()
    .trim()
    .regex(/^[a-z]+-[a-z]+$/, withZh('a region such as ap-guangzhou', '应为地域，如 ap-guangzhou'))
    .default('ap-guangzhou'),
  /** The API endpoint; the default `https://sms.tencentcloudapi.com/`. */
  endpoint: urlField.nullable().default(null),
  templates: smsTemplates,
};

/** What the server keeps (and the sender reads). */
export const smsSettings = z.discriminatedUnion('provider', [
  z.object({ ...aliyunFields, accessKeySecret: secretField }),
  z.object({ ...tencentFields, secretKey: secretField }),
]);
export type SmsSettings = z.infer<typeof smsSettings>;

const targetFields = {
  /** The robot's name in the outbox (`recipient`): letters, digits, _ and -. */
  key: codeField,
  channel: z.enum(TARGET_CHANNELS),
  name: nameField,
  locale: localeField.default('zh-CN'),
  events: z.array(z.enum(TARGET_EVENTS)).max(TARGET_EVENTS.length).default(['case.opened', 'case.escalated']),
  /** Case priorities the robot hears of (P1/P2 by default). */
  priorities: z.array(z.number().int().min(1).max(4)).min(1).max(4).default([1, 2]),
};
export const targetSettings = z.object({
  ...targetFields,
  url: urlField,
  /** DingTalk 加签 / Feishu 签名校验 secret, the webhook's HMAC key; WeCom robots have none. */
  secret: secretField.nullable(),
});
export type TargetSettings = z.infer<typeof targetSettings>;

export const channelSettings = z.object({
  sms: smsSettings.nullable(),
  targets: z.array(targetSettings),
  allowedHosts: z.array(z.string()),
});
export type ChannelSettings = z.infer<typeof channelSettings>;

/** A host name or IP address (also the SMTP server's, smtp-settings.api.ts). */
export const hostField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(
    /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+|[0-9a-f:]+)$/,
    withZh('a host name or an IP address', '应为主机名或 IP 地址'),
  );

/** PUT body: the whole configuration; a secret (or a robot URL) left out keeps its stored value. */
export const channelSettingsInput = z.object({
  sms: z
    .discriminatedUnion('provider', [
      z.object({ ...aliyunFields, accessKeySecret: secretField.optional() }),
      z.object({ ...tencentFields, secretKey: secretField.optional() }),
    ])
    .nullable(),
  targets: z.array(
    z.object({
      ...targetFields,
      url: urlField.optional(),
      /** Left out: keep; null: remove. */
      secret: secretField.nullable().optional(),
    }),
  ),
  /** Hosts a target may use although they resolve to private or loopback addresses. */
  allowedHosts: z.array(hostField).max(50).default([]),
});
export type ChannelSettingsInput = z.infer<typeof channelSettingsInput>;

const MASK = z.literal('********');
/** GET answer: secrets replaced by a mask, credentials inside robot URLs masked too. */
export const channelSettingsView = z.object({
  sms: z
    .discriminatedUnion('provider', [
      z.object({ ...aliyunFields, endpoint: z.string().nullable(), accessKeySecret: MASK }),
      z.object({ ...tencentFields, endpoint: z.string().nullable(), region: z.string(), secretKey: MASK }),
    ])
    .nullable(),
  targets: z.array(
    z.object({
      ...targetFields,
      locale: localeField,
      events: z.array(z.enum(TARGET_EVENTS)),
      priorities: z.array(z.number()),
      url: z.string(),
      secret: MASK.nullable(),
    }),
  ),
  allowedHosts: z.array(z.string()),
});
export type ChannelSettingsView = z.infer<typeof channelSettingsView>;
