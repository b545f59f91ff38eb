/**
 * The channels' configuration in app_setting (`notifications.channels`): reading it for the
 * sender and the rules, the masked view administrators get, and merging a PUT with what is
 * stored (a secret or robot URL left out is kept). Credentials are stored sealed with the
 * installation's secret key (SMS secrets, robot and webhook secrets, and robot URLs, which carry
 * the WeCom key or DingTalk access token); a value stored before sealing existed is read as it
 * is and sealed at the next save.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { readSetting, writeSetting } from '../../../../platform/settings/settings.ts';
import {
  channelSettings,
  type ChannelSettings,
  type ChannelSettingsInput,
  type ChannelSettingsView,
  type TargetSettings,
} from '../../channels.api.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { openSecret, sealSecret, SecretUnreadable } from '../../../../platform/crypto/secret-box.ts';

export const CHANNEL_SETTINGS_KEY = 'notifications.channels';
const EMPTY: ChannelSettings = { sms: null, targets: [], allowedHosts: [] };
const MASK = '********' as const;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The stored configuration; an unreadable value counts as none (the sender then holds messages),
 * and so does one sealed with another secret key (a restored backup without its key).
 */
export async function readChannelSettings(db: Db): Promise<ChannelSettings> {
  return channelSettingsFrom(await readSetting<unknown>(db, CHANNEL_SETTINGS_KEY, EMPTY));
}

/** The stored value's SQL, for a caller that reads it with its own statement (raw, or null). */
export const channelSettingsValue = sql<unknown>`(select value from app_setting where key = ${CHANNEL_SETTINGS_KEY})`;

/** The last value opened: every case event reads the settings, which rarely change. */
let lastOpened: { text: string; settings: ChannelSettings } | null = null;

/** The configuration from its stored value (null: none stored), credentials opened. */
export function channelSettingsFrom(raw: unknown): ChannelSettings {
  if (raw === null || raw === undefined) return EMPTY;
  const text = JSON.stringify(raw);
  if (lastOpened?.text === text) return lastOpened.settings;
  let opened: unknown;
  try {
    opened = mapCredentials(raw, openSecret);
  } catch (error) {
    if (error instanceof SecretUnreadable) return EMPTY;
    throw error;
  }
  const parsed = channelSettings.safeParse(opened);
  const settings = parsed.success ? parsed.data : EMPTY;
  lastOpened = { text, settings };
  return settings;
}

export async function writeChannelSettings(db: Db, value: ChannelSettings): Promise<void> {
  await writeSetting(db, CHANNEL_SETTINGS_KEY, mapCredentials(value, sealSecret));
}

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value` with `f` applied to every credential it holds; anything not shaped as expected is left alone. */
function mapCredentials(value: unknown, f: (text: string) => string): unknown {
  if (!isObject(value)) return value;
  const apply = (o: Fields, keys: string[]) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, keys.includes(k) && typeof v === 'string' ? f(v) : v]),
    );
  return {
    ...value,
    sms: isObject(value.sms) ? apply(value.sms, ['accessKeySecret', 'secretKey']) : value.sms,
    targets: Array.isArray(value.targets)
      ? value.targets.map((t: unknown) => (isObject(t) ? apply(t, ['url', 'secret']) : t))
      : value.targets,
  };
}

/** A robot URL with its credential hidden: WeCom `key`, DingTalk `access_token`, Feishu's hook token. */
export function maskUrl(raw: string, channel: TargetSettings['channel']): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return MASK;
  }
  for (const name of [...url.searchParams.keys()]) url.searchParams.set(name, MASK);
  if (channel === 'feishu' || channel === 'webhook') {
    const parts = url.pathname.split('/');
    const last = parts.length - 1;
    if (parts[last] && parts[last].length >= 16) parts[last] = MASK;
    url.pathname = parts.join('/');
  }
  return decodeURI(url.toString());
}

/** What a GET shows: no secret, no credential inside a URL. */
export function maskChannelSettings(s: ChannelSettings): ChannelSettingsView {
  const sms =
    s.sms === null
      ? null
      : s.sms.provider === 'aliyun'
        ? { ...s.sms, accessKeySecret: MASK }
        : { ...s.sms, secretKey: MASK };
  return {
    sms,
    targets: s.targets.map((t) => ({
      ...t,
      url: maskUrl(t.url, t.channel),
      secret: t.secret === null ? null : MASK,
    })),
    allowedHosts: s.allowedHosts,
  };
}

/** The new configuration: the input, with left-out secrets and URLs taken from what is stored. */
export function mergeChannelSettings(stored: ChannelSettings, input: ChannelSettingsInput): ChannelSettings {
  let sms: ChannelSettings['sms'] = null;
  if (input.sms?.provider === 'aliyun') {
    const kept = stored.sms?.provider === 'aliyun' ? stored.sms.accessKeySecret : undefined;
    const secret = input.sms.accessKeySecret ?? kept;
    if (!secret)
      throw invalidField(
        'body.sms.accessKeySecret',
        'required when no secret is stored',
        '尚未保存密钥，必填',
      );
    sms = { ...input.sms, accessKeySecret: secret };
  } else if (input.sms?.provider === 'tencent') {
    const kept = stored.sms?.provider === 'tencent' ? stored.sms.secretKey : undefined;
    const secret = input.sms.secretKey ?? kept;
    if (!secret)
      throw invalidField('body.sms.secretKey', 'required when no secret is stored', '尚未保存密钥，必填');
    sms = { ...input.sms, secretKey: secret };
  }
  const seen = new Set<string>();
  const targets = input.targets.map((t, i): TargetSettings => {
    if (seen.has(t.key))
      throw invalidField(`body.targets.${i}.key`, `${t.key} is used twice`, `${t.key} 重复使用了`);
    seen.add(t.key);
    const before = stored.targets.find((s) => s.key === t.key && s.channel === t.channel);
    const url = t.url ?? before?.url;
    if (!url)
      throw invalidField(
        `body.targets.${i}.url`,
        'required for a new robot or webhook',
        '新的机器人或 Webhook 必须填写地址',
      );
    const secret = t.secret === undefined ? (before?.secret ?? null) : t.secret;
    if (t.channel === 'webhook' && !secret)
      throw invalidField(
        `body.targets.${i}.secret`,
        'a webhook needs a secret to sign its messages',
        'Webhook 须有签名密钥，用于对消息签名',
      );
    return {
      ...t,
      url,
      secret,
      events: [...new Set(t.events)],
      priorities: [...new Set(t.priorities)].sort((a, b) => a - b),
    };
  });
  return { sms, targets, allowedHosts: [...new Set(input.allowedHosts)] };
}

/** The URLs a configuration sends to, with the request field that names each. */
export function configuredUrls(s: ChannelSettings): Array<{ field: string; url: string }> {
  const urls = s.targets.map((t, i) => ({ field: `body.targets.${i}.url`, url: t.url }));
  if (s.sms?.endpoint) urls.push({ field: 'body.sms.endpoint', url: s.sms.endpoint });
  return urls;
}
