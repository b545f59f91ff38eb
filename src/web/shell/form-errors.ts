/**
 * How a form shows a failed write: the server's field errors (`body.lines.0.quantity`) go next to
 * the form's fields; the caller shows an alert for whatever no field took.
 */
import type { FormInstance } from 'antd';
import { isApiError, type FieldError } from '../api/api-error.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';

/** A form field's name: `'serial'` or a path into lists, `['lines', 0, 'quantity']`. */
export type FormFieldPath = string | (string | number)[];

export interface FieldErrorOptions {
  /** API field → form field, where they are named apart (`partNumber` → `partId`). */
  aliases?: Record<string, string>;
  /** On a conflict (409) naming one of these fields, that message (`{message}`: the server's). */
  conflicts?: Partial<Record<string, MessageKey>>;
  /** The message to show, when not the usual "此项有误：…" (e.g. a shortage in words). */
  message?: (error: FieldError) => string | null | undefined;
}

/**
 * Puts the error's field messages on the form's fields and answers whether any landed (then the
 * caller shows no alert). `fields` are the form's top-level fields that take a message: a server
 * field `lines.0.quantity` lands at `['lines', 0, 'quantity']` when `lines` is one of them. Or
 * `fields` maps a server field (without `body.`) to the form's, `undefined` to leave it out.
 * Several messages for one field are shown together.
 */
export function showFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  t: Translate,
  fields: readonly string[] | ((apiField: string) => FormFieldPath | undefined),
  { aliases = {}, conflicts = {}, message }: FieldErrorOptions = {},
): boolean {
  if (!isApiError(error)) return false;
  const conflict = error.code === 'conflict';
  const placed = new Map<string, { name: FormFieldPath; errors: string[] }>();
  for (const e of error.fieldErrors) {
    const apiField = e.field.replace(/^body\./, '');
    const name = typeof fields === 'function' ? fields(apiField) : fieldPath(aliases[apiField] ?? apiField);
    if (name === undefined) continue;
    const top = String(Array.isArray(name) ? name[0] : name);
    if (typeof fields !== 'function' && !fields.includes(top)) continue;
    const key = conflict ? conflicts[apiField] : undefined;
    const text = key
      ? t(key, { message: e.message })
      : (message?.(e) ?? t('error.fieldInvalid', { message: e.message }));
    const id = JSON.stringify(name);
    const entry = placed.get(id) ?? { name, errors: [] };
    entry.errors.push(text);
    placed.set(id, entry);
  }
  if (placed.size === 0) return false;
  form.setFields([...placed.values()].map((e) => ({ name: e.name as never, errors: e.errors })));
  return true;
}

/** `lines.0.quantity` → `['lines', 0, 'quantity']`; a plain name stays as it is. */
function fieldPath(field: string): FormFieldPath {
  if (!field.includes('.')) return field;
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
