/**
 * The notification-channels form's values and their way to and from the API: what GET answers
 * (secrets masked) becomes the form's fields with empty secret inputs ("leave empty to keep"),
 * and the form becomes the PUT body that leaves out what was not retyped. Also where a server
 * field error (`body.targets.0.url`) lands on the form. No React, no I/O. (The lists come from the
 * contract itself, so this admin page's chunk carries zod.)
 */
import {
  SMS_TEMPLATES,
  type ChannelSettingsInput,
  type ChannelSettingsView,
  type SMS_VARIABLES,
  type TARGET_EVENTS,
  type TargetChannel,
} from '../channels.api.ts';
import type { FormFieldPath } from '../../../web/shell/form-errors.ts';

export type SmsTemplate = (typeof SMS_TEMPLATES)[number];
export type SmsVariable = (typeof SMS_VARIABLES)[number];
export type TargetEvent = (typeof TARGET_EVENTS)[number];
export type SmsProvider = 'none' | 'aliyun' | 'tencent';
export type Locale = 'zh-CN' | 'en';

export interface SmsFields {
  accessKeyId?: string;
  accessKeySecret?: string;
  secretId?: string;
  secretKey?: string;
  sdkAppId?: string;
  region?: string;
  signName?: string;
  endpoint?: string;
  templates: Record<SmsTemplate, { code?: string; params: SmsVariable[] }>;
}

export interface TargetFields {
  key: string;
  channel: TargetChannel;
  name: string;
  locale: Locale;
  events: TargetEvent[];
  priorities: number[];
  /** Typed: the new URL; empty: keep the stored one. */
  url?: string;
  /** Typed: the new secret; empty: keep the stored one (unless `removeSecret`). */
  secret?: string;
  removeSecret?: boolean;
  /** What is stored, to tell the administrator (the URL with its credentials masked). */
  storedUrl?: string;
  storedSecret?: boolean;
}

export interface ChannelFormValues {
  smsProvider: SmsProvider;
  sms: SmsFields;
  targets: TargetFields[];
  allowedHosts: string[];
}

/** The GET answer as the form's starting values; secrets are never in it, only whether one is set. */
export function formFromView(view: ChannelSettingsView): ChannelFormValues {
  const sms = view.sms;
  const templates = Object.fromEntries(
    SMS_TEMPLATES.map((name) => {
      const mapped = sms?.templates[name];
      return [name, { code: mapped?.code ?? '', params: mapped?.params ?? [] }];
    }),
  ) as SmsFields['templates'];
  const common = { signName: sms?.signName ?? '', endpoint: sms?.endpoint ?? '', templates };
  return {
    smsProvider: sms?.provider ?? 'none',
    sms:
      sms?.provider === 'aliyun'
        ? { ...common, accessKeyId: sms.accessKeyId }
        : sms?.provider === 'tencent'
          ? { ...common, secretId: sms.secretId, sdkAppId: sms.sdkAppId, region: sms.region }
          : { ...common, region: 'ap-guangzhou' },
    targets: view.targets.map((t) => ({
      key: t.key,
      channel: t.channel,
      name: t.name,
      locale: t.locale,
      events: t.events,
      priorities: t.priorities,
      url: '',
      secret: '',
      removeSecret: false,
      storedUrl: t.url,
      storedSecret: t.secret !== null,
    })),
    allowedHosts: view.allowedHosts,
  };
}

const typed = (value: string | undefined) => value?.trim() || undefined;

/** The PUT body: what was typed; left-out secrets and URLs keep their stored values. */
export function inputFromForm(f: ChannelFormValues): ChannelSettingsInput {
  const s = f.sms;
  const templates: Partial<Record<SmsTemplate, { code: string; params: SmsVariable[] }>> = {};
  for (const name of SMS_TEMPLATES) {
    const code = typed(s.templates[name]?.code);
    if (code) templates[name] = { code, params: s.templates[name]?.params ?? [] };
  }
  const common = { signName: s.signName?.trim() ?? '', endpoint: typed(s.endpoint) ?? null, templates };
  const sms: ChannelSettingsInput['sms'] =
    f.smsProvider === 'aliyun'
      ? {
          provider: 'aliyun',
          ...common,
          accessKeyId: s.accessKeyId?.trim() ?? '',
          accessKeySecret: typed(s.accessKeySecret),
        }
      : f.smsProvider === 'tencent'
        ? {
            provider: 'tencent',
            ...common,
            secretId: s.secretId?.trim() ?? '',
            secretKey: typed(s.secretKey),
            sdkAppId: s.sdkAppId?.trim() ?? '',
            region: typed(s.region) ?? 'ap-guangzhou',
          }
        : null;
  return {
    sms,
    targets: (f.targets ?? []).map((t) => ({
      key: t.key.trim(),
      channel: t.channel,
      name: t.name.trim(),
      locale: t.locale,
      events: t.events ?? [],
      priorities: t.priorities ?? [],
      url: typed(t.url),
      secret: t.removeSecret ? null : typed(t.secret),
    })),
    allowedHosts: f.allowedHosts ?? [],
  };
}

/**
 * Where a server field (without `body.`) lands: `sms.templates.case.assigned.code` at
 * ['sms', 'templates', 'case.assigned', 'code'] (template names hold dots), `targets.0.url` at
 * ['targets', 0, 'url'], `allowedHosts.3` at the host list, `sms.provider` at the provider.
 */
export function channelFormField(apiField: string): FormFieldPath | undefined {
  const parts = apiField.split('.');
  if (parts[0] === 'allowedHosts') return 'allowedHosts';
  if (parts[0] === 'targets' && parts.length >= 3) return ['targets', Number(parts[1]), parts[2]!];
  if (parts[0] !== 'sms') return undefined;
  if (parts[1] === 'provider' || parts.length === 1) return 'smsProvider';
  if (parts[1] !== 'templates') return ['sms', parts[1]!];
  const rest = parts.slice(2).join('.');
  const name = SMS_TEMPLATES.find((n) => rest === n || rest.startsWith(`${n}.`));
  if (!name) return undefined;
  const field = rest.slice(name.length + 1).split('.')[0];
  return ['sms', 'templates', name, field === 'params' ? 'params' : 'code'];
}
