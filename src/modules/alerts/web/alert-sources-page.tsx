/**
 * Alert sources (administrators): the Alertmanager and Zabbix systems that may post alerts, with
 * their customer, severity priorities and mapping; create and change them, issue a new token
 * (shown once, with the webhook address and the snippet to paste), delete one that never
 * delivered an alert (the server refuses otherwise: set it inactive instead).
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { describeError } from '../../../web/api/error-message.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { AlertSourceDialog } from './alert-source-dialog.tsx';
import { AlertTokenDialog } from './alert-token-dialog.tsx';
import { AlertsHeader } from './alerts-header.tsx';
import {
  useAlertSources,
  useDeleteAlertSource,
  useRotateAlertSourceToken,
  type AlertSource,
  type AlertSourceWithToken,
} from './alerts.queries.ts';
import './alerts.css';

type Dialog = { kind: 'create' } | { kind: 'edit'; source: AlertSource } | null;

export function AlertSourcesPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <AlertSources />;
}

function AlertSources() {
  const t = useT();
  const { message } = App.useApp();
  const sources = useAlertSources();
  const rotate = useRotateAlertSourceToken();
  const remove = useDeleteAlertSource();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [issued, setIssued] = useState<AlertSourceWithToken | null>(null);

  const onError = (error: unknown) => void message.error(describeError(error, t).message);

  const columns: TableColumnsType<AlertSource> = [
    {
      key: 'name',
      title: t('alerts.sources.col.name'),
      render: (_, s) => (
        <Space size={4} wrap>
          <span className="alerts-strong">{s.name}</span>
          {!s.active && <Tag>{t('alerts.sources.inactive')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'kind',
      title: t('alerts.sources.col.kind'),
      width: 130,
      render: (_, s) => <Tag color="blue">{t(`alerts.kind.${s.kind}`)}</Tag>,
    },
    {
      key: 'customer',
      title: t('alerts.sources.col.customer'),
      width: 180,
      render: (_, s) =>
        s.organisation?.name ?? (
          <Typography.Text type="secondary">{t('alerts.sources.anyCustomer')}</Typography.Text>
        ),
    },
    {
      key: 'mapping',
      title: t('alerts.sources.col.mapping'),
      width: 220,
      render: (_, s) => (
        <div className="alerts-small">
          <div>
            {t('alerts.sources.deviceFields')}:{' '}
            <span className="alerts-mono">{s.mapping.deviceFields.join(', ') || '—'}</span>
          </div>
          <div>
            {t('alerts.sources.siteFields')}:{' '}
            <span className="alerts-mono">{s.mapping.siteFields.join(', ') || '—'}</span>
          </div>
        </div>
      ),
    },
    {
      key: 'webhook',
      title: t('alerts.sources.col.webhook'),
      render: (_, s) => (
        <div className="alerts-small">
          <Typography.Text className="alerts-mono" copyable>
            {s.webhookPath}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {t('alerts.sources.tokenPrefix', { prefix: s.tokenPrefix })}
              {s.tokenRotatedAt &&
                ` · ${t('alerts.sources.rotatedAt', { time: formatDateTime(s.tokenRotatedAt) })}`}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'actions',
      title: t('alerts.sources.col.actions'),
      width: 220,
      render: (_, s) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', source: s })}>
            {t('alerts.sources.edit')}
          </Button>
          <Popconfirm
            title={t('alerts.sources.rotateConfirm', { name: s.name })}
            description={t('alerts.sources.rotateHint')}
            okText={t('alerts.sources.rotate')}
            cancelText={t('dialog.cancel')}
            onConfirm={() => rotate.mutate(s.id, { onSuccess: setIssued, onError })}
          >
            <Button type="link" size="small">
              {t('alerts.sources.rotate')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('alerts.sources.deleteConfirm', { name: s.name })}
            description={t('alerts.sources.deleteHint')}
            okText={t('alerts.sources.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('dialog.cancel')}
            onConfirm={() =>
              remove.mutate(s.id, {
                onSuccess: () => void message.success(t('alerts.sources.deleted', { name: s.name })),
                onError,
              })
            }
          >
            <Button type="link" size="small" danger>
              {t('alerts.sources.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="page alerts-page alerts-page--wide">
      <AlertsHeader backToAdmin title={t('alerts.sources.title')}>
        <Button
          id="new-alert-source"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create' })}
        >
          {t('alerts.sources.new')}
        </Button>
      </AlertsHeader>
      <Typography.Paragraph type="secondary">{t('alerts.sources.intro')}</Typography.Paragraph>
      {sources.isError && <ErrorAlert error={sources.error} />}
      <Table<AlertSource>
        rowKey="id"
        size="middle"
        pagination={false}
        columns={columns}
        dataSource={sources.data}
        loading={sources.isPending}
        scroll={{ x: 1000 }}
        rowClassName={(s) => (s.active ? 'alert-source-row' : 'alert-source-row alerts-row--inactive')}
        locale={{ emptyText: <Empty description={t('alerts.sources.empty')} /> }}
      />
      {dialog && (
        <AlertSourceDialog
          source={dialog.kind === 'edit' ? dialog.source : undefined}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog(null);
            setIssued(created);
          }}
        />
      )}
      {issued && <AlertTokenDialog source={issued} onClose={() => setIssued(null)} />}
    </div>
  );
}
