/**
 * The monthly RMA report per branch (seed 004: the clerks mail it to HQ at the end of each month):
 * requests, spares from branch stock or from the vendor, time to replace, returns and late
 * returns; the month and branch kept in the URL, the same report as an Excel file.
 */
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { queryParams } from '../../../web/api/query-params.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { formatHours } from './rma-display.tsx';
import { useBranches, useRmaReport, type RmaReportRow } from './rma.queries.ts';
import './rma.css';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function readView(search: string): { month: string; branchId?: number } {
  const p = new URLSearchParams(search);
  const month = p.get('month');
  const branchId = Number(p.get('branchId'));
  return {
    month: month && MONTH.test(month) ? month : dayjs().format('YYYY-MM'),
    ...(Number.isInteger(branchId) && branchId > 0 ? { branchId } : {}),
  };
}

type Row = RmaReportRow & { key: string; isTotal?: boolean };

export function RmaReportPage() {
  const t = useT();
  const { search } = useLocation();
  const view = useMemo(() => readView(search), [search]);
  const report = useRmaReport(view.month, view.branchId);
  const branches = useBranches({ activeOnly: true });

  const update = (changes: { month?: string; branchId?: number | undefined }) => {
    const next = { ...view, ...changes };
    navigate(`/rmas/report?${queryParams(next)}`, { replace: true });
  };

  const number = (value: number, warn = false) =>
    warn && value > 0 ? (
      <Typography.Text type="danger" strong>
        {value}
      </Typography.Text>
    ) : (
      value
    );

  const columns: TableColumnsType<Row> = [
    {
      key: 'branch',
      title: t('rma.report.branch'),
      fixed: 'left',
      width: 160,
      render: (_, row) =>
        row.isTotal ? (
          <strong>{t('rma.report.total')}</strong>
        ) : (
          (row.branch?.name ?? t('rma.report.noBranch'))
        ),
    },
    { key: 'requested', title: t('rma.report.requested'), dataIndex: 'requested', align: 'right', width: 90 },
    {
      key: 'fromBranchStock',
      title: t('rma.report.fromBranchStock'),
      dataIndex: 'fromBranchStock',
      align: 'right',
      width: 110,
    },
    {
      key: 'fromVendor',
      title: t('rma.report.fromVendor'),
      dataIndex: 'fromVendor',
      align: 'right',
      width: 110,
    },
    { key: 'replaced', title: t('rma.report.replaced'), dataIndex: 'replaced', align: 'right', width: 90 },
    {
      key: 'turnaround',
      title: t('rma.report.turnaround'),
      align: 'right',
      width: 140,
      render: (_, row) =>
        row.meanHoursToReplace === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : row.meanHoursToReplace < 1 ? (
          t('rma.age.lessThanHour')
        ) : (
          formatHours(row.meanHoursToReplace, t)
        ),
    },
    { key: 'returned', title: t('rma.report.returned'), dataIndex: 'returned', align: 'right', width: 90 },
    {
      key: 'returnedLate',
      title: t('rma.report.returnedLate'),
      align: 'right',
      width: 110,
      render: (_, row) => number(row.returnedLate, true),
    },
    {
      key: 'overdueOpen',
      title: t('rma.report.overdueOpen'),
      align: 'right',
      width: 130,
      render: (_, row) => number(row.overdueOpen, true),
    },
  ];

  const rows: Row[] = report.data
    ? [
        ...report.data.rows.map((row, i) => ({ ...row, key: String(row.branch?.id ?? `none-${i}`) })),
        ...(report.data.rows.length > 1 ? [{ ...report.data.total, key: 'total', isTotal: true }] : []),
      ]
    : [];

  return (
    <div className="page page--wide rma-report">
      <AppLink href="/rmas" className="rma-detail__back">
        <ArrowLeftOutlined /> {t('rma.detail.back')}
      </AppLink>
      <header className="page__header rma-page-header">
        <Typography.Title level={2} className="page__title">
          {t('rma.report.title')}
        </Typography.Title>
        <Button
          id="rma-report-xlsx"
          icon={<DownloadOutlined />}
          href={`/api/rmas/report.xlsx?${queryParams(view)}`}
          download
        >
          {t('rma.report.download')}
        </Button>
      </header>
      <Card size="small" className="rma-board__filters">
        <Space wrap size={[12, 12]}>
          <DatePicker
            id="rma-report-month"
            picker="month"
            allowClear={false}
            aria-label={t('rma.report.month')}
            value={dayjs(`${view.month}-01`)}
            disabledDate={(date) => date.isAfter(dayjs(), 'month')}
            onChange={(date) => date && update({ month: date.format('YYYY-MM') })}
          />
          <Select
            aria-label={t('rma.filter.branch')}
            placeholder={t('rma.report.allBranches')}
            allowClear
            className="rma-board__select"
            value={view.branchId}
            onChange={(value?: number) => update({ branchId: value })}
            options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Space>
        <Typography.Paragraph type="secondary" className="rma-report__hint">
          {t('rma.report.hint')}
        </Typography.Paragraph>
      </Card>
      {report.isError && <ErrorAlert error={report.error} />}
      <Table<Row>
        id="rma-report-table"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={report.isPending || (report.isFetching && report.isPlaceholderData)}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('rma.report.empty') }}
        rowClassName={(row) => (row.isTotal ? 'rma-report__total' : '')}
      />
    </div>
  );
}
