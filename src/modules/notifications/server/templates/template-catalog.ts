/**
 * Every template an administrator may edit: the mails (mail-templates.ts) and the group robots'
 * wording (channels/chat-templates.ts), with their event group, placeholders and defaults, and the
 * checks a new text must pass — known placeholders only, balanced braces, a one-line subject that
 * keeps the case number (replies are matched to the case by it).
 */
import { AppError, invalidField, type FieldError } from '../../../../platform/http/app-error.ts';
import { MAIL_TEMPLATES, type Locale, type TemplateText } from '../../mail-templates.ts';
import { placeholdersIn, templateProblem } from '../../message-template-text.ts';
import type { EventGroup } from '../../notification-preferences.api.ts';
import { CHAT_TEMPLATES } from '../channels/chat-templates.ts';
import type { TemplateKind } from './template-overrides.ts';

export interface CatalogEntry {
  kind: TemplateKind;
  key: string;
  group: EventGroup;
  placeholders: readonly string[];
  defaults: Readonly<Record<Locale, TemplateText>>;
}

export const TEMPLATE_CATALOG: readonly CatalogEntry[] = [
  ...Object.entries(MAIL_TEMPLATES).map(([key, d]) => ({ kind: 'email' as const, key, ...d })),
  ...Object.entries(CHAT_TEMPLATES).map(([key, d]) => ({
    kind: 'chat' as const,
    key,
    group: MAIL_TEMPLATES[key]!.group,
    ...d,
  })),
];

export const findTemplate = (kind: TemplateKind, key: string) =>
  TEMPLATE_CATALOG.find((e) => e.kind === kind && e.key === key);

/** Throws a 400 naming every field at fault (`body.subject`, `body.body`); nothing is saved. */
export function checkTemplateText(entry: CatalogEntry, text: TemplateText): void {
  const errors: FieldError[] = [];
  const subject = templateProblem(text.subject, entry.placeholders, { oneLine: true });
  if (subject) errors.push({ field: 'body.subject', ...subject });
  else if (entry.kind === 'email' && !placeholdersIn(text.subject).includes('number'))
    errors.push({
      field: 'body.subject',
      message: 'keep {{number}} in the subject: replies are matched to the case by it',
      zh: '主题中须保留 {{number}}：回复邮件靠它对应到案例',
    });
  const body = templateProblem(text.body, entry.placeholders);
  if (body) errors.push({ field: 'body.body', ...body });
  if (errors.length)
    throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      zh: errors
        .map((e) => `${e.field === 'body.subject' ? '主题' : '正文'}：${e.zh ?? e.message}`)
        .join('；'),
      fieldErrors: errors,
    });
}

/** The catalog entry of `kind`/`key`; a 400 naming `field` (where the request said it) when there is none. */
export function catalogEntry(kind: TemplateKind, key: string, field: string): CatalogEntry {
  const entry = findTemplate(kind, key);
  if (!entry) throw invalidField(field, `no ${kind} template ${key}`, `没有 ${kind} 模板 ${key}`);
  return entry;
}

/** `email:case.opened:zh-CN`: one template in one language, as the audit trail names it. */
export const templateSubjectId = (kind: TemplateKind, key: string, locale: string) =>
  `${kind}:${key}:${locale}`;
