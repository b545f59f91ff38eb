/**
 * The mails of the case life cycle, and of the records beside it (contracts, purchase orders), in
 * zh-CN and English. Pure: a template and its data in, the subject and bodies out. Every value is
 * escaped in the HTML part; the case (or record) number is in the subject so replies find it.
 */

export type Locale = 'zh-CN' | 'en';

export interface CaseMailData {
  number: string;
  title: string;
  priority: number;
  organisation: string;
  link: string;
  /** The reply's text, for `case.replied`. */
  body?: string;
  /** For escalations: the elapsed time that was reached, in minutes. */
  elapsedMinutes?: number;
  /** For RMA mails: the RMA number, the part and the faulty part's return due time (Beijing). */
  rma?: string;
  part?: string;
  dueAt?: string;
}

interface Template {
  subject: (d: CaseMailData) => string;
  lines: (d: CaseMailData) => string[];
}

const hours = (m = 0) => (m % 60 === 0 ? `${m / 60}` : (m / 60).toFixed(1));

export const MAIL_TEMPLATES: Record<string, Record<Locale, Template>> = {
  'case.opened': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 已受理：${d.title}`,
      lines: (d) => [
        `您的服务请求已受理，案例编号 ${d.number}（P${d.priority}）。`,
        `客户：${d.organisation}`,
        `标题：${d.title}`,
        `查看进展：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Received: ${d.title}`,
      lines: (d) => [
        `Your request was received as case ${d.number} (P${d.priority}).`,
        `Customer: ${d.organisation}`,
        `Title: ${d.title}`,
        `Follow it here: ${d.link}`,
      ],
    },
  },
  'case.new_web': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 门户新案例 P${d.priority}：${d.title}`,
      lines: (d) => [
        `${d.organisation} 在客户门户提交了案例 ${d.number}（P${d.priority}）。`,
        `请受理：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] New portal case P${d.priority}: ${d.title}`,
      lines: (d) => [
        `${d.organisation} opened case ${d.number} (P${d.priority}) on the portal.`,
        `Please take it: ${d.link}`,
      ],
    },
  },
  'case.assigned': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 新分派给您：${d.title}`,
      lines: (d) => [`案例 ${d.number}（P${d.priority}，${d.organisation}）已分派给您。`, `处理：${d.link}`],
    },
    en: {
      subject: (d) => `[${d.number}] Assigned to you: ${d.title}`,
      lines: (d) => [
        `Case ${d.number} (P${d.priority}, ${d.organisation}) is assigned to you.`,
        `Open it: ${d.link}`,
      ],
    },
  },
  'case.replied': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 新回复：${d.title}`,
      lines: (d) => [`案例 ${d.number} 有新回复：`, '', d.body ?? '', '', `查看：${d.link}`],
    },
    en: {
      subject: (d) => `[${d.number}] New reply: ${d.title}`,
      lines: (d) => [`Case ${d.number} has a new reply:`, '', d.body ?? '', '', `Open it: ${d.link}`],
    },
  },
  'case.resolved': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 已解决，请确认：${d.title}`,
      lines: (d) => [`案例 ${d.number} 已解决。`, `请确认问题已解决，或说明仍存在的问题：${d.link}`],
    },
    en: {
      subject: (d) => `[${d.number}] Resolved, please confirm: ${d.title}`,
      lines: (d) => [
        `Case ${d.number} is resolved.`,
        `Please confirm, or tell us what is still wrong: ${d.link}`,
      ],
    },
  },
  'case.escalated': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 升级通知（已 ${hours(d.elapsedMinutes)} 小时未确诊）：${d.title}`,
      lines: (d) => [
        `P${d.priority} 案例 ${d.number}（${d.organisation}）已 ${hours(d.elapsedMinutes)} 小时未确诊，按升级矩阵通知您。`,
        `请关注并确认：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Escalation (${hours(d.elapsedMinutes)} h without diagnosis): ${d.title}`,
      lines: (d) => [
        `P${d.priority} case ${d.number} (${d.organisation}) has gone ${hours(d.elapsedMinutes)} h without a diagnosis; the escalation matrix names you.`,
        `Please look and acknowledge: ${d.link}`,
      ],
    },
  },
  'rma.confirm_request': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 请确认备件更换申请 ${d.rma}`,
      lines: (d) => [
        `案例 ${d.number}（${d.title}）经工程师诊断为硬件故障，申请更换备件 ${d.part ?? ''}（${d.rma}）。`,
        `请在客户门户确认备件申请：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Please confirm the spare part request ${d.rma}`,
      lines: (d) => [
        `Our engineer diagnosed a hardware fault on case ${d.number} (${d.title}) and requests spare part ${d.part ?? ''} (${d.rma}).`,
        `Please confirm the request on the portal: ${d.link}`,
      ],
    },
  },
  'rma.stock_check': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 备件申请已确认，请查库存：${d.rma}`,
      lines: (d) => [
        `${d.organisation} 已确认备件申请 ${d.rma}（${d.part ?? ''}）。`,
        `请核对本分支备件库：有备件则立即领出替换，否则向厂商申请 RMA：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Spare request confirmed, check stock: ${d.rma}`,
      lines: (d) => [
        `${d.organisation} confirmed spare request ${d.rma} (${d.part ?? ''}).`,
        `Check the branch store: issue a spare now if there is one, otherwise open the vendor RMA: ${d.link}`,
      ],
    },
  },
  'rma.part_ready': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 备件已到位，请安排更换：${d.rma}`,
      lines: (d) => [
        `案例 ${d.number}（${d.organisation}）的备件 ${d.part ?? ''} 已可领取（${d.rma}）。`,
        `请领取并安排现场更换：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Spare part ready, please replace: ${d.rma}`,
      lines: (d) => [
        `The spare part ${d.part ?? ''} for case ${d.number} (${d.organisation}) is ready (${d.rma}).`,
        `Collect it and arrange the replacement: ${d.link}`,
      ],
    },
  },
  'rma.return_due_soon': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 坏件寄还即将到期：${d.rma}（${d.dueAt} 前）`,
      lines: (d) => [
        `${d.rma} 的坏件须于 ${d.dueAt} 前寄还厂商（收到完好备件后十个工作日内）。`,
        `查看：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Faulty part due back soon: ${d.rma} (by ${d.dueAt})`,
      lines: (d) => [
        `The faulty part of ${d.rma} must be back at the vendor by ${d.dueAt} (10 working days after the good part arrived).`,
        `Open it: ${d.link}`,
      ],
    },
  },
  'rma.return_overdue': {
    'zh-CN': {
      subject: (d) => `[${d.number}] 坏件逾期未寄还：${d.rma}（应于 ${d.dueAt} 前）`,
      lines: (d) => [
        `${d.rma}（${d.organisation}）的坏件应于 ${d.dueAt} 前寄还厂商，至今未寄出，按规定升级通知您。`,
        `请督促处理：${d.link}`,
      ],
    },
    en: {
      subject: (d) => `[${d.number}] Faulty part overdue: ${d.rma} (was due ${d.dueAt})`,
      lines: (d) => [
        `The faulty part of ${d.rma} (${d.organisation}) was due back at the vendor by ${d.dueAt} and has not been sent; you are notified as the escalation.`,
        `Please follow up: ${d.link}`,
      ],
    },
  },
};

