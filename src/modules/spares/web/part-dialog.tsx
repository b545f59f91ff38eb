/**
 * Add or change a spare part: part number, names, vendor and product model, held by serial or by
 * quantity with its unit (fixed once stock of the part was recorded: the server says so next to
 * the field), reorder level, description, and whether it is still stocked.
 */
import { App, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Spin, Switch } from 'antd';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { PART_UNIT_LABELS, PART_UNITS, type PartUnit } from '../spares-model.ts';
import { useProductModelSearch, useSavePart, type Part } from './spares.queries.ts';
import { StockErrorAlert } from './stock-error-alert.tsx';
import { currentAnswer, isAwaiting, useRemoteSearch, withChosen } from '../../../web/shell/remote-search.ts';

interface Fields {
  partNumber: string;
  name: string;
  nameEn?: string;
  vendor?: string;
  productModelId?: number;
  serialised: boolean;
  unit: PartUnit;
  minStock?: number | null;
  description?: string;
  active: boolean;
}

const FIELDS = [
  'partNumber',
  'name',
  'nameEn',
  'vendor',
  'productModelId',
  'serialised',
  'unit',
  'minStock',
  'description',
  'active',
] as const;

export function PartDialog({ part, onClose }: { part?: Part; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const modelSearch = useRemoteSearch();
  const models = useProductModelSearch(modelSearch.query, true);
  const save = useSavePart();
  const serialised = Form.useWatch('serialised', form) ?? part?.serialised ?? true;

  const modelOptions = withChosen<{ id: number; vendor: string; model: string; partNumber: string | null }>(
    currentAnswer(modelSearch, models),
    part?.productModel && { ...part.productModel, partNumber: null },
  ).map((m) => ({ value: m.id, label: `${m.vendor} ${m.model}${m.partNumber ? ` (${m.partNumber})` : ''}` }));

  const submit = (fields: Fields) => {
    const body = {
      partNumber: fields.partNumber.trim(),
      name: fields.name.trim(),
      nameEn: fields.nameEn?.trim() || null,
      vendor: fields.vendor?.trim() || null,
      productModelId: fields.productModelId ?? null,
      minStock: fields.minStock ?? null,
      description: fields.description?.trim() || null,
      active: fields.active,
      // Sent only when changed: the server refuses a change once stock exists.
      ...(!part || part.serialised !== fields.serialised ? { serialised: fields.serialised } : {}),
      ...(!part || part.unit !== fields.unit ? { unit: fields.unit } : {}),
    };
    save.mutate(
      { id: part?.id, body },
      {
        onSuccess: (saved) => {
          void message.success(
            t(part ? 'spares.part.saved' : 'spares.part.created', { number: saved.partNumber }),
          );
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, t, FIELDS),
      },
    );
  };

  return (
    <Modal
      open
      title={part ? t('spares.part.edit', { number: part.partNumber }) : t('spares.part.new')}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'part-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        id="part-form"
        initialValues={
          part
            ? {
                partNumber: part.partNumber,
                name: part.name,
                nameEn: part.nameEn ?? undefined,
                vendor: part.vendor ?? undefined,
                productModelId: part.productModel?.id,
                serialised: part.serialised,
                unit: part.unit,
                minStock: part.minStock,
                description: part.description ?? undefined,
                active: part.active,
              }
            : { serialised: true, unit: 'piece', active: true }
        }
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="partNumber"
              label={t('spares.col.partNumber')}
              rules={[
                { required: true, whitespace: true, message: t('spares.part.numberRequired') },
                { pattern: /^\S+$/, message: t('spares.part.numberNoBlanks') },
              ]}
            >
              <Input id="part-number" maxLength={60} autoFocus={!part} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="vendor" label={t('spares.col.vendor')} extra={t('spares.part.vendorHint')}>
              <Input id="part-vendor" maxLength={100} placeholder="Cisco / Huawei / H3C …" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('spares.part.nameZh')}
              rules={[{ required: true, whitespace: true, message: t('spares.part.nameRequired') }]}
            >
              <Input id="part-name" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameEn" label={t('spares.part.nameEn')}>
              <Input id="part-name-en" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="productModelId" label={t('spares.col.model')} extra={t('spares.part.modelHint')}>
          <Select
            id="part-model"
            allowClear
            showSearch={{ filterOption: false, onSearch: modelSearch.onSearch }}
            notFoundContent={
              isAwaiting(modelSearch, models) ? <Spin size="small" /> : t('spares.part.noModel')
            }
            options={modelOptions}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="serialised"
              label={t('spares.part.holding')}
              extra={part ? t('spares.part.holdingFixed') : undefined}
            >
              <Radio.Group
                id="part-serialised"
                optionType="button"
                options={[
                  { value: true, label: t('spares.part.bySerial') },
                  { value: false, label: t('spares.part.byQuantity') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="unit" label={t('spares.col.unit')}>
              <Select
                id="part-unit"
                options={PART_UNITS.map((u) => ({ value: u, label: PART_UNIT_LABELS[u][locale] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="minStock" label={t('spares.col.minStock')} extra={t('spares.part.minStockHint')}>
              <InputNumber id="part-min-stock" min={0} max={1_000_000} precision={0} className="stock-full" />
            </Form.Item>
          </Col>
        </Row>
        {serialised && !part && <p className="stock-hint">{t('spares.part.serialisedHint')}</p>}
        <Form.Item name="description" label={t('spares.col.description')}>
          <Input.TextArea id="part-description" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="active"
          label={t('spares.part.active')}
          valuePropName="checked"
          extra={t('spares.part.activeHint')}
        >
          <Switch id="part-active" />
        </Form.Item>
        {save.isError && <StockErrorAlert id="part-error" error={save.error} />}
      </Form>
    </Modal>
  );
}
