/**
 * 我的案例: the cases of the contact's organisation (the server scopes the list), newest first, as
 * cards that read well on a phone. Filters live in the URL: status (open / awaiting confirmation /
 * closed / all), priority and search text; keyset paging with "load more".
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { AppLink } from '../../../../web/app/app-link.tsx';
import { navigate, useLocation } from '../../../../web/app/router.ts';
import { useLocale, useT } from '../../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../../web/shell/error-alert.tsx';
import { PRIORITIES, PRIORITY_INFO } from '../../case-status.ts';
import { formatDateTime, PriorityTag, StateTag } from '../case-display.tsx';
import { useCaseList, type CaseFilter, type CaseListItem } from '../cases.queries.ts';
import { PORTAL_CASES, portalCasePath } from './portal-paths.ts';
import '../cases.css';
import './portal.css';

const STATUSES = ['open', 'resolved', 'closed', 'all'] as const;
type Status = (typeof STATUSES)[number];

interface PortalFilter {
  status: Status;
  priority?: number;
  q?: string;
}

/** The URL's query string → the page's filter; unknown values fall back to the defaults. */
function readFilter(search: string): PortalFilter {
  const p = new URLSearchParams(search);
  const status = p.get('status');
  const priority = Number(p.get('priority'));
  const q = p.get('q')?.trim().slice(0, 100);
  return {
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Status) : 'open',
    ...(priority >= 1 && priority <= 4 ? { priority } : {}),
    ...(q ? { q } : {}),
  };
}

/** The page's filter → the API's (`GET /api/cases`, already limited to the contact's organisation). */
function toApiFilter(filter: PortalFilter): CaseFilter {
  const api: CaseFilter = { sort: 'newest' };
  if (filter.status === 'open') api.open = 'true';
  if (filter.status === 'resolved') api.state = 'resolved';
  if (filter.status === 'closed') api.state = 'closed';
  if (filter.priority) api.priority = filter.priority;
  if (filter.q) api.q = filter.q;
  return api;
}

export function PortalCaseListPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const list = useCaseList(toApiFilter(filter));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  /** The URL is the state: back/forward walk through the views, and a view can be bookmarked. */
  const update = (changes: Partial<Record<keyof PortalFilter, string | number | undefined>>) => {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'status' && value === 'open')) params.delete(key);
      else params.set(key, String(value));
    }
    const query = params.toString();
    navigate(`${PORTAL_CASES}${query ? `?${query}` : ''}`, { replace: true });
  };

  return (
    <div className="page portal-page">
      <header className="case-page-header">
        <Typography.Title level={2} className="page__title">
          {t('portal.cases.title')}
        </Typography.Title>
        <Space>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('cases.refresh')}
            loading={list.isRefetching && !list.isFetchingNextPage}
            onClick={() => void list.refetch()}
          />
          <Button
            id="portal-new-case-button"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`${PORTAL_CASES}/new`)}
          >
            {t('portal.nav.newCase')}
          </Button>
        </Space>
      </header>

      <div className="portal-filters" id="portal-case-filters">
        <Segmented<Status>
          id="portal-status-filter"
          value={filter.status}
          onChange={(status) => update({ status })}
          options={STATUSES.map((value) => ({ value, label: t(`portal.cases.status.${value}`) }))}
        />
        <div className="portal-filters__row">
          <Input.Search
            key={filter.q ?? ''}
            id="portal-case-search"
            className="portal-filters__search"
            allowClear
            defaultValue={filter.q}
            placeholder={t('portal.cases.searchPlaceholder')}
            aria-label={t('cases.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            className="portal-filters__priority"
            aria-label={t('cases.filter.priority')}
            allowClear
            placeholder={t('portal.cases.allPriorities')}
            value={filter.priority}
            onChange={(priority?: number) => update({ priority })}
            options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label[locale] }))}
          />
        </div>
      </div>

      {list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <List<CaseListItem>
          id="portal-case-list"
          className="portal-case-list"
          loading={list.isPending}
          dataSource={items}
          locale={{
            emptyText: (
              <Empty description={t('cases.empty')}>
                {filter.status === 'open' && !filter.q && !filter.priority && (
                  <Button type="primary" onClick={() => navigate(`${PORTAL_CASES}/new`)}>
                    {t('portal.nav.newCase')}
                  </Button>
                )}
              </Empty>
            ),
          }}
          renderItem={(item) => <CaseCard item={item} />}
        />
      )}
      {list.hasNextPage ? (
        <div className="case-queue__more">
          <Button
            id="portal-load-more"
            loading={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          >
            {t('cases.loadMore')}
          </Button>
        </div>
      ) : (
        items.length > 0 && (
          <Typography.Paragraph type="secondary" className="case-queue__more">
            {t('cases.endOfList', { count: items.length })}
          </Typography.Paragraph>
        )
      )}
    </div>
  );
}

function CaseCard({ item }: { item: CaseListItem }) {
  const t = useT();
  return (
    <List.Item className={`portal-case-card portal-case-card--p${item.priority}`} data-case-id={item.id}>
      <AppLink href={portalCasePath(item.id)} className="portal-case-card__link">
        <div className="portal-case-card__head">
          <PriorityTag priority={item.priority} />
          <span className="case-number">{item.number}</span>
          <StateTag state={item.state} />
          {item.state === 'resolved' && <Tag color="warning">{t('portal.cases.awaitingYou')}</Tag>}
        </div>
        <div className="portal-case-card__title">{item.title}</div>
        <div className="portal-case-card__meta">
          <span>{t('portal.cases.openedAt', { time: formatDateTime(item.openedAt) })}</span>
          <span>{t('portal.cases.updatedAt', { time: formatDateTime(item.updatedAt) })}</span>
          {item.contact && <span>{t('portal.cases.reportedBy', { name: item.contact.name })}</span>}
        </div>
      </AppLink>
    </List.Item>
  );
}