/** A contract's renewal reminder (`contract.renewal_due`), to its owner. */
export interface ContractMailData {
  number: string;
  organisation: string;
  endsOn: string;
  daysToEnd: number;
  link: string;
}

/** A purchase order's due reminder or overdue notice (`purchase_order.due_soon` / `.overdue`). */
export interface PurchaseOrderMailData {
  number: string;
  supplier: string;
  dueOn: string;
  warehouse: string;
  /** One line per part still outstanding: "PWR-C1-715WAC-P × 2". */
  outstanding: string[];
  link: string;
}

/** Mails about a record other than a case; threaded by the record. */
export const RECORD_MAIL_TEMPLATES = {
  'contract.renewal_due': {
    'zh-CN': {
      subject: (d: ContractMailData) => `[${d.number}] 服务合同 ${d.daysToEnd} 天后到期，请跟进续签`,
      lines: (d: ContractMailData) => [
        `${d.organisation} 的服务合同 ${d.number} 将于 ${d.endsOn} 到期（还有 ${d.daysToEnd} 天）。`,
        '您是该合同的服务专员，请与客户联系续签事宜。',
        `查看合同：${d.link}`,
      ],
    },
    en: {
      subject: (d: ContractMailData) => `[${d.number}] Service contract ends in ${d.daysToEnd} days: renewal`,
      lines: (d: ContractMailData) => [
        `The service contract ${d.number} of ${d.organisation} ends on ${d.endsOn} (${d.daysToEnd} days from now).`,
        'You own this contract: please talk to the customer about its renewal.',
        `Open the contract: ${d.link}`,
      ],
    },
  },
  'purchase_order.due_soon': {
    'zh-CN': {
      subject: (d: PurchaseOrderMailData) => `[${d.number}] 备件采购将于 ${d.dueOn} 到期，尚未全部入库`,
      lines: (d: PurchaseOrderMailData) => [
        `采购单 ${d.number}（供应商 ${d.supplier}，入库 ${d.warehouse}）应于 ${d.dueOn} 前完成入库，以下备件尚未到货：`,
        ...d.outstanding,
        `查看采购单：${d.link}`,
      ],
    },
    en: {
      subject: (d: PurchaseOrderMailData) =>
        `[${d.number}] Spare parts order due ${d.dueOn}, not all received`,
      lines: (d: PurchaseOrderMailData) => [
        `Purchase order ${d.number} (supplier ${d.supplier}, into ${d.warehouse}) is due in stock by ${d.dueOn}; still outstanding:`,
        ...d.outstanding,
        `Open the order: ${d.link}`,
      ],
    },
  },
  'purchase_order.overdue': {
    'zh-CN': {
      subject: (d: PurchaseOrderMailData) => `[${d.number}] 备件采购已逾期（应于 ${d.dueOn} 入库）`,
      lines: (d: PurchaseOrderMailData) => [
        `采购单 ${d.number}（供应商 ${d.supplier}，入库 ${d.warehouse}）已超过 ${d.dueOn} 的入库期限，以下备件仍未到货：`,
        ...d.outstanding,
        `请跟进供应商：${d.link}`,
      ],
    },
    en: {
      subject: (d: PurchaseOrderMailData) => `[${d.number}] Spare parts order overdue (due ${d.dueOn})`,
      lines: (d: PurchaseOrderMailData) => [
        `Purchase order ${d.number} (supplier ${d.supplier}, into ${d.warehouse}) was due in stock by ${d.dueOn}; still outstanding:`,
        ...d.outstanding,
        `Please chase the supplier: ${d.link}`,
      ],
    },
  },
} as const;

export type RecordMailTemplate = keyof typeof RECORD_MAIL_TEMPLATES;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const isRecordTemplate = (template: string): template is RecordMailTemplate =>
  Object.hasOwn(RECORD_MAIL_TEMPLATES, template);

/** Subject, plain text and HTML of a template in a language. */
export function renderMail(template: string, locale: Locale, data: CaseMailData) {
  const t: Template | undefined = isRecordTemplate(template)
    ? (RECORD_MAIL_TEMPLATES[template][locale] as unknown as Template)
    : MAIL_TEMPLATES[template]?.[locale];
  if (!t) throw new Error(`no mail template ${template} (${locale})`);
  const lines = t.lines(data);
  const footer =
    locale === 'en' ? 'This message was sent by TACdesk.' : '此邮件由 TACdesk 技术支持中心发送。';
  const text = `${lines.join('\n')}\n\n-- \n${footer}\n`;
  const html = `<!doctype html><html><body style="font-family:sans-serif">${lines
    .map((l) => (l ? `<p>${escapeHtml(l)}</p>` : ''))
    .join('')}<hr><p style="color:#888">${escapeHtml(footer)}</p></body></html>`;
  return { subject: t.subject(data), text, html };
}
