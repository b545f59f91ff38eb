/**
 * The case queue: server-side filters kept in the URL (so a view can be bookmarked or shared),
 * full-text search, three sorts, keyset paging with "load more", and CSV / Excel export of the
 * same filter.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { queryParams } from '../../../web/api/query-params.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  keysetItems,
  OrganisationSelect,
  positiveInt,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import {
  CASE_STATES,
  CHANNELS,
  PRIORITIES,
  STATE_INFO,
  type CaseState,
  type Channel,
} from '../case-status.ts';
import { formatDateTime, PriorityTag, RelativeDue, StateTag } from './case-display.tsx';
import { useCaseList, useCaseMeta, useCaseSla, type CaseFilter, type CaseListItem } from './cases.queries.ts';
import { SavedViewsMenu } from './saved-views-menu.tsx';
import { BulkAssignBar } from './bulk-assign-bar.tsx';
import './cases.css';

type Scope = 'all' | 'mine' | 'group' | 'unassigned';
const SORTS = ['newest', 'sla', 'relevance'] as const;
type Sort = (typeof SORTS)[number];
const BREACHING = [0, 30, 60, 240, 1440] as const;

/** The URL's query string → the API's filter (unknown values are dropped, never sent). */
function readFilter(search: string): CaseFilter {
  const p = new URLSearchParams(search);
  const filter: CaseFilter = {};
  const assignee = p.get('assignee');
  if (assignee === 'me' || assignee === 'none') filter.assignee = assignee;
  if (p.get('group') === 'mine') filter.group = 'mine';
  const state = p.get('state');
  if (state && (CASE_STATES as readonly string[]).includes(state)) filter.state = state as CaseState;
  // Open cases unless a state is picked or "all" asked for.
  if (!filter.state && p.get('open') !== 'all') filter.open = 'true';
  const priority = Number(p.get('priority'));
  if (priority >= 1 && priority <= 4) filter.priority = priority;
  const channel = p.get('channel');
  if (channel && (CHANNELS as readonly string[]).includes(channel)) filter.channel = channel as Channel;
  const breaching = p.get('breachingWithin');
  if (breaching !== null && /^\d+$/.test(breaching)) filter.breachingWithin = Number(breaching);
  const organisationId = positiveInt(p.get('organisationId'));
  if (organisationId) filter.organisationId = organisationId;
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  const sort = p.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort) && (sort !== 'relevance' || q))
    filter.sort = sort as Sort;
  return filter;
}

function scopeOf(filter: CaseFilter): Scope {
  if (filter.assignee === 'me') return 'mine';
  if (filter.assignee === 'none') return 'unassigned';
  if (filter.group === 'mine') return 'group';
  return 'all';
}

