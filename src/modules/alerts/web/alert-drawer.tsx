/**
 * One received alert: what the monitoring system said (labels, annotations, times, its link),
 * which customer and case it went to; for an unmatched alert, naming its customer (and site,
 * priority) opens the case, or it is dismissed when it needs none.
 */
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useSites } from '../../../web/app/organisation-lookups.ts';
import { describeError } from '../../../web/api/error-message.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { OrganisationSelect } from '../../../web/shell/list-page.tsx';
import { PRIORITY_OPTIONS } from './alert-source-dialog.tsx';
import { AlertStateTag } from './alert-state-tag.tsx';
import { useAlert, useAlertAction, type Alert } from './alerts.queries.ts';

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
        {alert.link && (
          <Descriptions.Item label={t('alerts.drawer.link')}>
            <a href={alert.link} target="_blank" rel="noopener noreferrer">
              {t('alerts.drawer.openInMonitoring')}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      {alert.state === 'unmatched' && <AssignAlert alert={alert} />}
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

interface AssignFields {
  organisationId?: number;
  siteId?: number;
  priority?: number;
}

/** Name the customer (opens the case), or dismiss. */
function AssignAlert({ alert }: { alert: Alert }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignFields>();
  const organisationId = Form.useWatch('organisationId', form);
  const sites = useSites(organisationId);
  const action = useAlertAction();
  const [error, setError] = useState<unknown>(null);

  const assign = (f: AssignFields) => {
    setError(null);
    action.mutate(
      {
        id: alert.id,
        action: 'assign',
        body: { organisationId: f.organisationId!, siteId: f.siteId ?? null, priority: f.priority },
      },
      {
        onSuccess: (done) =>
          void message.success(t('alerts.drawer.assigned', { number: done.case?.number ?? '' })),
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['organisationId', 'siteId', 'priority'])) setError(e);
        },
      },
    );
  };
  const dismiss = () =>
    action.mutate(
      { id: alert.id, action: 'dismiss' },
      {
        onSuccess: () => void message.success(t('alerts.drawer.dismissed')),
        onError: (e) => void message.error(describeError(e, t).message),
      },
    );

  return (
    <div className="alerts-assign">
      <Typography.Title level={5}>{t('alerts.drawer.assignTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('alerts.drawer.assignHint')}</Typography.Paragraph>
      <Form<AssignFields> form={form} layout="vertical" requiredMark="optional" onFinish={assign}>
        <Form.Item
          name="organisationId"
          label={t('alerts.list.col.customer')}
          rules={[{ required: true, message: t('alerts.drawer.customerRequired') }]}
        >
          <OrganisationSelect
            id="alert-assign-organisation"
            placeholder={t('alerts.drawer.customerPlaceholder')}
            onChange={() => form.setFieldValue('siteId', undefined)}
          />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="siteId" label={t('alerts.drawer.site')}>
            <Select
              id="alert-assign-site"
              allowClear
              className="alerts-select"
              disabled={!organisationId}
              placeholder={t('alerts.drawer.sitePlaceholder')}
              options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('alerts.drawer.priority')}>
            <Select
              id="alert-assign-priority"
              allowClear
              className="alerts-select"
              placeholder={t('alerts.drawer.priorityBySource')}
              options={PRIORITY_OPTIONS}
            />
          </Form.Item>
        </Space>
        <ErrorAlert error={error} />
        <Space wrap>
          <Button id="alert-assign-submit" type="primary" htmlType="submit" loading={action.isPending}>
            {t('alerts.drawer.assign')}
          </Button>
          <Popconfirm
            title={t('alerts.drawer.dismissConfirm')}
            description={t('alerts.drawer.dismissHint')}
            okText={t('alerts.drawer.dismiss')}
            cancelText={t('dialog.cancel')}
            onConfirm={dismiss}
          >
            <Button id="alert-dismiss" disabled={action.isPending}>
              {t('alerts.drawer.dismiss')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </div>
  );
}
