/**
 * Register an asset, or correct one: product model (searchable), serial, customer and site,
 * installation and the maker's warranty end (empty: from the model's warranty months), state
 * (corrections only) and internal notes. The server's refusals land next to their fields.
 */
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { useSites } from '../../../web/app/organisation-lookups.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { OrganisationSelect } from '../../../web/shell/list-page.tsx';
import { ASSET_STATE_LABELS, ASSET_STATES, type AssetState } from '../asset-status.ts';
import { useProductModelSearch, useRegisterAsset, useUpdateAsset, type Asset } from './assets.queries.ts';
import { currentAnswer, isAwaiting, useRemoteSearch } from '../../../web/shell/remote-search.ts';

interface AssetFields {
  productModelId: number;
  serial: string;
  organisationId: number;
  siteId?: number | null;
  installedOn?: string | null;
  warrantyEndsOn?: string | null;
  state: AssetState;
  notes?: string | null;
}

const FIELDS = [
  'productModelId',
  'serial',
  'organisationId',
  'siteId',
  'installedOn',
  'warrantyEndsOn',
  'state',
  'notes',
] as const;

/** The form keeps 'YYYY-MM-DD' strings; the date picker works on dayjs values. */
const dateProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};

export function modelLabel(m: { vendor: string; model: string; partNumber: string | null }): string {
  return `${m.vendor} ${m.model}${m.partNumber ? ` (${m.partNumber})` : ''}`;
}

