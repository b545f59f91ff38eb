/**
 * Receive a purchase order's outstanding lines into a store (stock-in): a quantity per line, or
 * one serial per unit for serialised parts, with the delivery note. The server's errors land on
 * the line (and serial) they name.
 */
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { Muted, storeLabel } from './spares-display.tsx';
import {
  usePurchaseOrderStep,
  useWarehouses,
  type PurchaseOrder,
  type ReceiveBody,
} from './spares.queries.ts';
import { StockErrorAlert } from './stock-error-alert.tsx';

type Line = PurchaseOrder['lines'][number];

interface ReceiveFields {
  warehouseId: number;
  reference?: string;
  note?: string;
  lines: { quantity?: number; serials?: string }[];
}

const serialList = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The stock-in dialog of one purchase order; only its lines with something outstanding. */
export function ReceiveDialog({ po, onClose }: { po: PurchaseOrder; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReceiveFields>();
  const stores = useWarehouses();
  const receive = usePurchaseOrderStep<ReceiveBody>(po.id, 'receive');
  const open = po.lines.filter((l) => l.outstanding > 0);
  const values = Form.useWatch('lines', form);

  const submit = (fields: ReceiveFields) => {
    // Lines sent, and the dialog's line each stands for (the server's errors name the sent index).
    const sent: { formIndex: number; body: ReceiveBody['lines'][number] }[] = [];
    open.forEach((line, formIndex) => {
      const entry = fields.lines[formIndex];
      const serials = line.part.serialised ? serialList(entry?.serials) : undefined;
      const quantity = line.part.serialised ? serials!.length : (entry?.quantity ?? 0);
      if (quantity > 0) sent.push({ formIndex, body: { lineId: line.id, quantity, serials } });
    });
    if (sent.length === 0) {
      form.setFields([
        { name: ['lines', 0, line0Field(open[0])], errors: [t('spares.po.nothingToReceive')] },
      ]);
      return;
    }
    receive.mutate(
      {
        lines: sent.map((s) => s.body),
        warehouseId: fields.warehouseId,
        reference: fields.reference?.trim() || null,
        note: fields.note?.trim() || null,
      },
      {
        onSuccess: () => {
          void message.success(t('spares.po.receivedDone'));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          form.setFields(
            error.fieldErrors.flatMap((e) => {
              const match = /^body\.lines\.(\d+)\.(\w+)(?:\.(\d+))?$/.exec(e.field);
              const target = match ? sent[Number(match[1])] : undefined;
              if (!match || !target) return [];
              const line = open[target.formIndex]!;
              const which =
                match[3] !== undefined
                  ? `${serialList(fields.lines[target.formIndex]?.serials)[Number(match[3])]}: `
                  : '';
              return [
                {
                  name: ['lines', target.formIndex, line0Field(line)] as never,
                  errors: [t('error.fieldInvalid', { message: which + e.message })],
                },
              ];
            }),
          );
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('spares.po.receiveTitle', { number: po.number })}
      okText={t('spares.po.receive')}
      cancelText={t('dialog.cancel')}
      confirmLoading={receive.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'receive-submit' }}
      width={680}
      destroyOnHidden
    >
      <Form<ReceiveFields>
        form={form}
        layout="vertical"
        id="receive-form"
        initialValues={{
          warehouseId: po.warehouse.id,
          lines: open.map((l) => (l.part.serialised ? { serials: '' } : { quantity: l.outstanding })),
        }}
        onFinish={submit}
      >
        {open.map((line, index) => {
          const count = line.part.serialised ? serialList(values?.[index]?.serials).length : undefined;
          return (
            <div key={line.id} className="receive-line" data-line={line.id}>
              <div className="receive-line__head">
                <span className="stock-part-number">{line.part.partNumber}</span>{' '}
                <Muted>{line.part.name}</Muted>
                <Muted>
                  {t('spares.po.outstandingOf', {
                    outstanding: line.outstanding,
                    ordered: line.quantityOrdered,
                  })}
                </Muted>
              </div>
              {line.part.serialised ? (
                <Form.Item
                  name={['lines', index, 'serials']}
                  extra={t('spares.po.serialsHint', { count: count ?? 0, outstanding: line.outstanding })}
                  rules={[
                    {
                      validator: async (_rule, value: string | undefined) => {
                        const n = serialList(value).length;
                        if (n > line.outstanding)
                          throw new Error(t('spares.po.tooMany', { outstanding: line.outstanding }));
                        if (new Set(serialList(value).map((s) => s.toUpperCase())).size !== n)
                          throw new Error(t('spares.po.serialTwice'));
                      },
                    },
                  ]}
                >
                  <Input.TextArea
                    id={`receive-serials-${index}`}
                    autoSize={{ minRows: 2, maxRows: 8 }}
                    placeholder={t('spares.po.serialsPlaceholder')}
                    className="receive-line__serials"
                  />
                </Form.Item>
              ) : (
                <Form.Item name={['lines', index, 'quantity']}>
                  <InputNumber
                    id={`receive-quantity-${index}`}
                    min={0}
                    max={line.outstanding}
                    precision={0}
                    aria-label={t('spares.col.quantity')}
                  />
                </Form.Item>
              )}
            </div>
          );
        })}
        <Form.Item name="warehouseId" label={t('spares.po.receiveInto')}>
          <Select
            id="receive-store"
            showSearch={{ optionFilterProp: 'label' }}
            options={(stores.data ?? [])
              .filter((s) => s.active)
              .map((s) => ({ value: s.id, label: storeLabel(s, locale) }))}
          />
        </Form.Item>
        <Form.Item name="reference" label={t('spares.po.deliveryNote')}>
          <Input id="receive-reference" maxLength={200} placeholder={po.number} />
        </Form.Item>
        <Form.Item name="note" label={t('spares.move.note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        {receive.isError && <StockErrorAlert id="receive-error" error={receive.error} />}
      </Form>
    </Modal>
  );
}

const line0Field = (line: Line | undefined) => (line?.part.serialised ? 'serials' : 'quantity');
