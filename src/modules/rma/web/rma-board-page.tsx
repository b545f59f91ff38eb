/**
 * The RMA board of the spare-parts clerks and the service centre: a tab per stage of the seed 004
 * flow (with counts), filters kept in the URL (branch, customer, late returns, RMA number / serial
 * / vendor RMA number), newest first with keyset "load more".
 */
import { BarChartOutlined } from '@ant-design/icons';
import { Button, Checkbox, Select, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  OrganisationSelect,
  positiveInt,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { RMA_STATE_GROUPS, type RmaState, type RmaStateGroup } from '../rma-status.ts';
import { ReturnDue, RmaAge, RmaStateTag, routeLabel, sourceLabel } from './rma-display.tsx';
import { useBranches, useRmaList, type Rma, type RmaFilter, type RmaList } from './rma.queries.ts';
import './rma.css';

/** The board's tabs: the open RMAs, one per stage, and everything. */
const TABS = ['open', ...RMA_STATE_GROUPS, 'all'] as const;
type Tab = (typeof TABS)[number];
const OPEN_GROUPS: readonly RmaStateGroup[] = [
  'waiting_customer',
  'waiting_part',
  'to_replace',
  'faulty_return',
];

interface BoardView {
  tab: Tab;
  filter: RmaFilter & { state?: 'open' };
}

/** The URL's query string → the tab and the API's filter (unknown values are dropped, never sent). */
function readView(search: string): BoardView {
  const p = new URLSearchParams(search);
  const tabParam = p.get('tab');
  const tab: Tab = tabParam && (TABS as readonly string[]).includes(tabParam) ? (tabParam as Tab) : 'open';
  const filter: BoardView['filter'] = {};
  if (tab === 'open') filter.state = 'open';
  else if (tab !== 'all') filter.group = tab;
  const branchId = positiveInt(p.get('branchId'));
  if (branchId) filter.branchId = branchId;
  const organisationId = positiveInt(p.get('organisationId'));
  if (organisationId) filter.organisationId = organisationId;
  if (p.get('lateReturn') === 'true') filter.lateReturn = 'true';
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  return { tab, filter };
}

function tabCount(tab: Tab, counts: RmaList['counts']): number | undefined {
  if (!counts) return undefined;
  if (tab === 'open') return OPEN_GROUPS.reduce((sum, g) => sum + counts[g], 0);
  if (tab === 'all') return RMA_STATE_GROUPS.reduce((sum, g) => sum + counts[g], 0);
  return counts[tab];
}

export function RmaBoardPage() {
  const t = useT();
  const { search } = useLocation();
  const { tab, filter } = useMemo(() => readView(search), [search]);
  const list = useRmaList(filter);
  const branches = useBranches({ activeOnly: true });
  const update = useUrlFilters('/rmas');
  const counts = list.data?.pages[0]?.counts;

  const columns: TableColumnsType<Rma> = [
    {
      key: 'number',
      title: t('rma.col.number'),
      dataIndex: 'number',
      width: 140,
      fixed: 'left',
      render: (number: string, rma) => (
        <AppLink href={`/rmas/${rma.id}`} className="rma-mono rma-number">
          {number}
        </AppLink>
      ),
    },
    {
      key: 'case',
      title: t('rma.col.case'),
      width: 170,
      ellipsis: true,
      render: (_, rma) => (
        <Space orientation="vertical" size={0} className="rma-board__case">
          <AppLink href={`/cases/${rma.case.id}`} className="rma-mono">
            {rma.case.number}
          </AppLink>
          <Typography.Text type="secondary" className="rma-board__sub" ellipsis>
            {rma.case.title}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'customer',
      title: t('rma.col.customer'),
      width: 140,
      ellipsis: true,
      render: (_, rma) => (
        <Space orientation="vertical" size={0}>
          <span>{rma.organisation.name}</span>
          {rma.branch && (
            <Typography.Text type="secondary" className="rma-board__sub">
              {rma.branch.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'part',
      title: t('rma.col.part'),
      ellipsis: true,
      render: (_, rma) => (
        <Space orientation="vertical" size={0} className="rma-board__part">
          <span className="rma-mono">
            {rma.part.partNumber}
            {rma.quantity > 1 && ` × ${rma.quantity}`}
          </span>
          <Typography.Text type="secondary" className="rma-board__sub" ellipsis>
            {rma.part.name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'faultySerial',
      title: t('rma.col.faultySerial'),
      dataIndex: 'faultySerial',
      width: 130,
      render: (serial: string) => <span className="rma-mono">{serial}</span>,
    },
    {
      key: 'source',
      title: t('rma.col.source'),
      width: 90,
      render: (_, rma) => sourceLabel(rma.source, t),
    },
    {
      key: 'route',
      title: t('rma.col.route'),
      width: 120,
      render: (_, rma) => (
        <Space orientation="vertical" size={0}>
          <span>{routeLabel(rma.route, t)}</span>
          {rma.vendorRmaNumber && (
            <Typography.Text type="secondary" className="rma-board__sub rma-mono">
              {rma.vendorRmaNumber}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'state',
      title: t('rma.col.state'),
      dataIndex: 'state',
      width: 140,
      render: (state: RmaState) => <RmaStateTag state={state} />,
    },
    {
      key: 'returnDue',
      title: t('rma.col.returnDue'),
      width: 160,
      render: (_, rma) => <ReturnDue rma={rma} />,
    },
    {
      key: 'age',
      title: t('rma.col.age'),
      width: 90,
      render: (_, rma) => <RmaAge rma={rma} />,
    },
  ];

  return (
    <div className="page page--wide rma-board">
      <header className="page__header rma-page-header">
        <Typography.Title level={2} className="page__title">
          {t('rma.board.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            id="rma-report-link"
            icon={<BarChartOutlined />}
            href="/rmas/report"
            onClick={(event) => {
              // A plain click stays in the app; ctrl/cmd-click still opens a tab.
              if (event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              navigate('/rmas/report');
            }}
          >
            {t('rma.report.link')}
          </Button>
        </Space>
      </header>
      <Tabs
        id="rma-board-tabs"
        className="rma-board__tabs"
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'open' ? undefined : key })}
        items={TABS.map((key) => {
          const count = tabCount(key, counts);
          return {
            key,
            label: (
              <span data-tab={key}>
                {t(`rma.tab.${key}`)}
                {count !== undefined && <span className="rma-board__count">{count}</span>}
              </span>
            ),
          };
        })}
      />
      <FilterBar className="rma-board__filters">
        <SearchInput
          id="rma-search"
          aria-label={t('rma.board.search')}
          placeholder={t('rma.board.searchPlaceholder')}
          value={filter.q}
          onSearch={(q) => update({ q })}
          className="rma-board__search"
        />
        <Select
          aria-label={t('rma.filter.branch')}
          placeholder={t('rma.filter.branch')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="rma-board__select"
          value={filter.branchId}
          loading={branches.isPending}
          onChange={(value?: number) => update({ branchId: value })}
          options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <OrganisationSelect
          aria-label={t('rma.filter.customer')}
          placeholder={t('rma.filter.customer')}
          allowClear
          className="rma-board__select rma-board__select--wide"
          value={filter.organisationId}
          onChange={(value?: number) => update({ organisationId: value })}
        />
        <Checkbox
          id="rma-late-only"
          checked={filter.lateReturn === 'true'}
          onChange={(event) => update({ lateReturn: event.target.checked ? 'true' : undefined })}
        >
          {t('rma.filter.lateOnly')}
        </Checkbox>
        <RefreshButton label={t('rma.board.refresh')} query={list} />
      </FilterBar>
      <KeysetTable<Rma>
        id="rma-board-table"
        list={list}
        columns={columns}
        scroll={{ x: 1280 }}
        locale={{ emptyText: t('rma.board.empty') }}
        rowClassName={(rma) => (rma.returnLate && !rma.returnedAt ? 'rma-row--late' : '')}
        moreClassName="rma-board__more"
        loadMore={t('rma.board.loadMore')}
        endOfList={(count) => t('rma.board.endOfList', { count })}
      />
    </div>
  );
}
