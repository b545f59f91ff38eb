/**
 * Received monitoring alerts, a work queue: by default the unmatched ones (no asset, site or
 * customer found for them) waiting for someone to name the customer; any other state, or all,
 * through the filter kept in the URL. A row opens the alert's drawer (labels, annotations,
 * assign or dismiss). Who may see it follows the alerts API's policy: intake staff and
 * administrators (ALERT_QUEUE_ROLES).
 */
import { Button, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  positiveInt,
  RefreshButton,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { ALERT_STATES, type AlertState } from '../alert-rules.ts';
import { mayWorkAlerts } from './alert-access.ts';
import { AlertDrawer } from './alert-drawer.tsx';
import { AlertStateTag, alertStateLabel } from './alert-state-tag.tsx';
import { AlertsHeader } from './alerts-header.tsx';
import { useAlertList, type Alert } from './alerts.queries.ts';
import './alerts.css';

const PATH = '/alerts';
/** The states worth a tab of their own; the rest are under "all". */
const TABS = ['unmatched', 'opened', 'assigned', 'dismissed', 'all'] as const;

function readView(search: string): { state: AlertState | 'all'; openId: number | undefined } {
  const p = new URLSearchParams(search);
  const state = p.get('state');
  return {
    state:
      state === 'all' || (state && (ALERT_STATES as readonly string[]).includes(state))
        ? (state as AlertState | 'all')
        : 'unmatched',
    openId: positiveInt(p.get('alert')),
  };
}

export function AlertListPage() {
  const me = useMe();
  if (!mayWorkAlerts(me.roles)) return <NotFoundPage />;
  return <AlertList />;
}

function AlertList() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const { state, openId } = useMemo(() => readView(search), [search]);
  const list = useAlertList(state === 'all' ? undefined : state);
  const setFilter = useUrlFilters(PATH);
  const open = (alert: Alert | undefined) => setFilter({ alert: alert?.id });

  const stateOptions = [...new Set<string>([...TABS, ...(state === 'all' ? [] : [state])])].map((s) => ({
    value: s,
    label: s === 'all' ? t('alerts.list.all') : alertStateLabel(s as AlertState, locale),
  }));

  const columns: TableColumnsType<Alert> = [
    {
      key: 'received',
      title: t('alerts.list.col.received'),
      width: 150,
      render: (_, a) => <span className="alerts-nowrap">{formatDateTime(a.receivedAt)}</span>,
    },
    {
      key: 'state',
      title: t('alerts.list.col.state'),
      width: 160,
      render: (_, a) => (
        <>
          <AlertStateTag state={a.state} locale={locale} />
          {a.dismissReason && (
            <Typography.Text type="secondary" className="alerts-small alert-dismiss-reason">
              {a.dismissReason}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'name',
      title: t('alerts.list.col.name'),
      render: (_, a) => (
        <Button type="link" className="alert-open" onClick={() => open(a)}>
          {a.name}
        </Button>
      ),
    },
    {
      key: 'severity',
      title: t('alerts.list.col.severity'),
      width: 110,
      render: (_, a) =>
        a.severity ? (
          <Tag color={a.status === 'firing' ? 'red' : 'green'}>{a.severity}</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'device',
      title: t('alerts.list.col.device'),
      width: 170,
      ellipsis: true,
      render: (_, a) => <span className="alerts-mono">{a.device ?? '—'}</span>,
    },
    {
      key: 'source',
      title: t('alerts.list.col.source'),
      width: 160,
      ellipsis: true,
      render: (_, a) => a.source.name,
    },
    {
      key: 'customer',
      title: t('alerts.list.col.customer'),
      width: 170,
      ellipsis: true,
      render: (_, a) => a.organisation?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'case',
      title: t('alerts.list.col.case'),
      width: 150,
      render: (_, a) =>
        a.case ? (
          <AppLink href={`/cases/${a.case.id}`}>{a.case.number}</AppLink>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <div className="page alerts-page alerts-page--wide">
      <AlertsHeader title={t('alerts.list.title')}>
        <RefreshButton label={t('alerts.refresh')} query={list} />
      </AlertsHeader>
      <FilterBar className="alerts-filters">
        <Segmented
          id="alert-state-filter"
          value={state}
          onChange={(value) => setFilter({ state: value === 'unmatched' ? undefined : String(value) })}
          options={stateOptions}
        />
      </FilterBar>
      <KeysetTable<Alert>
        list={list}
        columns={columns}
        moreClassName="alerts-more"
        loadMore={t('alerts.loadMore')}
        endOfList={(count) => t('alerts.list.endOfList', { count })}
        scroll={{ x: 1100 }}
        rowClassName={() => 'alert-row'}
        locale={{
          emptyText: state === 'unmatched' ? t('alerts.list.noneUnmatched') : t('alerts.list.empty'),
        }}
      />
      {openId !== undefined && <AlertDrawer alertId={openId} onClose={() => open(undefined)} />}
    </div>
  );
}
