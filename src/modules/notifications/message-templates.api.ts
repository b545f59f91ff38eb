/**
 * HTTP contract of the message templates administrators edit: the subject (a robot message's
 * title) and body of each mail and group-robot template, per language, over the built-in
 * defaults; the placeholders each offers; reset to the default; a preview that saves nothing.
 */
import { z } from 'zod';
import { EVENT_GROUPS } from './notification-preferences.api.ts';

/** E-mail, or the group robots' and webhooks' text (`chat`). SMS wording is the provider's approved template. */
export const TEMPLATE_KINDS = ['email', 'chat'] as const;
export type TemplateKindName = (typeof TEMPLATE_KINDS)[number];
const localeField = z.enum(['zh-CN', 'en']);

/** Which template in which language. */
export const messageTemplateRef = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  /** The event's template name, e.g. `case.opened`. */
  key: z.string().trim().min(1).max(100),
  locale: localeField,
});

const text = { subject: z.string().min(1).max(300), body: z.string().min(1).max(10_000) };

export const messageTemplateSchema = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  key: z.string(),
  group: z.enum(EVENT_GROUPS),
  /** Names usable as `{{name}}` in this template's subject and body. */
  placeholders: z.array(z.string()),
  locales: z.array(
    z.object({
      locale: localeField,
      subject: z.string(),
      body: z.string(),
      /** An administrator's text is in use (reset deletes it). */
      overridden: z.boolean(),
      updatedAt: z.string().nullable(),
      default: z.object({ subject: z.string(), body: z.string() }),
    }),
  ),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

export const messageTemplateList = z.object({ items: z.array(messageTemplateSchema) });

/** PUT body: the new text of one template in one language. */
export const messageTemplateInput = messageTemplateRef.extend(text);
export type MessageTemplateInput = z.infer<typeof messageTemplateInput>;

/** Preview body: the text being edited, rendered with sample data or a real case's. */
export const messageTemplatePreviewInput = messageTemplateInput.extend({
  caseNumber: z.string().trim().max(40).optional(),
});
export type MessageTemplatePreviewInput = z.infer<typeof messageTemplatePreviewInput>;

export const messageTemplatePreview = z.object({
  subject: z.string(),
  text: z.string(),
  /** The mail's HTML part; null for a robot message. */
  html: z.string().nullable(),
});
export type MessageTemplatePreview = z.infer<typeof messageTemplatePreview>;
