/**
 * The preview of a template being edited: rendered exactly as the sender would (subject, text,
 * HTML; a robot's title and lines), from sample data or a real case picked by its number, and
 * checked like a save — but nothing is stored.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { MAIL_TEMPLATES, renderMail, type Locale, type MessageData } from '../../mail-templates.ts';
import type { MessageTemplatePreview, MessageTemplatePreviewInput } from '../../message-templates.api.ts';
import { renderChat } from '../channels/chat-templates.ts';
import { catalogEntry, checkTemplateText } from './template-catalog.ts';

/** Plausible values for every placeholder, so each template shows something real. */
const SAMPLE: Record<Locale, MessageData> = {
  'zh-CN': {
    number: 'TAC-2026-000123',
    title: '核心交换机宕机',
    priority: 1,
    organisation: '某某银行上海分行',
    body: '已远程确认电源模块故障，备件今晚送达现场。',
    elapsedMinutes: 60,
    rma: 'RMA-2026-000045',
    part: 'PWR-C1-715WAC-P',
    dueAt: '2026-12-18 18:00',
    endsOn: '2026-12-31',
    daysToEnd: 30,
    supplier: '华东某分销商',
    dueOn: '2026-12-09',
    warehouse: '上海备件库（WH-SH）',
    outstanding: ['PWR-C1-715WAC-P × 2', 'FAN-T2-01 × 1'],
  },
  en: {
    number: 'TAC-2026-000123',
    title: 'Core switch down',
    priority: 1,
    organisation: 'Example Bank, Shanghai branch',
    body: 'We confirmed a failed power supply remotely; the spare reaches the site tonight.',
    elapsedMinutes: 60,
    rma: 'RMA-2026-000045',
    part: 'PWR-C1-715WAC-P',
    dueAt: '2026-12-18 18:00',
    endsOn: '2026-12-31',
    daysToEnd: 30,
    supplier: 'East China distributor',
    dueOn: '2026-12-09',
    warehouse: 'Shanghai store (WH-SH)',
    outstanding: ['PWR-C1-715WAC-P × 2', 'FAN-T2-01 × 1'],
  },
};

const isCaseTemplate = (key: string) => key.startsWith('case.') || key.startsWith('rma.');

/** Where the message links to, as delivery-rules.ts and record-delivery-rules.ts make it. */
function linkPathOf(kind: 'email' | 'chat', key: string, caseId: number): string {
  if (key.startsWith('contract.')) return '/contracts/1';
  if (key.startsWith('purchase_order.')) return '/stock/purchase-orders/1';
  // Robots speak to the service centre's teams; a customer's mail links into the portal.
  const portal = kind === 'email' && MAIL_TEMPLATES[key]?.audience === 'contact';
  return portal ? `/portal/cases/${caseId}` : `/cases/${caseId}`;
}

async function caseData(db: Kysely<Database>, key: string, number: string) {
  if (!isCaseTemplate(key))
    throw invalidField('body.caseNumber', 'this template is not about a case', '此模板与案例无关');
  const c = await db
    .selectFrom('support_case')
    .innerJoin('organisation', 'organisation.id', 'support_case.organisation_id')
    .select([
      'support_case.id',
      'support_case.number',
      'support_case.title',
      'support_case.priority',
      'organisation.name',
    ])
    .where('support_case.number', '=', number.toUpperCase())
    .executeTakeFirst();
  if (!c) throw invalidField('body.caseNumber', `no case ${number}`, `没有案例 ${number}`);
  return { id: c.id, data: { number: c.number, title: c.title, priority: c.priority, organisation: c.name } };
}

export async function previewMessageTemplate(o: {
  db: Kysely<Database>;
  input: MessageTemplatePreviewInput;
  publicUrl: string;
}): Promise<MessageTemplatePreview> {
  const { kind, key, locale, subject, body, caseNumber } = o.input;
  const entry = catalogEntry(kind, key, 'body.key');
  checkTemplateText(entry, { subject, body });
  const real = caseNumber ? await caseData(o.db, key, caseNumber) : null;
  const data: MessageData = { ...SAMPLE[locale], ...real?.data };
  const linkPath = linkPathOf(kind, key, real?.id ?? 123);
  if (kind === 'email') {
    const link = new URL(linkPath, o.publicUrl).toString();
    return renderMail(key, locale, { ...data, link }, { subject, body });
  }
  const chat = renderChat({
    deliveryId: 0,
    template: key,
    locale,
    data: { ...data, linkPath },
    publicUrl: o.publicUrl,
    text: { subject, body },
  });
  const link = chat.link ? [`${chat.linkLabel}: ${chat.link}`] : [];
  return { subject: chat.title, text: [...chat.lines, ...link].join('\n'), html: null };
}
