/**
 * The text of an editable message template: plain text with `{{name}}` placeholders, nothing
 * else (no HTML, no logic), so whatever an administrator writes, data is only ever inserted as
 * text. Checking (unknown names, stray braces, a subject on one line), filling as text, and
 * filling as HTML with every value escaped. Pure: shared by the sender, the preview and the checks.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** A control character other than tab and line breaks (a template is text people read). */
const hasControlCharacter = (s: string) =>
  [...s].some((c) => {
    const n = c.codePointAt(0)!;
    return (n < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || n === 0x7f;
  });

/** One piece of a template: text as written, or a placeholder. */
export type TemplatePart = { text: string } | { name: string };

/** The template as text and placeholders. */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    parts.push({ name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The placeholder names a template uses, in order of first use. */
export const placeholdersIn = (template: string) => [
  ...new Set(templateParts(template).flatMap((p) => ('name' in p ? [p.name] : []))),
];

/** What is wrong with a template: `message` in English, `zh` the same in zh-CN. */
export interface TemplateProblem {
  message: string;
  zh: string;
}

/**
 * What is wrong with a template, in words, or null. `allowed`: the placeholders its event has;
 * `oneLine`: a mail subject or chat title (a line break there could start a new mail header).
 */
export function templateProblem(
  template: string,
  allowed: readonly string[],
  opts: { oneLine?: boolean } = {},
): TemplateProblem | null {
  if (opts.oneLine && /[\r\n\u2028\u2029\u0085]/.test(template))
    return { message: 'must be a single line', zh: '只能填一行' };
  if (hasControlCharacter(template)) return { message: 'contains a control character', zh: '含有控制字符' };
  const rest = templateParts(template)
    .map((p) => ('text' in p ? p.text : '\u0000'))
    .join('');
  if (template.includes('{{{') || template.includes('}}}') || /\{\{|\}\}/.test(rest))
    return {
      message: 'unbalanced braces: a placeholder is written {{name}}',
      zh: '花括号不成对：占位符应写成 {{name}}',
    };
  const unknown = placeholdersIn(template)
    .filter((n) => !allowed.includes(n))
    .map((n) => `{{${n}}}`);
  if (unknown.length) {
    const known = allowed.map((n) => `{{${n}}}`).join(' ');
    return {
      message: `unknown placeholder ${unknown.join(', ')}; allowed: ${known || 'none'}`,
      zh: `不认识的占位符 ${unknown.join('、')}；可用：${known || '无'}`,
    };
  }
  return null;
}

/** Any run of white space (line breaks included) as one space: text for a header or a title. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The template filled with the values as plain text; `transform` adapts each value (one line …). */
export function fillText(
  template: string,
  values: Readonly<Record<string, string>>,
  transform: (value: string) => string = (v) => v,
): string {
  return templateParts(template)
    .map((p) => ('text' in p ? p.text : transform(values[p.name] ?? '')))
    .join('');
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The body as HTML paragraphs, one per line of the template: the template's text and every value
 * escaped, a value's line breaks as <br>, `{{link}}` (an http(s) URL the sender made) as a link.
 * Lines that come out empty are left out.
 */
export function fillHtmlParagraphs(template: string, values: Readonly<Record<string, string>>): string[] {
  return template.split(/\r?\n/).flatMap((line) => {
    const html = templateParts(line)
      .map((p) => {
        if ('text' in p) return escapeHtml(p.text);
        const value = values[p.name] ?? '';
        if (p.name === 'link' && /^https?:\/\//.test(value))
          return `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`;
        return escapeHtml(value).replace(/\r?\n/g, '<br>');
      })
      .join('');
    return html.trim() ? [`<p>${html}</p>`] : [];
  });
}
