/** Create or correct a product model: vendor, model, part number, category, description, warranty, active. */
import { AutoComplete, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { CATEGORY_LABELS, PRODUCT_CATEGORIES, type ProductCategory } from '../asset-status.ts';
import { useSaveProductModel, type ProductModel } from './assets.queries.ts';

interface ModelFields {
  vendor: string;
  model: string;
  partNumber?: string | null;
  category: ProductCategory;
  description?: string | null;
  warrantyMonths?: number | null;
  active: boolean;
}

const MODEL_FIELDS = ['vendor', 'model', 'partNumber', 'category', 'description', 'warrantyMonths', 'active'];

export function ProductModelDialog({
  model,
  vendors,
  onClose,
}: {
  model?: ProductModel;
  vendors: string[];
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<ModelFields>();
  const save = useSaveProductModel(model?.id);
  const [fieldErrorsShown, setFieldErrorsShown] = useState(false);
  const vendorText = Form.useWatch('vendor', form) ?? '';

  const submit = (fields: ModelFields) => {
    setFieldErrorsShown(false);
    save.mutate(
      {
        vendor: fields.vendor.trim(),
        model: fields.model.trim(),
        partNumber: fields.partNumber?.trim() || null,
        category: fields.category,
        description: fields.description?.trim() || null,
        warrantyMonths: fields.warrantyMonths ?? null,
        active: fields.active,
      },
      {
        onSuccess: onClose,
        onError: (error) =>
          setFieldErrorsShown(
            showFieldErrors(form, error, t, MODEL_FIELDS, {
              conflicts: { model: 'assets.models.form.modelTaken', vendor: 'assets.models.form.vendorClash' },
            }),
          ),
      },
    );
  };

  return (
    <Modal
      open
      title={model ? t('assets.models.editTitle', { model: model.model }) : t('assets.models.create')}
      okText={t('assets.form.save')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'model-form-submit' }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<ModelFields>
        form={form}
        layout="vertical"
        initialValues={
          model
            ? {
                vendor: model.vendor,
                model: model.model,
                partNumber: model.partNumber,
                category: model.category,
                description: model.description,
                warrantyMonths: model.warrantyMonths,
                active: model.active,
              }
            : { active: true }
        }
        onFinish={submit}
      >
        <div className="asset-form__pair">
          <Form.Item
            name="vendor"
            label={t('assets.field.vendor')}
            rules={[{ required: true, whitespace: true, message: t('assets.models.form.vendorRequired') }]}
            extra={model && model.assetCount > 0 ? t('assets.models.form.vendorCarries') : undefined}
          >
            <AutoComplete
              id="model-form-vendor"
              options={vendors
                .filter((v) => v.toLowerCase().includes(vendorText.toLowerCase()))
                .map((v) => ({ value: v }))}
              maxLength={60}
            />
          </Form.Item>
          <Form.Item
            name="model"
            label={t('assets.field.model')}
            rules={[{ required: true, whitespace: true, message: t('assets.models.form.modelRequired') }]}
          >
            <Input id="model-form-model" maxLength={100} />
          </Form.Item>
        </div>
        <div className="asset-form__pair">
          <Form.Item name="partNumber" label={t('assets.field.partNumber')}>
            <Input id="model-form-part-number" maxLength={60} />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('assets.field.category')}
            rules={[{ required: true, message: t('assets.models.form.categoryRequired') }]}
          >
            <Select
              id="model-form-category"
              options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c][locale] }))}
            />
          </Form.Item>
        </div>
        <div className="asset-form__pair">
          <Form.Item
            name="warrantyMonths"
            label={t('assets.models.warrantyMonths')}
            extra={t('assets.models.form.warrantyHint')}
          >
            <InputNumber
              id="model-form-warranty"
              min={0}
              max={240}
              precision={0}
              className="asset-form__date"
            />
          </Form.Item>
          <Form.Item name="active" label={t('assets.models.active')} valuePropName="checked">
            <Switch id="model-form-active" />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('assets.models.description')}>
          <Input.TextArea
            id="model-form-description"
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={1000}
          />
        </Form.Item>
        {save.isError && !fieldErrorsShown && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}
