/**
 * The mails of the case life cycle, and of the records beside it (contracts, purchase orders): the
 * built-in subject and body of each, in zh-CN and English, written with `{{placeholders}}` so an
 * administrator's override (message_template) and the default are the same kind of thing. Each
 * template names its event group (for people's preferences), who receives it, and the placeholders
 * it offers. Pure: a template, its data and an optional override in, the subject and bodies out.
 * The case (or record) number stays in the subject so replies find it.
 */
import type { EventGroup } from './notification-preferences.api.ts';
import { escapeHtml, fillHtmlParagraphs, fillText, oneLine } from './message-template-text.ts';
import { RECORD_MAIL_TEMPLATES } from './record-mail-templates.ts';

export type { ContractMailData, PurchaseOrderMailData, RecordMailTemplate } from './record-mail-templates.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

/** The editable text of a template in one language. */
export interface TemplateText {
  subject: string;
  body: string;
}

export interface MailTemplateDefinition {
  group: EventGroup;
  /** Who receives it: staff, customer contacts, or either (a reply goes to the other side). */
  audience: 'staff' | 'contact' | 'both';
  /** The placeholders its data fills, in the order the editor offers them. */
  placeholders: readonly string[];
  defaults: Readonly<Record<Locale, TemplateText>>;
}

/** What a delivery's payload carries (see delivery-rules.ts and record-delivery-rules.ts). */
export interface MessageData {
  number?: string;
  title?: string;
  priority?: number;
  organisation?: string;
  /** Absolute link to the case or record. */
  link?: string;
  /** The reply's text, for `case.replied`. */
  body?: string;
  /** For escalations: the elapsed time that was reached, in minutes. */
  elapsedMinutes?: number;
  /** For RMA mails: the RMA number, the part and the faulty part's return due time (Beijing). */
  rma?: string;
  part?: string;
  dueAt?: string;
  /** Contracts: the end date and the days left. */
  endsOn?: string;
  daysToEnd?: number;
  /** Purchase orders: supplier, due date, receiving store, one line per part still outstanding. */
  supplier?: string;
  dueOn?: string;
  warehouse?: string;
  outstanding?: string[];
}

/** Hours as the mails say them: 1, 0.2, 1.5. */
export const hoursText = (m = 0) => (m % 60 === 0 ? `${m / 60}` : (m / 60).toFixed(1));

const CASE = ['number', 'title', 'priority', 'organisation', 'link'] as const;
const RMA = [...CASE, 'rma', 'part'] as const;
const RMA_DUE = [...RMA, 'dueAt'] as const;

const lines = (...l: string[]) => l.join('\n');

