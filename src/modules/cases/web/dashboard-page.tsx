/**
 * The console's home: the open workload at a glance (totals, open cases by priority and state),
 * what is about to breach an SLA target, my cases, and this month's response and resolution
 * compliance per priority. Refreshed live by case events.
 */
import { Card, Col, Empty, Row, Segmented, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { navigate } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { EChart, type EChartOption } from '../../../web/shell/echart.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { CASE_STATES, PRIORITIES, STATE_INFO } from '../case-status.ts';
import { PriorityTag, RelativeDue, StateTag } from './case-display.tsx';
import { useDashboard, type Dashboard, type DashboardCase } from './dashboard.queries.ts';
import './cases.css';

const WINDOWS = [1, 4, 24] as const;
const PRIORITY_COLOURS = ['#cf1322', '#fa8c16', '#1677ff', '#8c8c8c'];

function useCaseColumns(): TableColumnsType<DashboardCase> {
  const t = useT();
  return [
    {
      title: t('dashboard.col.priority'),
      dataIndex: 'priority',
      width: 88,
      render: (p: number) => <PriorityTag priority={p} />,
    },
    {
      title: t('dashboard.col.case'),
      key: 'case',
      render: (_, c) => (
        <span>
          <AppLink href={`/cases/${c.id}`}>{c.number}</AppLink>
          <Typography.Text className="dashboard__case-title" ellipsis>
            {c.title}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('dashboard.col.customer'), dataIndex: 'organisation', responsive: ['md'], ellipsis: true },
    {
      title: t('dashboard.col.assignee'),
      dataIndex: 'assignee',
      responsive: ['lg'],
      render: (a: string | null) =>
        a ?? <Typography.Text type="warning">{t('dashboard.unassigned')}</Typography.Text>,
    },
    {
      title: t('dashboard.col.state'),
      dataIndex: 'state',
      responsive: ['md'],
      render: (s) => <StateTag state={s} />,
    },
    {
      title: t('dashboard.col.slaDue'),
      dataIndex: 'slaNextDueAt',
      render: (due: string | null) => (due ? <RelativeDue dueAt={due} /> : '—'),
    },
  ];
}

/** Open cases: one bar per state, stacked by priority. */
function workloadOption(d: Dashboard, locale: 'zh-CN' | 'en'): EChartOption {
  const states = CASE_STATES.filter((s) => STATE_INFO[s].open);
  const count = (p: number, s: string) =>
    d.openByPriorityState.find((c) => c.priority === p && c.state === s)?.count ?? 0;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: states.map((s) => STATE_INFO[s].label[locale]),
      axisLabel: { interval: 0, rotate: locale === 'en' ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: PRIORITIES.map((p, i) => ({
      name: `P${p}`,
      type: 'bar',
      stack: 'open',
      itemStyle: { color: PRIORITY_COLOURS[i] },
      data: states.map((s) => count(p, s)),
    })),
  };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

/** This month: response and resolution in time, per priority, as percentages. */
function complianceOption(d: Dashboard, labels: { response: string; resolution: string }): EChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: d.compliance.map((c) => `P${c.priority}`) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: labels.response,
        type: 'bar',
        itemStyle: { color: '#13c2c2' },
        data: d.compliance.map((c) => percent(c.respondedInTime, c.responded)),
      },
      {
        name: labels.resolution,
        type: 'bar',
        itemStyle: { color: '#52c41a' },
        data: d.compliance.map((c) => percent(c.resolvedInTime, c.resolved)),
      },
    ],
  };
}

export function DashboardPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const [withinHours, setWithinHours] = useState<(typeof WINDOWS)[number]>(4);
  const dashboard = useDashboard(withinHours);
  const columns = useCaseColumns();
  const d = dashboard.data;
  const workload = useMemo(() => (d ? workloadOption(d, locale) : null), [d, locale]);
  const compliance = useMemo(
    () =>
      d
        ? complianceOption(d, {
            response: t('dashboard.responseInTime'),
            resolution: t('dashboard.resolutionInTime'),
          })
        : null,
    [d, t],
  );
  const totals = d?.compliance.reduce(
    (sum, c) => ({ done: sum.done + c.resolved, inTime: sum.inTime + c.resolvedInTime }),
    { done: 0, inTime: 0 },
  );
  const monthRate = totals ? percent(totals.inTime, totals.done) : null;

  return (
    <div className="page page--wide dashboard">
      <header className="page__header">
        <Typography.Title level={2} className="page__title">
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('dashboard.intro')}</Typography.Paragraph>
      </header>
      {dashboard.isError && <ErrorAlert error={dashboard.error} />}
      <Row gutter={[16, 16]} id="dashboard-totals">
        {(
          [
            ['open', d?.totals.open, '/cases'],
            ['unassigned', d?.totals.unassigned, '/cases?assignee=none'],
            ['overdue', d?.totals.overdue, '/cases?sort=sla'],
            ['mine', d?.totals.mine, '/cases?assignee=me'],
          ] as const
        ).map(([key, value, href]) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small" hoverable onClick={() => navigate(href)} data-total={key}>
              <Statistic
                title={t(`dashboard.total.${key}`)}
                value={value ?? '—'}
                loading={dashboard.isPending}
                valueStyle={key === 'overdue' && (value ?? 0) > 0 ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} className="dashboard__row">
        <Col xs={24} lg={14}>
          <Card title={t('dashboard.workload')} size="small" loading={dashboard.isPending}>
            {workload && d!.totals.open > 0 ? (
              <EChart id="dashboard-workload" option={workload} label={t('dashboard.workload')} />
            ) : (
              <Empty description={t('dashboard.noOpenCases')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={t('dashboard.compliance', { month: d?.month ?? '' })}
            size="small"
            loading={dashboard.isPending}
            extra={
              monthRate !== null && (
                <Typography.Text strong id="dashboard-month-rate">
                  {t('dashboard.monthRate', { rate: monthRate })}
                </Typography.Text>
              )
            }
          >
            {compliance && d!.compliance.some((c) => c.responded + c.resolved > 0) ? (
              <EChart
                id="dashboard-compliance"
                option={compliance}
                label={t('dashboard.compliance', { month: d!.month })}
              />
            ) : (
              <Empty description={t('dashboard.noneThisMonth')} />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="dashboard__row">
        <Col xs={24} xxl={12}>
          <Card
            title={t('dashboard.breachingSoon')}
            size="small"
            extra={
              <Segmented
                size="small"
                aria-label={t('dashboard.window')}
                value={withinHours}
                onChange={(v) => setWithinHours(v)}
                options={WINDOWS.map((h) => ({ value: h, label: t('dashboard.withinHours', { hours: h }) }))}
              />
            }
          >
            <Table
              id="dashboard-breaching"
              size="small"
              rowKey="id"
              pagination={false}
              loading={dashboard.isFetching && !dashboard.isPending}
              columns={columns}
              dataSource={d?.breachingSoon ?? []}
              locale={{ emptyText: t('dashboard.nothingBreaching') }}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card
            title={t('dashboard.myCases')}
            size="small"
            extra={<AppLink href="/cases?assignee=me">{t('dashboard.all')}</AppLink>}
          >
            <Table
              id="dashboard-mine"
              size="small"
              rowKey="id"
              pagination={false}
              columns={columns}
              dataSource={d?.myCases ?? []}
              locale={{ emptyText: t('dashboard.noMine') }}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
