/**
 * The outbox (administrators): every message TACdesk sends — e-mail, SMS, group robots, webhooks —
 * newest first with its status, attempts and last error (worded in the reader's language from its
 * problem code, the server's own words on hover and in the expanded row; a row failed before
 * problem codes shows its words alone); filters by status, channel and case kept in the URL
 * (applied by the server); held and dead messages can be sent again. The case shows by its number,
 * a waiting message by its next attempt. A message folded into a robot's digest (over the rate
 * limit) names the digest, and a digest lists the lines it carried.
 */
import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { describeError } from '../../../web/api/error-message.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey, Translate } from '../../../web/i18n/translate.ts';
import {
  FilterBar,
  KeysetTable,
  positiveInt,
  RefreshButton,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  useDeliveryList,
  useRetryDelivery,
  type Delivery,
  type DeliveryChannel,
  type DeliveryFilter,
  type DeliveryStatus,
} from './deliveries.queries.ts';
import { problemWording } from './channel-problem.ts';
import { NotificationsHeader } from './notifications-header.tsx';
import './notifications.css';

const PATH = '/admin/deliveries';
const STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: 'blue',
  sending: 'processing',
  sent: 'green',
  held: 'orange',
  dead: 'red',
  folded: 'purple',
};
const RETRIABLE = new Set(['held', 'dead']);

function readFilter(search: string): DeliveryFilter {
  const p = new URLSearchParams(search);
  const filter: DeliveryFilter = {};
  const status = p.get('status');
  if (status && (DELIVERY_STATUSES as readonly string[]).includes(status))
    filter.status = status as DeliveryStatus;
  const channel = p.get('channel');
  if (channel && (DELIVERY_CHANNELS as readonly string[]).includes(channel))
    filter.channel = channel as DeliveryChannel;
  filter.caseId = positiveInt(p.get('caseId'));
  return filter;
}

/** A status's label; one this screen does not know is shown as the server spells it. */
function statusLabel(status: string, t: Translate): string {
  return (DELIVERY_STATUSES as readonly string[]).includes(status)
    ? t(`notifications.status.${status as DeliveryStatus}`)
    : status;
}

export const channelLabel = (channel: DeliveryChannel, t: Translate) =>
  t(`notifications.channel.${channel}` satisfies MessageKey);

export function DeliveryListPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <DeliveryList />;
}

function DeliveryList() {
  const t = useT();
  const { message } = App.useApp();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const list = useDeliveryList(filter);
  const retry = useRetryDelivery();
  const setFilter = useUrlFilters(PATH);

  const retryOne = (d: Delivery) =>
    retry.mutate(d.id, {
      onSuccess: () => void message.success(t('notifications.outbox.retried', { id: d.id })),
      onError: (error) => void message.error(describeError(error, t).message),
    });

  const columns: TableColumnsType<Delivery> = [
    {
      key: 'created',
      title: t('notifications.outbox.col.created'),
      width: 150,
      render: (_, d) => <span className="notif-nowrap">{formatDateTime(d.createdAt)}</span>,
    },
    {
      key: 'channel',
      title: t('notifications.outbox.col.channel'),
      width: 100,
      render: (_, d) => <Tag>{channelLabel(d.channel, t)}</Tag>,
    },
    {
      key: 'recipient',
      title: t('notifications.outbox.col.recipient'),
      ellipsis: true,
      render: (_, d) => <span className="notif-mono">{d.recipient}</span>,
    },
    {
      key: 'template',
      title: t('notifications.outbox.col.template'),
      width: 170,
      render: (_, d) => <span className="notif-mono">{d.template}</span>,
    },
    {
      key: 'case',
      title: t('notifications.outbox.col.case'),
      width: 150,
      render: (_, d) =>
        d.caseId === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <AppLink href={`/cases/${d.caseId}`} className="delivery-case notif-nowrap">
            {d.caseNumber ?? `#${d.caseId}`}
          </AppLink>
        ),
    },
    {
      key: 'status',
      title: t('notifications.outbox.col.status'),
      width: 110,
      render: (_, d) => (
        <Tag className="delivery-status" color={STATUS_COLORS[d.status as DeliveryStatus]}>
          {statusLabel(d.status, t)}
        </Tag>
      ),
    },
    {
      key: 'attempts',
      title: t('notifications.outbox.col.attempts'),
      width: 90,
      render: (_, d) => `${d.attempts}/${d.maxAttempts}`,
    },
    {
      key: 'when',
      title: t('notifications.outbox.col.when'),
      width: 160,
      render: (_, d) => <DeliveryWhen delivery={d} t={t} />,
    },
    {
      key: 'error',
      title: t('notifications.outbox.col.lastError'),
      width: 150,
      render: (_, d) => <LastError delivery={d} t={t} />,
    },
    {
      key: 'actions',
      title: t('notifications.outbox.col.actions'),
      width: 100,
      render: (_, d) =>
        RETRIABLE.has(d.status) && (
          <Popconfirm
            title={t('notifications.outbox.retryConfirm', { id: d.id })}
            okText={t('notifications.outbox.retry')}
            cancelText={t('dialog.cancel')}
            onConfirm={() => retryOne(d)}
          >
            <Button
              type="link"
              size="small"
              icon={<RedoOutlined />}
              className="delivery-retry"
              loading={retry.isPending && retry.variables === d.id}
            >
              {t('notifications.outbox.retry')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div className="page notif-page notif-page--wide">
      <NotificationsHeader title={t('notifications.outbox.title')}>
        <RefreshButton label={t('notifications.refresh')} query={list} />
      </NotificationsHeader>
      <Typography.Paragraph type="secondary">{t('notifications.outbox.intro')}</Typography.Paragraph>
      <FilterBar className="notif-filters">
        <Select
          id="delivery-status-filter"
          aria-label={t('notifications.outbox.filter.status')}
          placeholder={t('notifications.outbox.filter.status')}
          allowClear
          className="notif-filters__select"
          value={filter.status}
          onChange={(status?: string) => setFilter({ status })}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: statusLabel(s, t) }))}
        />
        <Select
          id="delivery-channel-filter"
          aria-label={t('notifications.outbox.filter.channel')}
          placeholder={t('notifications.outbox.filter.channel')}
          allowClear
          className="notif-filters__select"
          value={filter.channel}
          onChange={(channel?: string) => setFilter({ channel })}
          options={DELIVERY_CHANNELS.map((c) => ({ value: c, label: channelLabel(c, t) }))}
        />
        {filter.caseId && (
          <Tag closable onClose={() => setFilter({ caseId: undefined })}>
            {t('notifications.outbox.filter.case', { id: filter.caseId })}
          </Tag>
        )}
      </FilterBar>
      <KeysetTable<Delivery>
        list={list}
        columns={columns}
        moreClassName="notif-more"
        loadMore={t('notifications.loadMore')}
        endOfList={(count) => t('notifications.outbox.endOfList', { count })}
        scroll={{ x: 1300 }}
        rowClassName={(d) => `delivery-row delivery-row--${d.status}`}
        expandable={{
          rowExpandable: (d) => Boolean(d.lastError) || d.foldedIntoId !== null || d.digest !== null,
          expandedRowRender: (d) => <DeliveryDetail delivery={d} t={t} />,
        }}
        locale={{ emptyText: t('notifications.outbox.empty') }}
      />
    </div>
  );
}

