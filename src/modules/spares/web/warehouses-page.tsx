/**
 * The spare stores of HQ and the branches: code, names, branch, HQ's central store, vendor direct
 * delivery, address, open or closed. Keepers add and change them; closing a store asks first and
 * the server refuses while it holds stock, saying what is left.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { Muted, StockPageHeader, useStockKeeper } from './spares-display.tsx';
import { useBranches, useSaveWarehouse, useWarehouses, type Warehouse } from './spares.queries.ts';
import { StockErrorAlert } from './stock-error-alert.tsx';
import './spares.css';

export function WarehousesPage() {
  const t = useT();
  const { locale } = useLocale();
  const keeper = useStockKeeper();
  const stores = useWarehouses();
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);

  const columns: TableColumnsType<Warehouse> = [
    {
      key: 'code',
      title: t('spares.store.code'),
      dataIndex: 'code',
      width: 130,
      render: (code: string) => <span className="stock-part-number">{code}</span>,
    },
    {
      key: 'name',
      title: t('spares.col.name'),
      render: (_, s) => (
        <Space size={4} wrap>
          <span>{locale === 'en' && s.nameEn ? s.nameEn : s.name}</span>
          {s.isHq && <Tag color="blue">{t('spares.store.hq')}</Tag>}
          {s.vendorDirect && (
            <Tooltip title={t('spares.store.vendorDirectHint')}>
              <Tag color="cyan">{t('spares.store.vendorDirect')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'branch',
      title: t('spares.store.branch'),
      width: 180,
      render: (_, s) => `${s.branch.name} (${s.branch.code})`,
    },
    {
      key: 'address',
      title: t('spares.store.address'),
      ellipsis: true,
      render: (_, s) => s.address ?? <Muted>—</Muted>,
    },
    {
      key: 'active',
      title: t('spares.col.state'),
      width: 90,
      render: (_, s) =>
        s.active ? <Tag color="green">{t('spares.store.open')}</Tag> : <Tag>{t('spares.store.closed')}</Tag>,
    },
    {
      key: 'links',
      title: '',
      width: keeper ? 200 : 140,
      render: (_, s) => (
        <Space size={8}>
          <AppLink href={`/stock?warehouseId=${s.id}`}>{t('spares.part.stock')}</AppLink>
          <AppLink href={`/stock/movements?warehouseId=${s.id}`}>{t('spares.part.ledger')}</AppLink>
          {keeper && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(s)}>
              {t('spares.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page page--wide stock-page">
      <StockPageHeader
        title={t('spares.stores.title')}
        actions={
          keeper && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              id="new-store-button"
              onClick={() => setEditing('new')}
            >
              {t('spares.store.new')}
            </Button>
          )
        }
      />
      {stores.isError && <ErrorAlert error={stores.error} />}
      <Table<Warehouse>
        id="stores-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={stores.data ?? []}
        loading={stores.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(s) => (s.active ? '' : 'stock-row--closed')}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('spares.stores.empty')} />,
        }}
      />
      {editing && (
        <WarehouseDialog store={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

interface Fields {
  code: string;
  name: string;
  nameEn?: string;
  branchId: number;
  isHq: boolean;
  address?: string;
  active: boolean;
}

const FIELDS = ['code', 'name', 'nameEn', 'branchId', 'isHq', 'address', 'active'] as const;

function WarehouseDialog({ store, onClose }: { store?: Warehouse; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const branches = useBranches();
  const save = useSaveWarehouse();

  const send = (fields: Fields) =>
    save.mutate(
      {
        id: store?.id,
        body: {
          code: fields.code.trim(),
          name: fields.name.trim(),
          nameEn: fields.nameEn?.trim() || null,
          branchId: fields.branchId,
          isHq: fields.isHq,
          address: fields.address?.trim() || null,
          active: fields.active,
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(
            t(store ? 'spares.store.saved' : 'spares.store.created', { code: saved.code }),
          );
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, t, FIELDS),
      },
    );

  const submit = (fields: Fields) => {
    if (store?.active && !fields.active) {
      modal.confirm({
        title: t('spares.store.closeConfirm', { code: store.code }),
        content: t('spares.store.closeConfirmBody'),
        okText: t('spares.store.close'),
        okButtonProps: { danger: true },
        cancelText: t('dialog.cancel'),
        onOk: () => send(fields),
      });
      return;
    }
    send(fields);
  };

  return (
    <Modal
      open
      title={store ? t('spares.store.edit', { code: store.code }) : t('spares.store.new')}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'store-submit' }}
      width={600}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          store
            ? {
                code: store.code,
                name: store.name,
                nameEn: store.nameEn ?? undefined,
                branchId: store.branch.id,
                isHq: store.isHq,
                address: store.address ?? undefined,
                active: store.active,
              }
            : { isHq: false, active: true }
        }
        onFinish={submit}
        onValuesChange={(changed: Partial<Fields>) => {
          // A new store of the HQ branch is HQ's central store unless said otherwise.
          if (!store && changed.branchId !== undefined) {
            const branch = branches.data?.find((b) => b.id === changed.branchId);
            if (branch) form.setFieldsValue({ isHq: branch.isHeadquarters });
          }
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label={t('spares.store.code')}
              rules={[
                { required: true, whitespace: true, message: t('spares.store.codeRequired') },
                { pattern: /^[A-Za-z0-9_-]+$/, message: t('spares.store.codePattern') },
              ]}
            >
              <Input id="store-code" maxLength={40} autoFocus={!store} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="branchId"
              label={t('spares.store.branch')}
              rules={[{ required: true, message: t('spares.store.branchRequired') }]}
            >
              <Select
                id="store-branch"
                showSearch={{ optionFilterProp: 'label' }}
                loading={branches.isPending}
                options={(branches.data ?? [])
                  .filter((b) => b.active || b.id === store?.branch.id)
                  .map((b) => ({ value: b.id, label: `${b.name} (${b.code})` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('spares.part.nameZh')}
              rules={[{ required: true, whitespace: true, message: t('spares.store.nameRequired') }]}
            >
              <Input id="store-name" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameEn" label={t('spares.part.nameEn')}>
              <Input id="store-name-en" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('spares.store.address')}>
          <Input.TextArea id="store-address" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name="isHq"
              label={t('spares.store.hq')}
              valuePropName="checked"
              extra={t('spares.store.hqHint')}
            >
              <Switch id="store-hq" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="active"
              label={t('spares.store.open')}
              valuePropName="checked"
              extra={t('spares.store.closeHint')}
            >
              <Switch id="store-active" />
            </Form.Item>
          </Col>
        </Row>
        {save.isError && <StockErrorAlert id="store-error" error={save.error} />}
      </Form>
    </Modal>
  );
}
