/**
 * One purchase order: supplier, store, project, signing and due dates (overdue in red), its lines
 * with what arrived, the stock-in movements it made, and the steps the server allows (abilities):
 * mark as ordered, receive (per line; serialised parts with one serial per unit), cancel with a reason.
 */
import { ArrowLeftOutlined, CloseCircleOutlined, InboxOutlined, SendOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Result,
  Space,
  Table,
  Tag,
  Typography,
  type DescriptionsProps,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import {
  MovementKindTag,
  Muted,
  PurchaseOrderStateTag,
  StockPageHeader,
  storeLabel,
} from './spares-display.tsx';
import {
  useLedger,
  usePurchaseOrder,
  usePurchaseOrderStep,
  useWarehouses,
  type CancelBody,
  type PurchaseOrder,
  type StockMovement,
} from './spares.queries.ts';
import { ReceiveDialog } from './purchase-order-receive-dialog.tsx';
import { StockErrorAlert } from './stock-error-alert.tsx';
import './spares.css';

type Line = PurchaseOrder['lines'][number];

export function PurchaseOrderPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[3]);
  const po = usePurchaseOrder(id);
  if (po.isPending) return <PageLoading />;
  if (po.isError)
    return isApiError(po.error, 'not_found') ? (
      <Result
        status="404"
        title={t('spares.po.notFound')}
        extra={<AppLink href="/stock/purchase-orders">{t('spares.po.back')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={po.error} />
    );
  return <PurchaseOrderDetail po={po.data} />;
}

function PurchaseOrderDetail({ po }: { po: PurchaseOrder }) {
  const t = useT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const stores = useWarehouses();
  const [dialog, setDialog] = useState<'receive' | 'cancel' | null>(null);
  const order = usePurchaseOrderStep<Record<string, never>>(po.id, 'order');
  const stockIns = useLedger({ purchaseOrderId: po.id });
  const movements = stockIns.data?.pages.flatMap((page) => page.items) ?? [];

  const facts: DescriptionsProps['items'] = [
    { key: 'supplier', label: t('spares.po.supplier'), children: po.supplier },
    { key: 'store', label: t('spares.po.store'), children: storeLabel(po.warehouse, locale, stores.data) },
    { key: 'project', label: t('spares.po.project'), children: po.project ?? <Muted>—</Muted> },
    {
      key: 'contract',
      label: t('spares.po.contract'),
      children: po.serviceContract?.number ?? <Muted>—</Muted>,
    },
    { key: 'signedOn', label: t('spares.po.signedOn'), children: po.signedOn ?? <Muted>—</Muted> },
    {
      key: 'dueOn',
      label: t('spares.po.dueOn'),
      children: po.overdue ? (
        <Space size={4}>
          <Typography.Text type="danger" strong id="po-due-on">
            {po.dueOn}
          </Typography.Text>
          <Tag color="red">{t('spares.po.overdue')}</Tag>
        </Space>
      ) : (
        <span id="po-due-on">{po.dueOn}</span>
      ),
    },
    {
      key: 'createdBy',
      label: t('spares.po.createdAt'),
      children: `${formatDateTime(po.createdAt)}${po.createdBy ? ` · ${po.createdBy.name}` : ''}`,
    },
    ...(po.orderedAt
      ? [{ key: 'orderedAt', label: t('spares.po.orderedAt'), children: formatDateTime(po.orderedAt) }]
      : []),
    ...(po.receivedAt
      ? [{ key: 'receivedAt', label: t('spares.po.receivedAt'), children: formatDateTime(po.receivedAt) }]
      : []),
    ...(po.cancelledAt
      ? [
          {
            key: 'cancelled',
            label: t('spares.po.cancelledAt'),
            children: `${formatDateTime(po.cancelledAt)}${po.cancelReason ? ` · ${po.cancelReason}` : ''}`,
          },
        ]
      : []),
    ...(po.note ? [{ key: 'note', label: t('spares.move.note'), children: po.note, span: 2 }] : []),
  ];

  const lineColumns: TableColumnsType<Line> = [
    {
      key: 'part',
      title: t('spares.col.part'),
      render: (_, l) => (
        <Space size={4} wrap>
          <span className="stock-part-number">{l.part.partNumber}</span>
          <Muted>{l.part.name}</Muted>
          {l.part.serialised && <Tag className="stock-serial-tag">{t('spares.part.bySerialShort')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'ordered',
      title: t('spares.po.ordered'),
      dataIndex: 'quantityOrdered',
      width: 90,
      align: 'right',
    },
    {
      key: 'received',
      title: t('spares.po.received'),
      dataIndex: 'quantityReceived',
      width: 90,
      align: 'right',
    },
    {
      key: 'progress',
      title: t('spares.po.outstanding'),
      width: 180,
      render: (_, l) => (
        <Space size={8}>
          <span className="stock-num">{l.outstanding}</span>
          <Progress
            percent={Math.round((l.quantityReceived / l.quantityOrdered) * 100)}
            size="small"
            className="po-line__progress"
            showInfo={false}
          />
        </Space>
      ),
    },
  ];

  const movementColumns: TableColumnsType<StockMovement> = [
    { key: 'time', title: t('spares.col.time'), width: 140, render: (_, m) => formatDateTime(m.createdAt) },
    {
      key: 'kind',
      title: t('spares.col.kind'),
      width: 120,
      render: (_, m) => <MovementKindTag kind={m.kind} />,
    },
    { key: 'part', title: t('spares.col.part'), render: (_, m) => m.part.partNumber },
    {
      key: 'serial',
      title: t('spares.col.serial'),
      render: (_, m) => (m.serial ? <code className="stock-serial">{m.serial}</code> : <Muted>—</Muted>),
    },
    { key: 'quantity', title: t('spares.col.quantity'), dataIndex: 'quantity', width: 70, align: 'right' },
    { key: 'reference', title: t('spares.col.reference'), render: (_, m) => m.reference ?? <Muted>—</Muted> },
    { key: 'who', title: t('spares.col.who'), width: 110, render: (_, m) => m.actor?.name ?? '—' },
  ];

  const confirmOrder = () =>
    modal.confirm({
      title: t('spares.po.orderConfirm', { number: po.number }),
      okText: t('spares.po.order'),
      cancelText: t('dialog.cancel'),
      onOk: () =>
        order.mutateAsync({}).then(
          () => void message.success(t('spares.po.orderedDone')),
          () => undefined,
        ),
    });

  const { abilities } = po;
  const anyStep = abilities.order || abilities.receive || abilities.cancel;
  return (
    <div className="page page--wide stock-page">
      <StockPageHeader
        title={
          <Space size={8} wrap>
            <span id="po-number" className="po-number">
              {po.number}
            </span>
            <PurchaseOrderStateTag state={po.state} />
          </Space>
        }
        actions={
          <AppLink href="/stock/purchase-orders">
            <ArrowLeftOutlined /> {t('spares.po.back')}
          </AppLink>
        }
      />
      {anyStep && (
        <Card size="small" className="po-actions" id="po-actions">
          <Space wrap>
            {abilities.order && (
              <Button id="po-order" icon={<SendOutlined />} loading={order.isPending} onClick={confirmOrder}>
                {t('spares.po.order')}
              </Button>
            )}
            {abilities.receive && (
              <Button
                id="po-receive"
                type="primary"
                icon={<InboxOutlined />}
                onClick={() => setDialog('receive')}
              >
                {t('spares.po.receive')}
              </Button>
            )}
            {abilities.cancel && (
              <Button
                id="po-cancel"
                danger
                icon={<CloseCircleOutlined />}
                onClick={() => setDialog('cancel')}
              >
                {t('spares.po.cancel')}
              </Button>
            )}
          </Space>
          {order.isError && <StockErrorAlert error={order.error} />}
        </Card>
      )}
      <Card size="small" className="po-facts">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={facts} />
      </Card>
      <Card size="small" title={t('spares.po.lines')} className="po-lines">
        <Table<Line>
          id="po-lines-table"
          rowKey="id"
          size="small"
          columns={lineColumns}
          dataSource={po.lines}
          pagination={false}
          scroll={{ x: 600 }}
        />
      </Card>
      <Card
        size="small"
        title={t('spares.po.stockIns')}
        extra={
          movements.length > 0 && (
            <AppLink href={`/stock/movements?purchaseOrderId=${po.id}`}>{t('spares.po.inLedger')}</AppLink>
          )
        }
      >
        {stockIns.isError && <ErrorAlert error={stockIns.error} />}
        <Table<StockMovement>
          id="po-movements-table"
          rowKey="id"
          size="small"
          columns={movementColumns}
          dataSource={movements}
          loading={stockIns.isPending}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: t('spares.po.noStockIns') }}
        />
        {stockIns.hasNextPage && (
          <div className="stock-list-end">
            <Button onClick={() => void stockIns.fetchNextPage()} loading={stockIns.isFetchingNextPage}>
              {t('spares.loadMore')}
            </Button>
          </div>
        )}
      </Card>
      {dialog === 'receive' && <ReceiveDialog po={po} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelDialog po={po} onClose={() => setDialog(null)} />}
    </div>
  );
}

function CancelDialog({ po, onClose }: { po: PurchaseOrder; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CancelBody>();
  const cancel = usePurchaseOrderStep<CancelBody>(po.id, 'cancel');
  const received = po.lines.some((l) => l.quantityReceived > 0);
  return (
    <Modal
      open
      title={t('spares.po.cancelTitle', { number: po.number })}
      okText={t('spares.po.cancel')}
      okButtonProps={{ danger: true, id: 'cancel-submit' }}
      cancelText={t('dialog.cancel')}
      confirmLoading={cancel.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {received ? t('spares.po.cancelKeeps') : t('spares.po.cancelHint')}
      </Typography.Paragraph>
      <Form<CancelBody>
        form={form}
        layout="vertical"
        onFinish={(fields) => cancel.mutate({ reason: fields.reason.trim() }, { onSuccess: onClose })}
      >
        <Form.Item
          name="reason"
          label={t('spares.po.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('spares.po.cancelReasonRequired') }]}
        >
          <Input.TextArea id="cancel-reason" autoSize={{ minRows: 2 }} maxLength={1000} autoFocus />
        </Form.Item>
        {cancel.isError && <StockErrorAlert error={cancel.error} />}
      </Form>
    </Modal>
  );
}