/** When it went, or when a pending or held message is tried next. */
function DeliveryWhen({ delivery: d, t }: { delivery: Delivery; t: Translate }) {
  if (d.sentAt) return <span className="notif-nowrap">{formatDateTime(d.sentAt)}</span>;
  if (d.status === 'pending' || d.status === 'held')
    return (
      <Typography.Text type="secondary" className="notif-nowrap delivery-next">
        {t('notifications.outbox.nextAttempt', { time: formatDateTime(d.nextAttemptAt) })}
      </Typography.Text>
    );
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/**
 * The last error in the reader's words; on hover, whole and with the server's own words below.
 * One recorded before problem codes is shown in the server's words.
 */
function LastError({ delivery: d, t }: { delivery: Delivery; t: Translate }) {
  if (!d.lastError) return <Typography.Text type="secondary">—</Typography.Text>;
  const worded = d.lastProblem && problemWording(t, 'outbox', d.lastProblem);
  return (
    <Tooltip
      title={
        <>
          {worded && <div>{worded}</div>}
          <div className="delivery-error__detail">{d.lastError}</div>
        </>
      }
    >
      <Typography.Paragraph type="danger" className="delivery-error" ellipsis={{ rows: 2 }}>
        {worded ?? d.lastError}
      </Typography.Paragraph>
    </Tooltip>
  );
}

/** The expanded row: the whole error, the digest that carried a folded message, a digest's lines. */
function DeliveryDetail({ delivery: d, t }: { delivery: Delivery; t: Translate }) {
  return (
    <div className="delivery-detail">
      {d.lastError && (
        <div>
          <Typography.Text strong>{t('notifications.outbox.col.lastError')}</Typography.Text>
          {d.lastProblem && (
            <Typography.Paragraph type="danger" className="delivery-detail__problem">
              {problemWording(t, 'outbox', d.lastProblem)}
            </Typography.Paragraph>
          )}
          {d.lastProblem && (
            <Typography.Text type="secondary">{t('notifications.outbox.problemDetail')}</Typography.Text>
          )}
          <pre className="delivery-detail__error">{d.lastError}</pre>
        </div>
      )}
      {d.foldedIntoId !== null && (
        <Typography.Paragraph className="delivery-detail__folded">
          {t('notifications.outbox.foldedInto', { id: d.foldedIntoId })}
        </Typography.Paragraph>
      )}
      {d.digest && (
        <div className="delivery-detail__digest">
          <Typography.Text strong>{t('notifications.outbox.digestOf')}</Typography.Text>
          {d.digest.length === 0 ? (
            <Typography.Paragraph type="secondary">
              {t('notifications.outbox.digestNone')}
            </Typography.Paragraph>
          ) : (
            <ul>
              {d.digest.map((line) => (
                <li key={line.deliveryId}>
                  #{line.deliveryId} · {line.title}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