/** `asset` given: the correction dialog of that asset; otherwise registration. */
export function AssetFormDialog({
  asset,
  onClose,
  onSaved,
}: {
  asset?: Asset;
  onClose: () => void;
  onSaved: (saved: Asset) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<AssetFields>();
  const modelSearch = useRemoteSearch();
  const models = useProductModelSearch(modelSearch.query);
  const organisationId = Form.useWatch('organisationId', form);
  const productModelId = Form.useWatch('productModelId', form);
  const sites = useSites(organisationId);
  const register = useRegisterAsset();
  const update = useUpdateAsset(asset?.id ?? 0);
  const mutation = asset ? update : register;
  const [fieldErrorsShown, setFieldErrorsShown] = useState(false);

  const modelOptions = currentAnswer(modelSearch, models).map((m) => ({ value: m.id, label: modelLabel(m) }));
  if (asset && !modelOptions.some((o) => o.value === asset.model.id))
    modelOptions.unshift({
      value: asset.model.id,
      label: modelLabel({ vendor: asset.vendor, ...asset.model }),
    });
  const chosenModel = models.data?.find((m) => m.id === productModelId);

  const siteOptions = (sites.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (
    asset?.site &&
    organisationId === asset.organisation.id &&
    !siteOptions.some((o) => o.value === asset.site?.id)
  )
    siteOptions.unshift({ value: asset.site.id, label: asset.site.name });

  const submit = (fields: AssetFields) => {
    setFieldErrorsShown(false);
    const common = {
      productModelId: fields.productModelId,
      serial: fields.serial.trim(),
      organisationId: fields.organisationId,
      siteId: fields.siteId ?? null,
      installedOn: fields.installedOn ?? null,
      notes: fields.notes?.trim() || null,
    };
    const onError = (error: unknown) =>
      setFieldErrorsShown(
        showFieldErrors(form, error, t, FIELDS, {
          conflicts: { serial: 'assets.form.serialTaken', productModelId: 'assets.form.serialTaken' },
        }),
      );
    if (asset)
      update.mutate(
        { ...common, warrantyEndsOn: fields.warrantyEndsOn ?? null, state: fields.state },
        { onSuccess: onSaved, onError },
      );
    else
      register.mutate(
        // Left empty, the server fills in installation + the model's warranty months.
        { ...common, ...(fields.warrantyEndsOn ? { warrantyEndsOn: fields.warrantyEndsOn } : {}) },
        { onSuccess: onSaved, onError },
      );
  };

  return (
    <Modal
      open
      title={asset ? t('assets.form.editTitle', { serial: asset.serial }) : t('assets.form.registerTitle')}
      okText={asset ? t('assets.form.save') : t('assets.form.register')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'asset-form-submit' }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Form<AssetFields>
        form={form}
        layout="vertical"
        className="asset-form"
        initialValues={
          asset
            ? {
                productModelId: asset.model.id,
                serial: asset.serial,
                organisationId: asset.organisation.id,
                siteId: asset.site?.id ?? null,
                installedOn: asset.installedOn,
                warrantyEndsOn: asset.warrantyEndsOn,
                state: asset.state,
                notes: asset.notes,
              }
            : { state: 'in_service' }
        }
        onValuesChange={(changed: Partial<AssetFields>) => {
          if ('organisationId' in changed) form.setFieldsValue({ siteId: null });
        }}
        onFinish={submit}
      >
        <Form.Item
          name="productModelId"
          label={t('assets.field.model')}
          rules={[{ required: true, message: t('assets.form.modelRequired') }]}
        >
          <Select
            id="asset-form-model"
            showSearch={{ filterOption: false, onSearch: modelSearch.onSearch }}
            placeholder={t('assets.form.modelPlaceholder')}
            options={modelOptions}
            loading={isAwaiting(modelSearch, models)}
            notFoundContent={t('assets.form.noModel')}
          />
        </Form.Item>
        <Form.Item
          name="serial"
          label={t('assets.field.serial')}
          rules={[
            { required: true, whitespace: true, message: t('assets.form.serialRequired') },
            { pattern: /^\S+$/, message: t('assets.form.serialNoSpaces') },
          ]}
        >
          <Input id="asset-form-serial" maxLength={100} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <div className="asset-form__pair">
          <Form.Item
            name="organisationId"
            label={t('assets.field.customer')}
            rules={[{ required: true, message: t('assets.form.customerRequired') }]}
          >
            <OrganisationSelect
              id="asset-form-organisation"
              placeholder={t('assets.filter.customer')}
              known={asset?.organisation}
            />
          </Form.Item>
          <Form.Item name="siteId" label={t('assets.field.site')}>
            <Select
              id="asset-form-site"
              allowClear
              disabled={!organisationId}
              placeholder={organisationId ? t('assets.form.sitePlaceholder') : t('assets.form.customerFirst')}
              options={siteOptions}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </div>
        <div className="asset-form__pair">
          <Form.Item name="installedOn" label={t('assets.field.installedOn')} {...dateProps}>
            <DatePicker id="asset-form-installed" className="asset-form__date" />
          </Form.Item>
          <Form.Item
            name="warrantyEndsOn"
            label={t('assets.field.warrantyEndsOn')}
            dependencies={['installedOn']}
            extra={
              !asset && chosenModel?.warrantyMonths
                ? t('assets.form.warrantyDefault', { months: chosenModel.warrantyMonths })
                : undefined
            }
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string | null | undefined) => {
                  const installed = getFieldValue('installedOn') as string | null | undefined;
                  if (value && installed && value < installed)
                    throw new Error(t('assets.form.warrantyBeforeInstall'));
                },
              }),
            ]}
            {...dateProps}
          >
            <DatePicker id="asset-form-warranty" className="asset-form__date" />
          </Form.Item>
        </div>
        {asset && (
          <Form.Item name="state" label={t('assets.field.state')}>
            <Select
              id="asset-form-state"
              options={ASSET_STATES.map((s) => ({ value: s, label: ASSET_STATE_LABELS[s][locale] }))}
            />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('assets.field.notes')} extra={t('assets.form.notesHint')}>
          <Input.TextArea id="asset-form-notes" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {mutation.isError && !fieldErrorsShown && <ErrorAlert error={mutation.error} id="asset-form-error" />}
        {asset && (
          <Typography.Paragraph type="secondary" className="asset-form__hint">
            {t('assets.form.historyHint')}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
