/**
 * The monthly RMA report to HQ (seed 004: "每月末 MAIL 给总部"), per branch: requests of the month,
 * where the spare came from, replacements and the mean time to replace, returns to the vendor and
 * how many were late, and returns overdue still open. On screen and as xlsx (zh-CN or English).
 */
import { newWorkbook } from '../../../platform/files/workbook.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { z } from 'zod';
import type { rmaReportRowSchema, rmaReportSchema } from '../rma.api.ts';

type Row = z.infer<typeof rmaReportRowSchema>;
type Report = z.infer<typeof rmaReportSchema>;
type Locale = 'zh-CN' | 'en';

/** The month's bounds as instants in Beijing time. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

export async function rmaMonthlyReport(
  db: Kysely<Database>,
  q: { month: string; branchId?: number | undefined },
  now: Date,
): Promise<Report> {
  const { from, to } = monthBounds(q.month);
  const cutoff = now < to ? now : to;
  let query = db
    .selectFrom('rma')
    .leftJoin('branch', 'branch.id', 'rma.branch_id')
    .select([
      'rma.branch_id',
      'branch.name as branch_name',
      sql<number>`count(*)::int`.as('requested'),
      sql<number>`count(*) filter (where rma.source = 'branch_stock')::int`.as('from_branch_stock'),
      sql<number>`count(*) filter (where rma.source = 'vendor')::int`.as('from_vendor'),
      sql<number>`count(rma.replaced_at)::int`.as('replaced'),
      sql<
        number | null
      >`round((avg(extract(epoch from rma.replaced_at - rma.created_at)) / 3600)::numeric, 1)::float8`.as(
        'mean_hours',
      ),
      sql<number>`count(rma.returned_at)::int`.as('returned'),
      sql<number>`count(*) filter (where rma.returned_at > rma.return_due_at)::int`.as('returned_late'),
      sql<number>`count(*) filter (where rma.returned_at is null and rma.state <> 'cancelled'
        and rma.return_due_at < ${cutoff})::int`.as('overdue_open'),
    ])
    .where('rma.created_at', '>=', from)
    .where('rma.created_at', '<', to)
    .groupBy(['rma.branch_id', 'branch.name'])
    .orderBy('branch.name');
  if (q.branchId) query = query.where('rma.branch_id', '=', q.branchId);
  const rows: Row[] = (await query.execute()).map((r) => ({
    branch: r.branch_id && r.branch_name ? { id: r.branch_id, name: r.branch_name } : null,
    requested: r.requested,
    fromBranchStock: r.from_branch_stock,
    fromVendor: r.from_vendor,
    replaced: r.replaced,
    meanHoursToReplace: r.mean_hours === null ? null : Number(r.mean_hours),
    returned: r.returned,
    returnedLate: r.returned_late,
    overdueOpen: r.overdue_open,
  }));
  const sum = (k: keyof Omit<Row, 'branch' | 'meanHoursToReplace'>) => rows.reduce((n, r) => n + r[k], 0);
  const weighted = rows.filter((r) => r.meanHoursToReplace !== null && r.replaced > 0);
  const replacedWithTime = weighted.reduce((n, r) => n + r.replaced, 0);
  const total: Row = {
    branch: null,
    requested: sum('requested'),
    fromBranchStock: sum('fromBranchStock'),
    fromVendor: sum('fromVendor'),
    replaced: sum('replaced'),
    meanHoursToReplace: replacedWithTime
      ? Math.round(
          (weighted.reduce((n, r) => n + r.meanHoursToReplace! * r.replaced, 0) / replacedWithTime) * 10,
        ) / 10
      : null,
    returned: sum('returned'),
    returnedLate: sum('returnedLate'),
    overdueOpen: sum('overdueOpen'),
  };
  return { month: q.month, rows, total };
}

const COLUMNS: Array<{ key: keyof Row; title: Record<Locale, string>; width: number }> = [
  { key: 'branch', title: { 'zh-CN': '分支机构', en: 'Branch' }, width: 18 },
  { key: 'requested', title: { 'zh-CN': 'RMA 申请数', en: 'RMAs requested' }, width: 14 },
  { key: 'fromBranchStock', title: { 'zh-CN': '公司备件替换', en: 'From branch stock' }, width: 16 },
  { key: 'fromVendor', title: { 'zh-CN': '厂商备件', en: 'From vendor' }, width: 12 },
  { key: 'replaced', title: { 'zh-CN': '已更换', en: 'Replaced' }, width: 10 },
  {
    key: 'meanHoursToReplace',
    title: { 'zh-CN': '平均更换时长（小时）', en: 'Mean hours to replace' },
    width: 20,
  },
  { key: 'returned', title: { 'zh-CN': '坏件已寄还', en: 'Returned to vendor' }, width: 16 },
  { key: 'returnedLate', title: { 'zh-CN': '逾期寄还', en: 'Returned late' }, width: 12 },
  { key: 'overdueOpen', title: { 'zh-CN': '逾期未寄还', en: 'Overdue, not returned' }, width: 16 },
];

export async function rmaReportToXlsx(report: Report, locale: Locale): Promise<Buffer> {
  const book = await newWorkbook();
  book.creator = 'TACdesk';
  const sheet = book.addWorksheet(locale === 'en' ? `RMA ${report.month}` : `RMA 月报 ${report.month}`);
  sheet.columns = COLUMNS.map((c) => ({ header: c.title[locale], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const cell = (r: Row, k: keyof Row) => {
    if (k === 'branch') {
      const name = r.branch?.name ?? (locale === 'en' ? '(no branch)' : '（未指定分支）');
      // A name that looks like a formula must stay text.
      return /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
    }
    return r[k] ?? '';
  };
  for (const r of report.rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, cell(r, c.key)])));
  const total = sheet.addRow(
    Object.fromEntries(
      COLUMNS.map((c) => [
        c.key,
        c.key === 'branch' ? (locale === 'en' ? 'Total' : '合计') : cell(report.total, c.key),
      ]),
    ),
  );
  total.font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
