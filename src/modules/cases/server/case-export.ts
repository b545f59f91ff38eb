/**
 * Export of a filtered case list to CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and
 * xlsx, with column titles in the caller's language. Cells that a spreadsheet would run as a
 * formula (= + - @, tab, CR) are neutralised with a leading apostrophe.
 */
import { newWorkbook } from '../../../platform/files/workbook.ts';
import { STATE_INFO, type CaseState } from '../case-status.ts';
import type { CaseRow } from './case.repository.ts';

type Locale = 'zh-CN' | 'en';

const COLUMNS: Array<{
  key: string;
  title: Record<Locale, string>;
  value: (r: CaseRow, l: Locale, tz: string) => string | number;
}> = [
  { key: 'number', title: { 'zh-CN': '案例编号', en: 'Case number' }, value: (r) => r.number },
  { key: 'title', title: { 'zh-CN': '标题', en: 'Title' }, value: (r) => r.title },
  { key: 'customer', title: { 'zh-CN': '客户', en: 'Customer' }, value: (r) => r.organisation_name },
  { key: 'priority', title: { 'zh-CN': '优先级', en: 'Priority' }, value: (r) => `P${r.priority}` },
  {
    key: 'state',
    title: { 'zh-CN': '状态', en: 'State' },
    value: (r, l) => STATE_INFO[r.state as CaseState].label[l],
  },
  { key: 'channel', title: { 'zh-CN': '渠道', en: 'Channel' }, value: (r) => r.channel },
  { key: 'owner', title: { 'zh-CN': '首问负责人', en: 'Owner' }, value: (r) => r.owner_name ?? '' },
  { key: 'assignee', title: { 'zh-CN': '处理人', en: 'Assignee' }, value: (r) => r.assignee_name ?? '' },
  {
    key: 'serial',
    title: { 'zh-CN': '设备序列号', en: 'Serial number' },
    value: (r) => r.asset_serial ?? '',
  },
  {
    key: 'hold',
    title: { 'zh-CN': '商务暂停', en: 'Commercial hold' },
    value: (r, l) => (r.commercial_hold ? (l === 'en' ? 'yes' : '是') : ''),
  },
  {
    key: 'opened',
    title: { 'zh-CN': '受理时间', en: 'Opened' },
    value: (r, _l, tz) => localTime(r.opened_at, tz),
  },
  {
    key: 'due',
    title: { 'zh-CN': '最近 SLA 时限', en: 'Next SLA due' },
    value: (r, _l, tz) => localTime(r.sla_next_due_at, tz),
  },
  {
    key: 'resolved',
    title: { 'zh-CN': '解决时间', en: 'Resolved' },
    value: (r, _l, tz) => localTime(r.resolved_at, tz),
  },
];

function localTime(d: Date | null, timeZone: string): string {
  if (!d) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A cell value a spreadsheet will show as text, never evaluate. */
export function neutralise(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number): string {
  const text = String(neutralise(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function casesToCsv(rows: CaseRow[], locale: Locale, timeZone: string): Buffer {
  const lines = [COLUMNS.map((c) => csvCell(c.title[locale])).join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => csvCell(c.value(r, locale, timeZone))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function casesToXlsx(rows: CaseRow[], locale: Locale, timeZone: string): Promise<Buffer> {
  const book = await newWorkbook();
  book.creator = 'TACdesk';
  const sheet = book.addWorksheet(locale === 'en' ? 'Cases' : '案例');
  sheet.columns = COLUMNS.map((c) => ({
    header: c.title[locale],
    key: c.key,
    width: c.key === 'title' ? 48 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows)
    sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, neutralise(c.value(r, locale, timeZone))])));
  return Buffer.from(await book.xlsx.writeBuffer());
}
