/**
 * Record a stock movement. The form follows MOVEMENT_RULES: which buckets the kind takes from and
 * puts into, whether it names a case, a second store, a serial (required, optional or "a new one")
 * or a quantity, and the condition of scrapped stock held by quantity. The store's current level
 * of the part stays in view; a shortage comes back as "only N available" next to the quantity.
 */
import {
  App,
  Alert,
  AutoComplete,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Spin,
} from 'antd';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import {
  IN_STORE_STATES,
  MOVEMENT_RULES,
  STOCK_MOVEMENT_KINDS,
  type StockMovementKind,
} from '../spares-model.ts';
import { bucketLabel, partName, shortageText, storeLabel, unitLabel } from './spares-display.tsx';
import {
  useCaseSearch,
  usePart,
  usePartSearch,
  useRecordMovement,
  useStockLevels,
  useStockUnits,
  useWarehouses,
  type StockMovementBody,
} from './spares.queries.ts';
import { StockErrorAlert } from './stock-error-alert.tsx';
import { currentAnswer, isAwaiting, useRemoteSearch, withChosen } from '../../../web/shell/remote-search.ts';

interface Fields {
  kind: StockMovementKind;
  warehouseId: number;
  partId: number;
  quantity?: number;
  serial?: string;
  toWarehouseId?: number;
  caseId?: number;
  condition?: 'good' | 'faulty';
  reference?: string;
  note?: string;
}

const FIELDS = [
  'kind',
  'warehouseId',
  'partId',
  'quantity',
  'serial',
  'toWarehouseId',
  'caseId',
  'condition',
  'reference',
  'note',
] as const;

export interface MovementPreset {
  kind?: StockMovementKind;
  warehouseId?: number;
  partId?: number;
  serial?: string;
}

