/**
 * One received alert: what the monitoring system said (labels, annotations, times, its link),
 * which customer and case it went to, who assigned or dismissed it (and why it needs no case);
 * for an unmatched alert, the form that opens its case or dismisses it.
 */
import { Descriptions, Drawer, Empty, Skeleton, Space, Table, Typography } from 'antd';
import { AppLink } from '../../../web/app/app-link.tsx';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { AssignAlertForm } from './alert-assign-form.tsx';
import { AlertStateTag } from './alert-state-tag.tsx';
import { useAlert, type Alert } from './alerts.queries.ts';

export function AlertDrawer({ alertId, onClose }: { alertId: number; onClose: () => void }) {
  const t = useT();
  const alert = useAlert(alertId);
  return (
    <Drawer
      open
      onClose={onClose}
      size={640}
      title={alert.data?.name ?? t('alerts.drawer.title')}
      className="alert-drawer"
    >
      {alert.isPending ? (
        <Skeleton active />
      ) : alert.isError ? (
        <ErrorAlert error={alert.error} />
      ) : (
        <AlertDetail alert={alert.data} />
      )}
    </Drawer>
  );
}

function AlertDetail({ alert }: { alert: Alert }) {
  const t = useT();
  const { locale } = useLocale();
  const na = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={16} className="alerts-full">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('alerts.list.col.state')}>
          <AlertStateTag state={alert.state} locale={locale} />
          <Typography.Text type="secondary">{t(`alerts.status.${alert.status}`)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.list.col.source')}>
          {alert.source.name} ({t(`alerts.kind.${alert.source.kind}`)})
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.list.col.severity')}>{alert.severity ?? na}</Descriptions.Item>
        <Descriptions.Item label={t('alerts.list.col.device')}>
          {alert.device ? <span className="alerts-mono">{alert.device}</span> : na}
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.drawer.startsAt')}>
          {alert.startsAt ? formatDateTime(alert.startsAt) : na}
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.drawer.endsAt')}>
          {alert.endsAt ? formatDateTime(alert.endsAt) : na}
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.list.col.received')}>
          {formatDateTime(alert.receivedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.list.col.customer')}>
          {alert.organisation?.name ?? na}
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.list.col.case')}>
          {alert.case ? (
            <AppLink id="alert-case-link" href={`/cases/${alert.case.id}`}>
              {alert.case.number}
            </AppLink>
          ) : (
            na
          )}
        </Descriptions.Item>
        {alert.dismissReason && (
          <Descriptions.Item label={t('alerts.dismiss.reason')}>
            <span id="alert-dismiss-reason-text" className="alerts-prewrap">
              {alert.dismissReason}
            </span>
          </Descriptions.Item>
        )}
        {alert.handledBy && alert.handledAt && (
          <Descriptions.Item label={t('alerts.drawer.handled')}>
            {t('alerts.drawer.handledBy', {
              name: alert.handledBy.name,
              time: formatDateTime(alert.handledAt),
            })}
          </Descriptions.Item>
        )}
        {alert.link && (
          <Descriptions.Item label={t('alerts.drawer.link')}>
            <a href={alert.link} target="_blank" rel="noopener noreferrer">
              {t('alerts.drawer.openInMonitoring')}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      {alert.state === 'unmatched' && <AssignAlertForm alert={alert} />}
      <KeyValues title={t('alerts.drawer.labels')} values={alert.labels} id="alert-labels" />
      <KeyValues title={t('alerts.drawer.annotations')} values={alert.annotations} id="alert-annotations" />
    </Space>
  );
}

function KeyValues({ title, values, id }: { title: string; values: Record<string, string>; id: string }) {
  const t = useT();
  const rows = Object.entries(values).map(([key, value]) => ({ key, value }));
  return (
    <div>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Table
        id={id}
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.drawer.none')} />,
        }}
        columns={[
          {
            key: 'key',
            dataIndex: 'key',
            width: 180,
            render: (k: string) => <span className="alerts-mono">{k}</span>,
          },
          {
            key: 'value',
            dataIndex: 'value',
            render: (v: string) => <span className="alerts-prewrap">{v}</span>,
          },
        ]}
        showHeader={false}
      />
    </div>
  );
}
