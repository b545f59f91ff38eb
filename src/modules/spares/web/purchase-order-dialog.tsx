/**
 * A new purchase order: supplier, the store the goods go to, the project and its signing date, the
 * due date (seed 001: stocked in within a week of signing, so it follows the signing date until the
 * clerk sets it) and the lines, a part and a quantity each.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { STOCK_IN_DAYS_AFTER_SIGNING } from '../spares-model.ts';
import { partName, storeLabel } from './spares-display.tsx';
import {
  useCreatePurchaseOrder,
  usePartSearch,
  useWarehouses,
  type Part,
  type PurchaseOrder,
} from './spares.queries.ts';
import { StockErrorAlert } from './stock-error-alert.tsx';
import { currentAnswer, isAwaiting, useRemoteSearch, withChosen } from '../../../web/shell/remote-search.ts';

interface Fields {
  supplier: string;
  warehouseId: number;
  number?: string;
  project?: string;
  signedOn: Dayjs;
  dueOn: Dayjs;
  note?: string;
  lines: { partId?: number; quantity?: number }[];
}

const FIELDS = [
  'supplier',
  'warehouseId',
  'number',
  'project',
  'signedOn',
  'dueOn',
  'note',
  'lines',
] as const;
const DAY = 'YYYY-MM-DD';

export function PurchaseOrderDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (po: PurchaseOrder) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Fields>();
  const stores = useWarehouses();
  const create = useCreatePurchaseOrder();
  // The due date follows the signing date until the clerk picks one.
  const [dueTouched, setDueTouched] = useState(false);
  // Parts picked so far, so a line keeps its label while another search runs.
  const [known, setKnown] = useState<Part[]>([]);

  const submit = (fields: Fields) =>
    create.mutate(
      {
        supplier: fields.supplier.trim(),
        warehouseId: fields.warehouseId,
        number: fields.number?.trim() || null,
        project: fields.project?.trim() || null,
        signedOn: fields.signedOn.format(DAY),
        dueOn: fields.dueOn.format(DAY),
        note: fields.note?.trim() || null,
        lines: fields.lines.map((l) => ({ partId: l.partId!, quantity: l.quantity ?? 1 })),
      },
      {
        onSuccess: (po) => {
          onClose();
          onCreated(po);
        },
        onError: (error) => showFieldErrors(form, error, t, FIELDS),
      },
    );

  const today = dayjs();
  return (
    <Modal
      open
      title={t('spares.po.new')}
      okText={t('spares.po.create')}
      cancelText={t('dialog.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'po-submit' }}
      width={720}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        id="po-form"
        initialValues={{
          signedOn: today,
          dueOn: today.add(STOCK_IN_DAYS_AFTER_SIGNING, 'day'),
          lines: [{ quantity: 1 }],
        }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Fields>) => {
          if ('dueOn' in changed) setDueTouched(true);
          if (changed.signedOn && !dueTouched)
            form.setFieldsValue({ dueOn: changed.signedOn.add(STOCK_IN_DAYS_AFTER_SIGNING, 'day') });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="supplier"
              label={t('spares.po.supplier')}
              rules={[{ required: true, whitespace: true, message: t('spares.po.supplierRequired') }]}
            >
              <Input id="po-supplier" maxLength={200} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="warehouseId"
              label={t('spares.po.store')}
              rules={[{ required: true, message: t('spares.move.storeRequired') }]}
            >
              <Select
                id="po-store"
                showSearch={{ optionFilterProp: 'label' }}
                options={(stores.data ?? [])
                  .filter((s) => s.active)
                  .map((s) => ({ value: s.id, label: storeLabel(s, locale) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="project" label={t('spares.po.project')}>
              <Input id="po-project" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="number" label={t('spares.po.number')} extra={t('spares.po.numberHint')}>
              <Input id="po-number" maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="signedOn" label={t('spares.po.signedOn')} rules={[{ required: true }]}>
              <DatePicker id="po-signed-on" className="stock-full" allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="dueOn"
              label={t('spares.po.dueOn')}
              extra={t('spares.po.dueHint', { days: STOCK_IN_DAYS_AFTER_SIGNING })}
              rules={[{ required: true }]}
            >
              <DatePicker id="po-due-on" className="stock-full" allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <div className="po-lines__label">{t('spares.po.lines')}</div>
        <Form.List name="lines">
          {(lines, { add, remove }) => (
            <>
              {lines.map((line, index) => (
                <Row gutter={8} key={line.key} className="po-line" align="top">
                  <Col flex="auto">
                    <Form.Item
                      name={[line.name, 'partId']}
                      rules={[{ required: true, message: t('spares.move.partRequired') }]}
                    >
                      <PartPicker
                        id={`po-line-part-${index}`}
                        known={known}
                        onPicked={(part) =>
                          setKnown((list) => [...list.filter((p) => p.id !== part.id), part])
                        }
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item
                      name={[line.name, 'quantity']}
                      rules={[{ required: true, message: t('spares.move.quantityRequired') }]}
                    >
                      <InputNumber
                        id={`po-line-quantity-${index}`}
                        min={1}
                        max={100_000}
                        precision={0}
                        className="stock-full"
                        aria-label={t('spares.col.quantity')}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('spares.po.removeLine')}
                      disabled={lines.length === 1}
                      onClick={() => remove(line.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                disabled={lines.length >= 200}
                block
                id="po-add-line"
              >
                {t('spares.po.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('spares.move.note')} className="po-note">
          <Input.TextArea id="po-note" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        {create.isError && <StockErrorAlert id="po-error" error={create.error} />}
      </Form>
    </Modal>
  );
}

/** A part search for one line (a controlled Select inside Form.Item). */
function PartPicker({
  id,
  value,
  onChange,
  known,
  onPicked,
}: {
  id: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  known: Part[];
  onPicked: (part: Part) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const search = useRemoteSearch();
  const parts = usePartSearch(search.query);
  const options = withChosen(currentAnswer(search, parts), ...known);
  return (
    <Select
      id={id}
      value={value}
      placeholder={t('spares.partPlaceholder')}
      showSearch={{ filterOption: false, onSearch: search.onSearch }}
      notFoundContent={isAwaiting(search, parts) ? <Spin size="small" /> : t('spares.noPart')}
      onChange={(next: number | undefined) => {
        const part = options.find((p) => p.id === next);
        if (part) onPicked(part);
        onChange?.(next);
      }}
      options={options.map((p) => ({
        value: p.id,
        label: `${p.partNumber} · ${partName(p, locale)}${p.serialised ? ` (${t('spares.part.bySerialShort')})` : ''}`,
      }))}
    />
  );
}
