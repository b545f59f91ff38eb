/**
 * Purchase orders for spares, newest first: state and store filters in the URL, open orders by
 * default, the due date with overdue ones in red (seed 001: stocked in within a week of signing),
 * keyset "load more"; keepers record a new order.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  positiveInt,
  RefreshButton,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import {
  PURCHASE_ORDER_STATE_LABELS,
  PURCHASE_ORDER_STATES,
  type PurchaseOrderState,
} from '../spares-model.ts';
import { PurchaseOrderDialog } from './purchase-order-dialog.tsx';
import {
  Muted,
  PurchaseOrderStateTag,
  StockPageHeader,
  storeLabel,
  StoreFilter,
  useStockKeeper,
} from './spares-display.tsx';
import {
  usePurchaseOrders,
  useWarehouses,
  type PurchaseOrder,
  type PurchaseOrderFilter,
} from './spares.queries.ts';
import './spares.css';

function readFilter(search: string): PurchaseOrderFilter {
  const p = new URLSearchParams(search);
  const filter: PurchaseOrderFilter = {};
  const state = p.get('state');
  if (state && (PURCHASE_ORDER_STATES as readonly string[]).includes(state))
    filter.state = state as PurchaseOrderState;
  else if (state !== 'all') filter.open = 'true';
  const warehouseId = positiveInt(p.get('warehouseId'));
  if (warehouseId) filter.warehouseId = warehouseId;
  return filter;
}

/** "3 / 5": received of ordered, over all lines. */
function progress(po: PurchaseOrder): string {
  const ordered = po.lines.reduce((sum, l) => sum + l.quantityOrdered, 0);
  const received = po.lines.reduce((sum, l) => sum + l.quantityReceived, 0);
  return `${received} / ${ordered}`;
}

export function PurchaseOrdersPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const update = useUrlFilters('/stock/purchase-orders');
  const keeper = useStockKeeper();
  const stores = useWarehouses();
  const list = usePurchaseOrders(filter);
  const [creating, setCreating] = useState(false);
  const stateValue = filter.state ?? (filter.open ? 'open' : 'all');

  const columns: TableColumnsType<PurchaseOrder> = [
    {
      key: 'number',
      title: t('spares.po.number'),
      width: 170,
      render: (_, po) => (
        <AppLink href={`/stock/purchase-orders/${po.id}`} className="stock-part-number">
          {po.number}
        </AppLink>
      ),
    },
    {
      key: 'supplier',
      title: t('spares.po.supplier'),
      ellipsis: true,
      render: (_, po) => (
        <Space orientation="vertical" size={0}>
          <span>{po.supplier}</span>
          {(po.project || po.serviceContract) && (
            <Muted>{[po.project, po.serviceContract?.number].filter(Boolean).join(' · ')}</Muted>
          )}
        </Space>
      ),
    },
    {
      key: 'store',
      title: t('spares.col.store'),
      width: 170,
      render: (_, po) => storeLabel(po.warehouse, locale, stores.data),
    },
    {
      key: 'lines',
      title: t('spares.po.received'),
      width: 100,
      align: 'right',
      render: (_, po) => <span className="stock-num">{progress(po)}</span>,
    },
    {
      key: 'state',
      title: t('spares.col.state'),
      width: 110,
      render: (_, po) => <PurchaseOrderStateTag state={po.state} />,
    },
    {
      key: 'dueOn',
      title: t('spares.po.dueOn'),
      width: 140,
      render: (_, po) =>
        po.overdue ? (
          <Space size={4}>
            <Typography.Text type="danger" strong>
              {po.dueOn}
            </Typography.Text>
            <Tag color="red" className="po-overdue-tag">
              {t('spares.po.overdue')}
            </Tag>
          </Space>
        ) : (
          po.dueOn
        ),
    },
    {
      key: 'createdAt',
      title: t('spares.po.createdAt'),
      width: 150,
      render: (_, po) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(po.createdAt)}</span>
          {po.createdBy && <Muted>{po.createdBy.name}</Muted>}
        </Space>
      ),
    },
  ];

  return (
    <div className="page page--wide stock-page">
      <StockPageHeader
        title={t('spares.po.title')}
        actions={
          keeper && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              id="new-po-button"
              onClick={() => setCreating(true)}
            >
              {t('spares.po.new')}
            </Button>
          )
        }
      />
      <FilterBar className="stock-filters">
        <Select
          aria-label={t('spares.col.state')}
          className="stock-filters__select"
          value={stateValue}
          onChange={(value: string) => update({ state: value === 'open' ? undefined : value })}
          options={[
            { value: 'open', label: t('spares.po.openStates') },
            { value: 'all', label: t('spares.po.allStates') },
            ...PURCHASE_ORDER_STATES.map((s) => ({
              value: s,
              label: PURCHASE_ORDER_STATE_LABELS[s][locale],
            })),
          ]}
        />
        <StoreFilter value={filter.warehouseId} onChange={(warehouseId) => update({ warehouseId })} />
        <RefreshButton label={t('spares.refresh')} query={list} />
      </FilterBar>
      <KeysetTable<PurchaseOrder>
        id="po-table"
        list={list}
        columns={columns}
        scroll={{ x: 1000 }}
        rowClassName={(po) => (po.overdue ? 'stock-row--below' : '')}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filter.open ? t('spares.po.emptyOpen') : t('spares.po.empty')}
            />
          ),
        }}
        moreClassName="stock-list-end"
        loadMore={t('spares.loadMore')}
        endOfList={(count) => t('spares.endOfList', { count })}
      />
      {creating && (
        <PurchaseOrderDialog
          onClose={() => setCreating(false)}
          onCreated={(po) => navigate(`/stock/purchase-orders/${po.id}`)}
        />
      )}
    </div>
  );
}
