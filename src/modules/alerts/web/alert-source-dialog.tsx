/**
 * Create or change an alert source: name, kind (on creation; its defaults fill the severity table
 * and the mapping), the customer it is confined to, severity → priority, which labels / tags name
 * the device (asset serial) and the site, auto-resolve, active. Server field errors land at the fields.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Radio, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors, type FormFieldPath } from '../../../web/shell/form-errors.ts';
import { OrganisationSelect } from '../../../web/shell/list-page.tsx';
import { ALERT_SOURCE_KINDS, SOURCE_DEFAULTS, type AlertSourceKind } from '../alert-rules.ts';
import {
  useCreateAlertSource,
  useUpdateAlertSource,
  type AlertSource,
  type AlertSourceWithToken,
} from './alerts.queries.ts';

interface SourceFields {
  name: string;
  kind: AlertSourceKind;
  organisationId?: number | null;
  severities: { severity: string; priority: number }[];
  defaultPriority: number;
  deviceFields: string[];
  siteFields: string[];
  autoResolve: boolean;
  active: boolean;
}

export const PRIORITY_OPTIONS = [1, 2, 3, 4].map((p) => ({ value: p, label: `P${p}` }));

const severityRows = (priorities: Record<string, number>) =>
  Object.entries(priorities).map(([severity, priority]) => ({ severity, priority }));

function initialFields(source: AlertSource | undefined): SourceFields {
  if (source)
    return {
      name: source.name,
      kind: source.kind,
      organisationId: source.organisation?.id ?? null,
      severities: severityRows(source.priorities),
      defaultPriority: source.defaultPriority,
      deviceFields: source.mapping.deviceFields,
      siteFields: source.mapping.siteFields,
      autoResolve: source.autoResolve,
      active: source.active,
    };
  return {
    name: '',
    ...kindDefaults('alertmanager'),
    organisationId: null,
    autoResolve: false,
    active: true,
  };
}

function kindDefaults(kind: AlertSourceKind) {
  const d = SOURCE_DEFAULTS[kind];
  return {
    kind,
    severities: severityRows(d.priorities),
    defaultPriority: d.defaultPriority,
    deviceFields: d.deviceFields,
    siteFields: d.siteFields,
  };
}

/** Server field → form field: `mapping.deviceFields.0` → deviceFields, `priorities.x` → the table. */
function fieldOf(apiField: string): FormFieldPath | undefined {
  const [head, next] = apiField.split('.');
  if (head === 'mapping') return next === 'siteFields' ? 'siteFields' : 'deviceFields';
  if (head === 'priorities') return 'severities';
  if (['name', 'organisationId', 'defaultPriority', 'kind'].includes(head!)) return head;
  return undefined;
}

export function AlertSourceDialog({
  source,
  onClose,
  onCreated,
}: {
  source?: AlertSource;
  onClose: () => void;
  onCreated: (created: AlertSourceWithToken) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<SourceFields>();
  const [error, setError] = useState<unknown>(null);
  const create = useCreateAlertSource();
  const update = useUpdateAlertSource();

  const submit = (f: SourceFields) => {
    setError(null);
    const fields = {
      name: f.name.trim(),
      organisationId: f.organisationId ?? null,
      priorities: Object.fromEntries(
        f.severities.filter((r) => r.severity?.trim()).map((r) => [r.severity.trim(), r.priority]),
      ),
      defaultPriority: f.defaultPriority,
      autoResolve: f.autoResolve,
      mapping: { deviceFields: f.deviceFields, siteFields: f.siteFields },
      active: f.active,
    };
    const onError = (e: unknown) => {
      if (!showFieldErrors(form, e, t, fieldOf)) setError(e);
    };
    if (source) update.mutate({ id: source.id, body: fields }, { onSuccess: onClose, onError });
    else create.mutate({ ...fields, kind: f.kind }, { onSuccess: onCreated, onError });
  };

  return (
    <Modal
      open
      title={source ? t('alerts.sources.editTitle', { name: source.name }) : t('alerts.sources.new')}
      okText={source ? t('alerts.sources.save') : t('alerts.sources.create')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'alert-source-submit' }}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Form<SourceFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialFields(source)}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('alerts.sources.name')}
          rules={[{ required: true, whitespace: true, message: t('alerts.required') }]}
        >
          <Input id="alert-source-name" maxLength={100} placeholder={t('alerts.sources.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('alerts.sources.col.kind')}>
          <Radio.Group
            id="alert-source-kind"
            optionType="button"
            disabled={Boolean(source)}
            onChange={(e) => form.setFieldsValue(kindDefaults(e.target.value as AlertSourceKind))}
            options={ALERT_SOURCE_KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('alerts.sources.col.customer')}
          extra={t('alerts.sources.customerHint')}
        >
          <OrganisationSelect
            id="alert-source-organisation"
            allowClear
            placeholder={t('alerts.sources.anyCustomer')}
            known={source?.organisation ?? undefined}
          />
        </Form.Item>
        <SeverityTable />
        <Space size={16} wrap className="alerts-form-pair">
          {(['deviceFields', 'siteFields'] as const).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`alerts.sources.${name}`)}
              extra={t(`alerts.sources.${name}Hint`)}
            >
              {/* Field names typed and ended with Enter, a comma or a space. */}
              <Select
                id={`alert-source-${name}`}
                mode="tags"
                suffixIcon={null}
                notFoundContent={null}
                tokenSeparators={[',', ' ']}
              />
            </Form.Item>
          ))}
        </Space>
        <Space size={32} wrap>
          <Form.Item
            name="autoResolve"
            label={t('alerts.sources.autoResolve')}
            valuePropName="checked"
            tooltip={t('alerts.sources.autoResolveHint')}
          >
            <Switch id="alert-source-auto-resolve" />
          </Form.Item>
          <Form.Item name="active" label={t('alerts.sources.active')} valuePropName="checked">
            <Switch id="alert-source-active" />
          </Form.Item>
        </Space>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** Severity → priority rows, and the priority of any other severity. */
function SeverityTable() {
  const t = useT();
  return (
    <Form.Item label={t('alerts.sources.priorities')} extra={t('alerts.sources.prioritiesHint')}>
      <Form.List name="severities">
        {(rows, { add, remove }, { errors }) => (
          <div className="alerts-severities">
            {rows.map((row) => (
              <Space key={row.key} align="baseline">
                <Form.Item name={[row.name, 'severity']} noStyle>
                  <Input
                    placeholder={t('alerts.sources.severity')}
                    maxLength={40}
                    className="alerts-severity"
                  />
                </Form.Item>
                →
                <Form.Item name={[row.name, 'priority']} noStyle>
                  <Select options={PRIORITY_OPTIONS} className="alerts-priority" />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('alerts.sources.removeSeverity')}
                  onClick={() => remove(row.name)}
                />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ severity: '', priority: 3 })}>
              {t('alerts.sources.addSeverity')}
            </Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
      <Space align="baseline" className="alerts-default-priority">
        <span>{t('alerts.sources.defaultPriority')}</span>
        <Form.Item name="defaultPriority" noStyle>
          <Select id="alert-source-default-priority" options={PRIORITY_OPTIONS} className="alerts-priority" />
        </Form.Item>
      </Space>
    </Form.Item>
  );
}
