/**
 * Handling an unmatched alert in its drawer: name the customer (and optionally the site, the
 * affected asset of that customer and the priority) to open its case, or dismiss it with a reason.
 * The asset's serial becomes the case's, so the entitlement check judges the contract covering it;
 * choosing one also fills in its site when none is chosen.
 */
import { App, Button, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSites } from '../../../web/app/organisation-lookups.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { OrganisationSelect } from '../../../web/shell/list-page.tsx';
import { currentAnswer, isAwaiting, useRemoteSearch } from '../../../web/shell/remote-search.ts';
import { PRIORITY_OPTIONS } from './alert-source-dialog.tsx';
import { DismissAlertButton } from './alert-dismiss-button.tsx';
import { useAlertAction, useCustomerAssets, type Alert, type CustomerAsset } from './alerts.queries.ts';

interface AssignFields {
  organisationId?: number;
  siteId?: number;
  assetSerial?: string;
  priority?: number;
}

const FIELDS = ['organisationId', 'siteId', 'assetSerial', 'priority'] as const;

const assetLabel = (a: CustomerAsset) =>
  [a.serial, `${a.vendor} ${a.model.model}`, a.site?.name].filter(Boolean).join(' · ');

export function AssignAlertForm({ alert }: { alert: Alert }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignFields>();
  const organisationId = Form.useWatch('organisationId', form);
  const sites = useSites(organisationId);
  const assetSearch = useRemoteSearch();
  const assets = useCustomerAssets(organisationId, assetSearch.query);
  const action = useAlertAction();
  const [error, setError] = useState<unknown>(null);

  const assign = (f: AssignFields) => {
    setError(null);
    action.mutate(
      {
        id: alert.id,
        action: 'assign',
        body: {
          organisationId: f.organisationId!,
          siteId: f.siteId ?? null,
          assetSerial: f.assetSerial ?? null,
          priority: f.priority,
        },
      },
      {
        onSuccess: (done) =>
          void message.success(t('alerts.drawer.assigned', { number: done.case?.number ?? '' })),
        onError: (e) => {
          if (!showFieldErrors(form, e, t, FIELDS)) setError(e);
        },
      },
    );
  };
  const chooseAsset = (serial: string | undefined) => {
    const asset = assets.data?.find((a) => a.serial === serial);
    if (asset?.site && !form.getFieldValue('siteId')) form.setFieldValue('siteId', asset.site.id);
  };

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
            onChange={() => form.setFieldsValue({ siteId: undefined, assetSerial: undefined })}
          />
        </Form.Item>
        <Form.Item name="assetSerial" label={t('alerts.drawer.asset')} extra={t('alerts.drawer.assetHint')}>
          <Select
            id="alert-assign-asset"
            allowClear
            disabled={!organisationId}
            placeholder={t('alerts.drawer.assetPlaceholder')}
            showSearch={{ filterOption: false, onSearch: assetSearch.onSearch }}
            options={currentAnswer(assetSearch, assets).map((a) => ({
              value: a.serial,
              label: assetLabel(a),
            }))}
            loading={isAwaiting(assetSearch, assets)}
            notFoundContent={t('alerts.drawer.noAsset')}
            onChange={chooseAsset}
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
          <DismissAlertButton alertId={alert.id} disabled={action.isPending} />
        </Space>
      </Form>
    </div>
  );
}
