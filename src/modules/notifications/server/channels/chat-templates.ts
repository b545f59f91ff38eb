/**
 * What group robots, webhooks and SMS say, in zh-CN and English. A robot speaks to a team
 * channel, not to one person, so its words differ from the mails; they are `{{placeholder}}`
 * templates like the mails' (overridable by administrators). Pure: data in, text out.
 */
import { fillText, oneLine } from '../../message-template-text.ts';
import { hoursText, messageValues, type MessageData, type TemplateText } from '../../mail-templates.ts';
import type { ChatMessage } from './channel-message.ts';

type Locale = 'zh-CN' | 'en';

/** The delivery payload of a case message (see delivery-rules.ts). */
export interface CaseChatData {
  number?: string;
  title?: string;
  priority?: number;
  organisation?: string;
  elapsedMinutes?: number;
  linkPath?: string;
}

/** One message folded into a digest. */
export interface DigestItem {
  deliveryId: number;
  title: string;
  link: string | null;
}

const CASE = ['number', 'title', 'priority', 'organisation'] as const;
const lines = (...l: string[]) => l.join('\n');

/**
 * Robot wording per TACdesk template: `subject` is the message's title, each line of `body` a
 * paragraph. Administrators may override them (message_template, kind `chat`); the link to the
 * case is added by the adapters, not written in the text.
 */
export const CHAT_TEMPLATES: Readonly<
  Record<string, { placeholders: readonly string[]; defaults: Readonly<Record<Locale, TemplateText>> }>
> = {
  'case.opened': {
    placeholders: CASE,
    defaults: {
      'zh-CN': {
        subject: '【{{priority}} 新案例】{{number}} {{title}}',
        body: lines('客户：{{organisation}}', '优先级：{{priority}}', '标题：{{title}}'),
      },
      en: {
        subject: 'New {{priority}} case {{number}}: {{title}}',
        body: lines('Customer: {{organisation}}', 'Priority: {{priority}}', 'Title: {{title}}'),
      },
    },
  },
  'case.assigned': {
    placeholders: CASE,
    defaults: {
      'zh-CN': { subject: '【{{priority}} 已分派】{{number}} {{title}}', body: '客户：{{organisation}}' },
      en: { subject: '{{priority}} case assigned {{number}}: {{title}}', body: 'Customer: {{organisation}}' },
    },
  },
  'case.escalated': {
    placeholders: [...CASE, 'elapsedHours'],
    defaults: {
      'zh-CN': {
        subject: '【升级】{{priority}} 案例 {{number}} 已 {{elapsedHours}} 小时未确诊',
        body: lines('客户：{{organisation}}', '标题：{{title}}', '请相关负责人关注并确认。'),
      },
      en: {
        subject: 'Escalation: {{priority}} case {{number}}, {{elapsedHours}} h without diagnosis',
        body: lines(
          'Customer: {{organisation}}',
          'Title: {{title}}',
          'The people in charge, please look and acknowledge.',
        ),
      },
    },
  },
};

const LINK_LABEL: Record<Locale, string> = { 'zh-CN': '查看案例', en: 'Open the case' };
/** At most this many entries are listed in a digest; the rest are counted. */
const DIGEST_LIST = 30;

/** Whether a template has chat wording (robots and webhooks). */
export const hasChatTemplate = (template: string) =>
  template === 'digest' || Object.hasOwn(CHAT_TEMPLATES, template);

/** The chat message of a delivery; `link` absolute; `text`: an administrator's wording, if any. */
export function renderChat(o: {
  deliveryId: number;
  template: string;
  locale: Locale;
  data: Record<string, unknown>;
  publicUrl: string;
  text?: TemplateText | undefined;
}): ChatMessage {
  if (o.template === 'digest') return renderDigest(o);
  const t = o.text ?? CHAT_TEMPLATES[o.template]?.defaults[o.locale];
  if (!t) throw new Error(`no chat template ${o.template} (${o.locale})`);
  const d = o.data as CaseChatData;
  const values = messageValues(d as MessageData);
  return {
    deliveryId: o.deliveryId,
    template: o.template,
    locale: o.locale,
    // People's text on one line: a case title cannot add lines to a group message.
    title: oneLine(fillText(t.subject, values, oneLine)),
    lines: fillText(t.body, values, oneLine)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    link: d.linkPath ? new URL(d.linkPath, o.publicUrl).toString() : null,
    linkLabel: LINK_LABEL[o.locale],
    data: o.data,
  };
}

/** "另有 N 条通知" / "N more notifications" with the list of what was folded. */
function renderDigest(o: {
  deliveryId: number;
  locale: Locale;
  data: Record<string, unknown>;
  publicUrl: string;
}): ChatMessage {
  const items = (o.data.items ?? []) as DigestItem[];
  const n = items.length;
  const shown = items.slice(0, DIGEST_LIST).map((i) => `- ${i.title}`);
  const rest = n - shown.length;
  const zh = o.locale === 'zh-CN';
  const lines = [
    zh
      ? `为避免超出群机器人发送频率限制，以下 ${n} 条通知合并发送：`
      : `To stay within the group robot's rate limit, these ${n} notifications come as one message:`,
    ...shown,
    ...(rest > 0 ? [zh ? `…… 以及其他 ${rest} 条` : `… and ${rest} more`] : []),
  ];
  return {
    deliveryId: o.deliveryId,
    template: 'digest',
    locale: o.locale,
    title: zh ? `另有 ${n} 条通知` : `${n} more notifications`,
    lines,
    link: new URL('/cases', o.publicUrl).toString(),
    linkLabel: zh ? '打开案例队列' : 'Open the case queue',
    data: o.data,
  };
}

/**
 * The values an SMS template's variables take, each at most 35 characters (the providers'
 * limit for a text variable of a notification template; longer values are refused).
 */
export function smsVariables(data: CaseChatData, publicUrl: string): Record<string, string> {
  const cut = (s: unknown, n: number) => {
    const chars = [...oneLine(String(s ?? ''))];
    return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
  };
  return {
    number: cut(data.number, 35),
    priority: `P${data.priority ?? ''}`,
    title: cut(data.title, 35),
    organisation: cut(data.organisation, 35),
    elapsedHours: hoursText(data.elapsedMinutes),
    link: data.linkPath ? new URL(data.linkPath, publicUrl).toString() : '',
  };
}
