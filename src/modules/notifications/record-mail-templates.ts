/**
 * The mails about records beside the cases — a contract due for renewal, a purchase order of spare
 * parts due or overdue — threaded by the record, in zh-CN and English, as `{{placeholder}}`
 * defaults like the case mails' (mail-templates.ts, which lists them with the others).
 */
import type { MailTemplateDefinition } from './mail-templates.ts';

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
export type RecordMailTemplate =
  'contract.renewal_due' | 'purchase_order.due_soon' | 'purchase_order.overdue';

const CONTRACT = ['number', 'organisation', 'endsOn', 'daysToEnd', 'link'] as const;
const PURCHASE_ORDER = ['number', 'supplier', 'dueOn', 'warehouse', 'outstanding', 'link'] as const;
const lines = (...l: string[]) => l.join('\n');

export const RECORD_MAIL_TEMPLATES: Readonly<Record<RecordMailTemplate, MailTemplateDefinition>> = {
  'contract.renewal_due': {
    group: 'reminders',
    audience: 'staff',
    placeholders: CONTRACT,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 服务合同 {{daysToEnd}} 天后到期，请跟进续签',
        body: lines(
          '{{organisation}} 的服务合同 {{number}} 将于 {{endsOn}} 到期（还有 {{daysToEnd}} 天）。',
          '您是该合同的服务专员，请与客户联系续签事宜。',
          '查看合同：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Service contract ends in {{daysToEnd}} days: renewal',
        body: lines(
          'The service contract {{number}} of {{organisation}} ends on {{endsOn}} ({{daysToEnd}} days from now).',
          'You own this contract: please talk to the customer about its renewal.',
          'Open the contract: {{link}}',
        ),
      },
    },
  },
  'purchase_order.due_soon': {
    group: 'reminders',
    audience: 'staff',
    placeholders: PURCHASE_ORDER,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 备件采购将于 {{dueOn}} 到期，尚未全部入库',
        body: lines(
          '采购单 {{number}}（供应商 {{supplier}}，入库 {{warehouse}}）应于 {{dueOn}} 前完成入库，以下备件尚未到货：',
          '{{outstanding}}',
          '查看采购单：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Spare parts order due {{dueOn}}, not all received',
        body: lines(
          'Purchase order {{number}} (supplier {{supplier}}, into {{warehouse}}) is due in stock by {{dueOn}}; still outstanding:',
          '{{outstanding}}',
          'Open the order: {{link}}',
        ),
      },
    },
  },
  'purchase_order.overdue': {
    group: 'reminders',
    audience: 'staff',
    placeholders: PURCHASE_ORDER,
    defaults: {
      'zh-CN': {
        subject: '[{{number}}] 备件采购已逾期（应于 {{dueOn}} 入库）',
        body: lines(
          '采购单 {{number}}（供应商 {{supplier}}，入库 {{warehouse}}）已超过 {{dueOn}} 的入库期限，以下备件仍未到货：',
          '{{outstanding}}',
          '请跟进供应商：{{link}}',
        ),
      },
      en: {
        subject: '[{{number}}] Spare parts order overdue (due {{dueOn}})',
        body: lines(
          'Purchase order {{number}} (supplier {{supplier}}, into {{warehouse}}) was due in stock by {{dueOn}}; still outstanding:',
          '{{outstanding}}',
          'Please chase the supplier: {{link}}',
        ),
      },
    },
  },
};