export function RecordMovementDialog({ preset, onClose }: { preset?: MovementPreset; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const kind = Form.useWatch('kind', form) ?? preset?.kind ?? 'reserve';
  const warehouseId = Form.useWatch('warehouseId', form);
  const partId = Form.useWatch('partId', form);
  const partSearch = useRemoteSearch();
  const caseSearch = useRemoteSearch();
  const stores = useWarehouses();
  const parts = usePartSearch(partSearch.query);
  const part = usePart(partId);
  const cases = useCaseSearch(caseSearch.query);
  const record = useRecordMovement();
  const rule = MOVEMENT_RULES[kind];
  const serialised = part.data?.serialised ?? false;
  const level = useStockLevels({ warehouseId, partId }, warehouseId !== undefined && partId !== undefined);
  const current = level.data?.[0];
  // Units the rule may take from this store: offered as the serial's suggestions.
  const takesStoredUnit = rule.unit.before.some((s) => s !== 'new' && IN_STORE_STATES.includes(s));
  const units = useStockUnits(
    { warehouseId, partId },
    serialised && takesStoredUnit && warehouseId !== undefined && partId !== undefined,
  );
  const unitOptions = (units.data ?? [])
    .filter((u) => (rule.unit.before as readonly string[]).includes(u.state))
    .map((u) => ({ value: u.serial }));
  const activeStores = (stores.data ?? []).filter((s) => s.active);
  const partOptions = withChosen(currentAnswer(partSearch, parts), part.data).map((p) => ({
    value: p.id,
    label: `${p.partNumber} · ${partName(p, locale)}`,
  }));

  const from = rule.from.length
    ? rule.from.map((b) => bucketLabel(b, t)).join(' / ')
    : t('spares.move.outside');
  const to = rule.to ? bucketLabel(rule.to, t) : t('spares.move.leaves');
  const serialRequired = serialised && !rule.serialOptional;

  const submit = (fields: Fields) => {
    const body: StockMovementBody = {
      kind: fields.kind,
      warehouseId: fields.warehouseId,
      partId: fields.partId,
      quantity: serialised ? 1 : (fields.quantity ?? 1),
      serial: serialised ? fields.serial?.trim() || null : null,
      toWarehouseId: rule.transfer ? (fields.toWarehouseId ?? null) : null,
      caseId: fields.caseId ?? null,
      condition: kind === 'scrap' && !serialised ? (fields.condition ?? null) : null,
      reference: fields.reference?.trim() || null,
      note: fields.note?.trim() || null,
    };
    record.mutate(body, {
      onSuccess: (result) => {
        const after = result.levels.find((l) => l.warehouseId === body.warehouseId);
        void message.success(
          after
            ? t('spares.move.done', {
                kind: rule.label[locale],
                available: after.available,
                reserved: after.reserved,
                faulty: after.faulty,
              })
            : rule.label[locale],
        );
        onClose();
      },
      onError: (error) =>
        showFieldErrors(form, error, t, FIELDS, { message: (e) => shortageText(e.message, t) }),
    });
  };

  return (
    <Modal
      open
      title={t('spares.move.title')}
      okText={t('spares.move.submit')}
      cancelText={t('dialog.cancel')}
      confirmLoading={record.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'movement-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        id="movement-form"
        initialValues={{
          kind: 'reserve',
          quantity: 1,
          ...Object.fromEntries(Object.entries(preset ?? {}).filter(([, v]) => v !== undefined)),
        }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Fields>) => {
          if ('partId' in changed || 'warehouseId' in changed) form.setFieldsValue({ serial: undefined });
        }}
      >
        <Form.Item name="kind" label={t('spares.move.kind')} rules={[{ required: true }]}>
          <Select
            id="movement-kind"
            options={STOCK_MOVEMENT_KINDS.map((k) => ({ value: k, label: MOVEMENT_RULES[k].label[locale] }))}
          />
        </Form.Item>
        <Alert
          type="info"
          className="stock-move__rule"
          title={t('spares.move.flow', { from, to })}
          description={
            [
              rule.needsLink && t('spares.move.needsCase'),
              rule.transfer && t('spares.move.needsTarget'),
              serialised && rule.unit.before.includes('new') && t('spares.move.newSerial'),
              serialised && rule.serialOptional && t('spares.move.serialOptional'),
            ]
              .filter(Boolean)
              .join(' ') || undefined
          }
        />
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="warehouseId"
              label={rule.transfer ? t('spares.move.fromStore') : t('spares.col.store')}
              rules={[{ required: true, message: t('spares.move.storeRequired') }]}
            >
              <Select
                id="movement-store"
                showSearch={{ optionFilterProp: 'label' }}
                loading={stores.isPending}
                options={activeStores.map((s) => ({ value: s.id, label: storeLabel(s, locale) }))}
              />
            </Form.Item>
          </Col>
          {rule.transfer && (
            <Col xs={24} sm={12}>
              <Form.Item
                name="toWarehouseId"
                label={t('spares.move.toStore')}
                dependencies={['warehouseId']}
                rules={[
                  { required: true, message: t('spares.move.toStoreRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: unknown) => {
                      if (value !== undefined && value === getFieldValue('warehouseId'))
                        throw new Error(t('spares.move.sameStore'));
                    },
                  }),
                ]}
              >
                <Select
                  id="movement-to-store"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={activeStores.map((s) => ({ value: s.id, label: storeLabel(s, locale) }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="partId"
          label={t('spares.col.part')}
          rules={[{ required: true, message: t('spares.move.partRequired') }]}
          extra={
            current && (
              <span id="movement-level" className="stock-move__level">
                {t('spares.move.level', {
                  available: current.available,
                  reserved: current.reserved,
                  faulty: current.faulty,
                })}
              </span>
            )
          }
        >
          <Select
            id="movement-part"
            showSearch={{ filterOption: false, onSearch: partSearch.onSearch }}
            placeholder={t('spares.partPlaceholder')}
            notFoundContent={isAwaiting(partSearch, parts) ? <Spin size="small" /> : t('spares.noPart')}
            options={partOptions}
          />
        </Form.Item>
        <Row gutter={12}>
          {serialised ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="serial"
                label={t('spares.col.serial')}
                rules={[
                  { required: serialRequired, whitespace: true, message: t('spares.move.serialRequired') },
                ]}
              >
                <AutoComplete
                  id="movement-serial"
                  options={unitOptions}
                  filterOption={(input, option) =>
                    String(option?.value ?? '')
                      .toUpperCase()
                      .includes(input.toUpperCase())
                  }
                  placeholder={rule.serialOptional ? t('spares.move.serialAny') : undefined}
                  maxLength={100}
                />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} sm={12}>
              <Form.Item
                name="quantity"
                label={t('spares.col.quantity')}
                rules={[{ required: true, message: t('spares.move.quantityRequired') }]}
              >
                <InputNumber
                  id="movement-quantity"
                  min={1}
                  max={100_000}
                  precision={0}
                  className="stock-move__quantity"
                  suffix={part.data ? unitLabel(part.data.unit, locale) : undefined}
                />
              </Form.Item>
            </Col>
          )}
          {kind === 'scrap' && !serialised && (
            <Col xs={24} sm={12}>
              <Form.Item
                name="condition"
                label={t('spares.move.condition')}
                rules={[{ required: true, message: t('spares.move.conditionRequired') }]}
              >
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'good', label: t('spares.move.conditionGood') },
                    { value: 'faulty', label: t('spares.move.conditionFaulty') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="caseId"
          label={t('spares.col.case')}
          rules={[{ required: Boolean(rule.needsLink), message: t('spares.move.caseRequired') }]}
        >
          <Select
            id="movement-case"
            allowClear
            showSearch={{ filterOption: false, onSearch: caseSearch.onSearch }}
            placeholder={t('spares.casePlaceholder')}
            notFoundContent={isAwaiting(caseSearch, cases) ? <Spin size="small" /> : t('spares.noCase')}
            options={currentAnswer(caseSearch, cases).map((c) => ({
              value: c.id,
              label: `${c.number} · ${c.title} (${c.organisation.name})`,
            }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="reference"
              label={t('spares.move.reference')}
              extra={t('spares.move.referenceHint')}
            >
              <Input id="movement-reference" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('spares.move.note')}>
              <Input.TextArea id="movement-note" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        {record.isError && <StockErrorAlert id="movement-error" error={record.error} />}
      </Form>
    </Modal>
  );
}
