/**
 * What a channel adapter is given: a chat message already rendered in the target's language
 * (title, lines, link), or an SMS with the provider's template and its variables. Adapters only
 * format and sign; they never read settings or the database.
 */

/** A message for a group robot or an outgoing webhook. */
export interface ChatMessage {
  /** The outbox row: the webhook's idempotency key, the SMS provider's out id. */
  deliveryId: number;
  /** The TACdesk template (`case.opened`, `case.escalated`, `digest`). */
  template: string;
  locale: 'zh-CN' | 'en';
  title: string;
  lines: string[];
  /** Absolute link to the case (or the outbox for a digest). */
  link: string | null;
  linkLabel: string;
  /** The delivery's data, for the generic webhook's receivers. */
  data: Record<string, unknown>;
}

/** An SMS through a provider's pre-approved template. */
export interface SmsMessage {
  deliveryId: number;
  /** E.164: +8613800138000. */
  phone: string;
  templateCode: string;
  /** The template's variables in the configured order. */
  params: Array<[name: string, value: string]>;
}

/** What the provider answered: its message id when it gives one. */
export interface SendResult {
  providerMessageId: string | null;
}

/** Markdown robots (WeCom, DingTalk) render `[x](y)`, `**`, `#`, `<font>`: text from people must not. */
export function escapeMarkdown(s: string): string {
  return s.replace(
    /[[\]()<>*#`_~|]/g,
    (c) =>
      ({
        '[': '［',
        ']': '］',
        '(': '（',
        ')': '）',
        '<': '＜',
        '>': '＞',
        '*': '＊',
        '#': '＃',
        '`': '｀',
        _: '＿',
        '~': '～',
        '|': '｜',
      })[c]!,
  );
}

/** The chat message as markdown: bold title, one paragraph per line, the link last. */
export function chatMarkdown(m: ChatMessage, opts: { heading: boolean }): string {
  const title = escapeMarkdown(m.title);
  const lines = m.lines.map((l) => escapeMarkdown(l));
  const link = m.link
    ? [`[${escapeMarkdown(m.linkLabel)}](${m.link.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`]
    : [];
  return [opts.heading ? `### ${title}` : `**${title}**`, ...lines, ...link].join('\n\n');
}