export function CaseQueuePage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const list = useCaseList(filter);
  const update = useUrlFilters('/cases');
  // Bulk assignment: dispatchers tick rows; a new filter starts a new selection.
  const canBulkAssign = useCaseMeta().data?.abilities?.bulkAssign ?? false;
  // Ticked rows are kept even when a live update drops one from the list: the server says why.
  const [picked, setPicked] = useState<{ search: string; rows: CaseListItem[] }>({ search, rows: [] });
  const selected = picked.search === search ? picked.rows : [];
  const selectedIds = selected.map((item) => item.id);
  const setSelectedIds = (ids: number[]) => {
    const known = new Map([...selected, ...keysetItems(list)].map((item) => [item.id, item]));
    setPicked({ search, rows: ids.flatMap((id) => known.get(id) ?? []) });
  };

  const setScope = (scope: Scope) =>
    update({
      assignee: scope === 'mine' ? 'me' : scope === 'unassigned' ? 'none' : undefined,
      group: scope === 'group' ? 'mine' : undefined,
    });

  const exportHref = (format: 'csv' | 'xlsx') => {
    const params = queryParams(filter);
    params.set('format', format);
    return `/api/cases/export?${params}`;
  };
  const stateValue = filter.state ?? (filter.open ? 'open' : 'all');

  const columns: TableColumnsType<CaseListItem> = [
    {
      key: 'number',
      title: t('cases.col.number'),
      dataIndex: 'number',
      width: 160,
      fixed: 'left',
      render: (number: string, item) => (
        <AppLink href={`/cases/${item.id}`} className="case-number">
          {number}
        </AppLink>
      ),
    },
    {
      key: 'priority',
      title: t('cases.col.priority'),
      dataIndex: 'priority',
      width: 72,
      render: (priority: number) => <PriorityTag priority={priority} />,
    },
    {
      key: 'title',
      title: t('cases.col.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, item) => (
        <Space orientation="vertical" size={0} className="case-queue__title">
          <AppLink href={`/cases/${item.id}`}>{title}</AppLink>
          <Typography.Text type="secondary" className="case-queue__customer">
            {item.organisation.name}
            {item.commercialHold && (
              <Typography.Text type="warning"> · {t('cases.commercialHold')}</Typography.Text>
            )}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'state',
      title: t('cases.col.state'),
      dataIndex: 'state',
      width: 120,
      render: (state: CaseState) => <StateTag state={state} />,
    },
    {
      key: 'sla',
      title: t('cases.col.sla'),
      width: 150,
      render: (_, item) => <SlaDueCell item={item} />,
    },
    {
      key: 'assignee',
      title: t('cases.col.assignee'),
      width: 140,
      render: (_, item) =>
        item.assignee?.name ??
        (item.group ? (
          item.group.name
        ) : (
          <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>
        )),
    },
    {
      key: 'channel',
      title: t('cases.col.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (channel: Channel) => t(`channel.${channel}`),
    },
    {
      key: 'openedAt',
      title: t('cases.col.openedAt'),
      dataIndex: 'openedAt',
      width: 150,
      render: (openedAt: string) => formatDateTime(openedAt),
    },
  ];

  return (
    <div className="page page--wide case-queue">
      <header className="page__header case-page-header">
        <Typography.Title level={2} className="page__title">
          {t('cases.title')}
        </Typography.Title>
        <Space wrap>
          <SavedViewsMenu />
          <Button href={exportHref('csv')} icon={<DownloadOutlined />} download>
            {t('cases.exportCsv')}
          </Button>
          <Button href={exportHref('xlsx')} icon={<DownloadOutlined />} download>
            {t('cases.exportExcel')}
          </Button>
          <Button
            id="new-case-button"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/cases/new')}
          >
            {t('cases.new')}
          </Button>
        </Space>
      </header>
      <FilterBar className="case-queue__filters">
        <Segmented<Scope>
          aria-label={t('cases.filter.scope')}
          value={scopeOf(filter)}
          onChange={setScope}
          options={[
            { value: 'all', label: t('cases.scope.all') },
            { value: 'mine', label: t('cases.scope.mine') },
            { value: 'group', label: t('cases.scope.group') },
            { value: 'unassigned', label: t('cases.scope.unassigned') },
          ]}
        />
        <SearchInput
          aria-label={t('cases.search')}
          placeholder={t('cases.searchPlaceholder')}
          value={filter.q}
          onSearch={(q) => update({ q, sort: q ? 'relevance' : undefined })}
          className="case-queue__search"
        />
        <Select
          aria-label={t('cases.filter.state')}
          value={stateValue}
          className="case-queue__select"
          onChange={(value: string) =>
            update({
              state: value === 'open' || value === 'all' ? undefined : value,
              open: value === 'all' ? 'all' : undefined,
            })
          }
          options={[
            { value: 'open', label: t('cases.filter.openStates') },
            { value: 'all', label: t('cases.filter.allStates') },
            ...CASE_STATES.map((state) => ({ value: state, label: STATE_INFO[state].label[locale] })),
          ]}
        />
        <Select
          aria-label={t('cases.filter.priority')}
          placeholder={t('cases.filter.priority')}
          allowClear
          className="case-queue__select case-queue__select--narrow"
          value={filter.priority}
          onChange={(value?: number) => update({ priority: value })}
          options={PRIORITIES.map((p) => ({ value: p, label: `P${p}` }))}
        />
        <Select
          aria-label={t('cases.filter.breaching')}
          placeholder={t('cases.filter.breaching')}
          allowClear
          className="case-queue__select"
          value={filter.breachingWithin}
          onChange={(value?: number) => update({ breachingWithin: value })}
          options={BREACHING.map((minutes) => ({
            value: minutes,
            label:
              minutes === 0 ? t('cases.filter.breached') : t('cases.filter.breachingWithin', { minutes }),
          }))}
        />
        <Select
          aria-label={t('cases.filter.channel')}
          placeholder={t('cases.filter.channel')}
          allowClear
          className="case-queue__select case-queue__select--narrow"
          value={filter.channel}
          onChange={(value?: string) => update({ channel: value })}
          options={CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
        />
        <OrganisationSelect
          aria-label={t('cases.filter.customer')}
          placeholder={t('cases.filter.customer')}
          allowClear
          className="case-queue__select case-queue__select--wide"
          value={filter.organisationId}
          onChange={(value?: number) => update({ organisationId: value })}
        />
        <Select
          aria-label={t('cases.sort')}
          className="case-queue__select"
          value={filter.sort ?? 'newest'}
          onChange={(value: Sort) => update({ sort: value === 'newest' ? undefined : value })}
          options={SORTS.map((sort) => ({
            value: sort,
            label: t(`cases.sort.${sort}`),
            disabled: sort === 'relevance' && !filter.q,
          }))}
        />
        <RefreshButton label={t('cases.refresh')} query={list} />
      </FilterBar>
      {canBulkAssign && (
        <BulkAssignBar
          selected={selected}
          onClear={() => setSelectedIds([])}
          onAssigned={() => setSelectedIds([])}
        />
      )}
      <KeysetTable<CaseListItem>
        id="case-queue-table"
        list={list}
        rowSelection={
          canBulkAssign
            ? {
                selectedRowKeys: selectedIds,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelectedIds(keys.map(Number)),
                getCheckboxProps: (item) => ({
                  disabled: !STATE_INFO[item.state].open,
                  'aria-label': `${t('queueTools.bulk.select')} ${item.number}`,
                }),
              }
            : undefined
        }
        columns={columns}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('cases.empty') }}
        rowClassName={(item) => (item.priority === 1 && STATE_INFO[item.state].open ? 'case-row--p1' : '')}
        moreClassName="case-queue__more"
        loadMore={t('cases.loadMore')}
        endOfList={(count) => t('cases.endOfList', { count })}
      />
    </div>
  );
}

/**
 * The next SLA due time of an open case. The list API does not carry it yet, so it is read per
 * visible row from the case's SLA (cached); `slaNextDueAt` is used as soon as the list has it.
 */
function SlaDueCell({ item }: { item: CaseListItem }) {
  const t = useT();
  const open = STATE_INFO[item.state].open;
  const fromList = item.slaNextDueAt !== undefined;
  const sla = useCaseSla(item.id, open && !fromList);
  if (!open) return <Typography.Text type="secondary">—</Typography.Text>;
  if (fromList)
    return item.slaNextDueAt ? (
      <RelativeDue dueAt={item.slaNextDueAt} />
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  if (!sla.data) return <Typography.Text type="secondary">…</Typography.Text>;
  if (sla.data.paused) return <Typography.Text type="secondary">{t('sla.paused')}</Typography.Text>;
  const next = sla.data.clocks
    .filter((clock) => !clock.metAt)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return next ? (
    <RelativeDue dueAt={next.dueAt} />
  ) : (
    <Typography.Text type="secondary">{t('sla.none')}</Typography.Text>
  );
}
