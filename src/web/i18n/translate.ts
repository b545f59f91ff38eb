/**
 * The i18n core, free of React so that node:test can load it: the message tables by locale,
 * `{name}` interpolation, and the locales the UI offers.
 */
import type { Locale } from '../../modules/identity/identity.api.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { Locale, MessageKey };
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** Same order as LOCALES in identity.api.ts; kept here so the bundle does not pull in zod for a list. */
export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const PLACEHOLDER = /\{(\w+)\}/g;

/** Looks up `key` in `locale` (falling back to zh-CN) and fills `{name}` placeholders from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const template = MESSAGES[locale][key] || zhCN[key] || key;
  if (!vars) return template;
  // A placeholder without a value stays visible, which is easier to spot than an empty gap.
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** Narrows any string (localStorage, server data) to a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
