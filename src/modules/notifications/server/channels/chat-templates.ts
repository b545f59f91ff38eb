/**
 * What group robots, webhooks and SMS say, in zh-CN and English. A robot speaks to a team
 * channel, not to one person, so its words differ from the mails. Pure: data in, text out.
 */
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

const hours = (m = 0) => (m % 60 === 0 ? `${m / 60}` : (m / 60).toFixed(1));
/** People's text on one line: a case title cannot add lines to a group message. */
const oneLine = (s: unknown) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();

const CHAT: Record<string, Record<Locale, (d: CaseChatData) => { title: string; lines: string[] }>> = {
  'case.opened': {
    'zh-CN': (d) => ({
      title: `【P${d.priority} 新案例】${d.number} ${oneLine(d.title)}`,
      lines: [`客户：${oneLine(d.organisation)}`, `优先级：P${d.priority}`, `标题：${oneLine(d.title)}`],
    }),
    en: (d) => ({
      title: `New P${d.priority} case ${d.number}: ${oneLine(d.title)}`,
      lines: [
        `Customer: ${oneLine(d.organisation)}`,
        `Priority: P${d.priority}`,
        `Title: ${oneLine(d.title)}`,
      ],
    }),
  },
  'case.assigned': {
    'zh-CN': (d) => ({
      title: `【P${d.priority} 已分派】${d.number} ${oneLine(d.title)}`,
      lines: [`客户：${oneLine(d.organisation)}`],
    }),
    en: (d) => ({
      title: `P${d.priority} case assigned ${d.number}: ${oneLine(d.title)}`,
      lines: [`Customer: ${oneLine(d.organisation)}`],
    }),
  },
  'case.escalated': {
    'zh-CN': (d) => ({
      title: `【升级】P${d.priority} 案例 ${d.number} 已 ${hours(d.elapsedMinutes)} 小时未确诊`,
      lines: [`客户：${oneLine(d.organisation)}`, `标题：${oneLine(d.title)}`, '请相关负责人关注并确认。'],
    }),
    en: (d) => ({
      title: `Escalation: P${d.priority} case ${d.number}, ${hours(d.elapsedMinutes)} h without diagnosis`,
      lines: [
        `Customer: ${oneLine(d.organisation)}`,
        `Title: ${oneLine(d.title)}`,
        'The people in charge, please look and acknowledge.',
      ],
    }),
  },
};

const LINK_LABEL: Record<Locale, string> = { 'zh-CN': '查看案例', en: 'Open the case' };
/** At most this many entries are listed in a digest; the rest are counted. */
const DIGEST_LIST = 30;

/** Whether a template has chat wording (robots and webhooks). */
export const hasChatTemplate = (template: string) => template === 'digest' || Object.hasOwn(CHAT, template);

/** The chat message of a delivery; `link` absolute. */
export function renderChat(o: {
  deliveryId: number;
  template: string;
  locale: Locale;
  data: Record<string, unknown>;
  publicUrl: string;
}): ChatMessage {
  if (o.template === 'digest') return renderDigest(o);
  const t = CHAT[o.template]?.[o.locale];
  if (!t) throw new Error(`no chat template ${o.template} (${o.locale})`);
  const d = o.data as CaseChatData;
  const { title, lines } = t(d);
  return {
    deliveryId: o.deliveryId,
    template: o.template,
    locale: o.locale,
    title,
    lines,
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
    const chars = [...oneLine(s)];
    return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
  };
  return {
    number: cut(data.number, 35),
    priority: `P${data.priority ?? ''}`,
    title: cut(data.title, 35),
    organisation: cut(data.organisation, 35),
    elapsedHours: hours(data.elapsedMinutes),
    link: data.linkPath ? new URL(data.linkPath, publicUrl).toString() : '',
  };
}