export const MAIL_TEMPLATES: Readonly<Record<string, MailTemplateDefinition>> = {
  'case.opened': {
    group: 'new_case',
    audience: 'contact',
    placeholders: CASE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 已受理：{{title}}',
        body: lines(
          '您的服务请求已受理，案例编号 {{number}}（{{priority}}）。',
          '客户：{{organisation}}',
          '标题：{{title}}',
          '查看进展：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Received: {{title}}',
        body: lines(
          'Your request was received as case {{number}} ({{priority}}).',
          'Customer: {{organisation}}',
          'Title: {{title}}',
          'Follow it here: {{link}}',
        ),
      },
    },
  },
  'case.new_web': {
    group: 'new_case',
    audience: 'staff',
    placeholders: CASE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 门户新案例 {{priority}}：{{title}}',
        body: lines('{{organisation}} 在客户门户提交了案例 {{number}}（{{priority}}）。', '请受理：{{link}}'),
      },
      en: {
        subject: '[{{number}}] New portal case {{priority}}: {{title}}',
        body: lines(
          '{{organisation}} opened case {{number}} ({{priority}}) on the portal.',
          'Please take it: {{link}}',
        ),
      },
    },
  },
  'case.assigned': {
    group: 'new_case',
    audience: 'staff',
    placeholders: CASE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 新分派给您：{{title}}',
        body: lines('案例 {{number}}（{{priority}}，{{organisation}}）已分派给您。', '处理：{{link}}'),
      },
      en: {
        subject: '[{{number}}] Assigned to you: {{title}}',
        body: lines(
          'Case {{number}} ({{priority}}, {{organisation}}) is assigned to you.',
          'Open it: {{link}}',
        ),
      },
    },
  },
  'case.replied': {
    group: 'reply',
    audience: 'both',
    placeholders: [...CASE, 'body'],
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 新回复：{{title}}',
        body: lines('案例 {{number}} 有新回复：', '', '{{body}}', '', '查看：{{link}}'),
      },
      en: {
        subject: '[{{number}}] New reply: {{title}}',
        body: lines('Case {{number}} has a new reply:', '', '{{body}}', '', 'Open it: {{link}}'),
      },
    },
  },
  'case.resolved': {
    group: 'resolved',
    audience: 'contact',
    placeholders: CASE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 已解决，请确认：{{title}}',
        body: lines('案例 {{number}} 已解决。', '请确认问题已解决，或说明仍存在的问题：{{link}}'),
      },
      en: {
        subject: '[{{number}}] Resolved, please confirm: {{title}}',
        body: lines(
          'Case {{number}} is resolved.',
          'Please confirm, or tell us what is still wrong: {{link}}',
        ),
      },
    },
  },
  // The survey itself is a later module: the link opens the case in the portal asking for it.
  'case.closed': {
    group: 'resolved',
    audience: 'contact',
    placeholders: CASE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 已关闭：{{title}}',
        body: lines(
          '案例 {{number}} 已关闭，感谢您的配合。',
          '欢迎对本次服务进行评价，您的意见将帮助我们改进：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Closed: {{title}}',
        body: lines(
          'Case {{number}} is closed. Thank you for working with us.',
          'Please tell us how we did: {{link}}',
        ),
      },
    },
  },
  'case.escalated': {
    group: 'escalation',
    audience: 'staff',
    placeholders: [...CASE, 'elapsedHours'],
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 升级通知（已 {{elapsedHours}} 小时未确诊）：{{title}}',
        body: lines(
          '{{priority}} 案例 {{number}}（{{organisation}}）已 {{elapsedHours}} 小时未确诊，按升级矩阵通知您。',
          '请关注并确认：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Escalation ({{elapsedHours}} h without diagnosis): {{title}}',
        body: lines(
          '{{priority}} case {{number}} ({{organisation}}) has gone {{elapsedHours}} h without a diagnosis; the escalation matrix names you.',
          'Please look and acknowledge: {{link}}',
        ),
      },
    },
  },
  'rma.confirm_request': {
    group: 'rma',
    audience: 'contact',
    placeholders: RMA,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 请确认备件更换申请 {{rma}}',
        body: lines(
          '案例 {{number}}（{{title}}）经工程师诊断为硬件故障，申请更换备件 {{part}}（{{rma}}）。',
          '请在客户门户确认备件申请：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Please confirm the spare part request {{rma}}',
        body: lines(
          'Our engineer diagnosed a hardware fault on case {{number}} ({{title}}) and requests spare part {{part}} ({{rma}}).',
          'Please confirm the request on the portal: {{link}}',
        ),
      },
    },
  },
  'rma.stock_check': {
    group: 'rma',
    audience: 'staff',
    placeholders: RMA,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 备件申请已确认，请查库存：{{rma}}',
        body: lines(
          '{{organisation}} 已确认备件申请 {{rma}}（{{part}}）。',
          '请核对本分支备件库：有备件则立即领出替换，否则向厂商申请 RMA：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Spare request confirmed, check stock: {{rma}}',
        body: lines(
          '{{organisation}} confirmed spare request {{rma}} ({{part}}).',
          'Check the branch store: issue a spare now if there is one, otherwise open the vendor RMA: {{link}}',
        ),
      },
    },
  },
  'rma.part_ready': {
    group: 'rma',
    audience: 'staff',
    placeholders: RMA,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 备件已到位，请安排更换：{{rma}}',
        body: lines(
          '案例 {{number}}（{{organisation}}）的备件 {{part}} 已可领取（{{rma}}）。',
          '请领取并安排现场更换：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Spare part ready, please replace: {{rma}}',
        body: lines(
          'The spare part {{part}} for case {{number}} ({{organisation}}) is ready ({{rma}}).',
          'Collect it and arrange the replacement: {{link}}',
        ),
      },
    },
  },
  'rma.return_due_soon': {
    group: 'rma',
    audience: 'staff',
    placeholders: RMA_DUE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 坏件寄还即将到期：{{rma}}（{{dueAt}} 前）',
        body: lines(
          '{{rma}} 的坏件须于 {{dueAt}} 前寄还厂商（收到完好备件后十个工作日内）。',
          '查看：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Faulty part due back soon: {{rma}} (by {{dueAt}})',
        body: lines(
          'The faulty part of {{rma}} must be back at the vendor by {{dueAt}} (10 working days after the good part arrived).',
          'Open it: {{link}}',
        ),
      },
    },
  },
  'rma.return_overdue': {
    group: 'rma',
    audience: 'staff',
    placeholders: RMA_DUE,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 坏件逾期未寄还：{{rma}}（应于 {{dueAt}} 前）',
        body: lines(
          '{{rma}}（{{organisation}}）的坏件应于 {{dueAt}} 前寄还厂商，至今未寄出，按规定升级通知您。',
          '请督促处理：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Faulty part overdue: {{rma}} (was due {{dueAt}})',
        body: lines(
          'The faulty part of {{rma}} ({{organisation}}) was due back at the vendor by {{dueAt}} and has not been sent; you are notified as the escalation.',
          'Please follow up: {{link}}',
        ),
      },
    },
  },
  ...RECORD_MAIL_TEMPLATES,
};

/** The text each placeholder stands for, from a delivery's data. */
export function messageValues(d: MessageData): Record<string, string> {
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    number: s(d.number),
    title: s(d.title),
    priority: d.priority === undefined ? '' : `P${d.priority}`,
    organisation: s(d.organisation),
    link: s(d.link),
    body: s(d.body),
    elapsedHours: hoursText(d.elapsedMinutes),
    rma: s(d.rma),
    part: s(d.part),
    dueAt: s(d.dueAt),
    endsOn: s(d.endsOn),
    daysToEnd: s(d.daysToEnd),
    supplier: s(d.supplier),
    dueOn: s(d.dueOn),
    warehouse: s(d.warehouse),
    outstanding: (d.outstanding ?? []).join('\n'),
  };
}

const FOOTER: Record<Locale, string> = {
  'zh-CN': '此邮件由 TACdesk 技术支持中心发送。',
  en: 'This message was sent by TACdesk.',
};

/**
 * Subject, plain text and HTML of a template in a language: the administrator's `text` when there
 * is one, else the built-in default. The subject is always one line; the HTML escapes every value.
 */
export function renderMail(template: string, locale: Locale, data: MessageData, text?: TemplateText) {
  const t = text ?? MAIL_TEMPLATES[template]?.defaults[locale];
  if (!t) throw new Error(`no mail template ${template} (${locale})`);
  const values = messageValues(data);
  const footer = FOOTER[locale];
  return {
    subject: oneLine(fillText(t.subject, values, oneLine)),
    text: `${fillText(t.body, values)}\n\n-- \n${footer}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif">${fillHtmlParagraphs(
      t.body,
      values,
    ).join('')}<hr><p style="color:#888">${escapeHtml(footer)}</p></body></html>`,
  };
}
