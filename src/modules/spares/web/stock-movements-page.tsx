/**
 * The stock ledger, newest first: filters in the URL (store, part, kind, case, serial, purchase
 * order, date range), keyset "load more"; each row one movement with its kind, part, serial,
 * quantity, stores, case link, reference and who recorded it.
 */
import { ArrowRightOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Select, Space, Spin, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime, getDisplayTimeZone } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  positiveInt,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { MOVEMENT_RULES, STOCK_MOVEMENT_KINDS, type StockMovementKind } from '../spares-model.ts';
import { RecordMovementDialog } from './record-movement-dialog.tsx';
import {
  bucketLabel,
  MovementKindTag,
  Muted,
  partName,
  StockPageHeader,
  storeLabel,
  StoreFilter,
  useStockKeeper,
} from './spares-display.tsx';
import {
  useCaseRef,
  useCaseSearch,
  useLedger,
  usePart,
  usePartSearch,
  useWarehouses,
  type LedgerFilter,
  type StockMovement,
} from './spares.queries.ts';
import './spares.css';
import { currentAnswer, isAwaiting, useRemoteSearch, withChosen } from '../../../web/shell/remote-search.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface LedgerView extends Omit<LedgerFilter, 'from' | 'to'> {
  fromDay?: string;
  toDay?: string;
}

function readView(search: string): LedgerView {
  const p = new URLSearchParams(search);
  const view: LedgerView = {};
  const id = (key: string) => positiveInt(p.get(key));
  view.warehouseId = id('warehouseId');
  view.partId = id('partId');
  view.caseId = id('caseId');
  view.purchaseOrderId = id('purchaseOrderId');
  const kind = p.get('kind');
  if (kind && (STOCK_MOVEMENT_KINDS as readonly string[]).includes(kind))
    view.kind = kind as StockMovementKind;
  const serial = p.get('serial')?.trim();
  if (serial) view.serial = serial.slice(0, 100);
  const from = p.get('from');
  if (from && DAY.test(from)) view.fromDay = from;
  const to = p.get('to');
  if (to && DAY.test(to)) view.toDay = to;
  return view;
}

/** Minutes `timeZone` is ahead of UTC at `at`. */
function zoneOffset(at: Date, timeZone: string | undefined): number {
  if (!timeZone) return -at.getTimezoneOffset();
  const parts: Record<string, number> = {};
  for (const part of new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at))
    parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a 'YYYY-MM-DD' day starts in the user's time zone (their account's, like every date shown). */
function dayStart(day: string): string {
  const midnightUtc = new Date(`${day}T00:00:00Z`);
  const offset = zoneOffset(midnightUtc, getDisplayTimeZone());
  return new Date(midnightUtc.getTime() - offset * 60_000).toISOString();
}

const nextDay = (day: string) => dayjs(day).add(1, 'day').format('YYYY-MM-DD');

export function StockMovementsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const view = useMemo(() => readView(search), [search]);
  const update = useUrlFilters('/stock/movements');
  const keeper = useStockKeeper();
  const stores = useWarehouses();
  const partSearch = useRemoteSearch();
  const parts = usePartSearch(partSearch.query);
  const selectedPart = usePart(view.partId);
  const caseSearch = useRemoteSearch();
  const cases = useCaseSearch(caseSearch.query);
  const selectedCase = useCaseRef(view.caseId);
  const [recording, setRecording] = useState(false);
  const { fromDay, toDay, ...rest } = view;
  const filter: LedgerFilter = {
    ...rest,
    from: fromDay ? dayStart(fromDay) : undefined,
    to: toDay ? dayStart(nextDay(toDay)) : undefined,
  };
  const ledger = useLedger(filter);

  const partOptions = withChosen(currentAnswer(partSearch, parts), selectedPart.data).map((p) => ({
    value: p.id,
    label: `${p.partNumber} · ${partName(p, locale)}`,
  }));
  const caseOptions = withChosen(currentAnswer(caseSearch, cases), selectedCase.data).map((c) => ({
    value: c.id,
    label: `${c.number} · ${c.title}`,
  }));

  const columns: TableColumnsType<StockMovement> = [
    {
      key: 'time',
      title: t('spares.col.time'),
      dataIndex: 'createdAt',
      width: 140,
      render: (value: string) => <span className="stock-time">{formatDateTime(value)}</span>,
    },
    {
      key: 'kind',
      title: t('spares.col.kind'),
      width: 130,
      render: (_, m) => (
        <Tooltip
          title={`${m.fromStock ? bucketLabel(m.fromStock, t) : t('spares.move.outside')} → ${
            m.toStock ? bucketLabel(m.toStock, t) : t('spares.move.leaves')
          }`}
        >
          <MovementKindTag kind={m.kind} />
        </Tooltip>
      ),
    },
    {
      key: 'part',
      title: t('spares.col.part'),
      ellipsis: true,
      render: (_, m) => (
        <>
          <span className="stock-part-number">{m.part.partNumber}</span>{' '}
          <Muted>{partName(m.part, locale)}</Muted>
        </>
      ),
    },
    {
      key: 'serial',
      title: t('spares.col.serial'),
      width: 150,
      render: (_, m) =>
        m.serial ? (
          <AppLink href={`/stock/movements?serial=${encodeURIComponent(m.serial)}`} className="stock-serial">
            {m.serial}
          </AppLink>
        ) : (
          <Muted>—</Muted>
        ),
    },
    {
      key: 'quantity',
      title: t('spares.col.quantity'),
      dataIndex: 'quantity',
      width: 70,
      align: 'right',
      render: (value: number) => <span className="stock-num">{value}</span>,
    },
    {
      key: 'stores',
      title: t('spares.col.stores'),
      width: 230,
      render: (_, m) => (
        <span className="stock-stores">
          {storeLabel(m.warehouse, locale, stores.data)}
          {m.toWarehouse && (
            <>
              {' '}
              <ArrowRightOutlined /> {storeLabel(m.toWarehouse, locale, stores.data)}
            </>
          )}
        </span>
      ),
    },
    {
      key: 'case',
      title: t('spares.col.case'),
      width: 160,
      render: (_, m) => (
        <Space size={4} wrap>
          {m.caseId && (
            <AppLink href={`/cases/${m.caseId}`} className="stock-case-link">
              {m.caseNumber ?? `#${m.caseId}`}
            </AppLink>
          )}
          {m.rmaId && <Tag>{t('spares.ledger.rma', { id: m.rmaId })}</Tag>}
          {m.purchaseOrderId && (
            <AppLink href={`/stock/purchase-orders/${m.purchaseOrderId}`}>{t('spares.ledger.po')}</AppLink>
          )}
          {!m.caseId && !m.rmaId && !m.purchaseOrderId && <Muted>—</Muted>}
        </Space>
      ),
    },
    {
      key: 'reference',
      title: t('spares.col.reference'),
      width: 180,
      ellipsis: true,
      render: (_, m) =>
        m.reference || m.note ? (
          <Tooltip title={m.note ?? undefined}>
            <span>{m.reference ?? m.note}</span>
          </Tooltip>
        ) : (
          <Muted>—</Muted>
        ),
    },
    {
      key: 'who',
      title: t('spares.col.who'),
      width: 110,
      render: (_, m) => m.actor?.name ?? <Muted>{t('spares.ledger.system')}</Muted>,
    },
  ];

  const range: [Dayjs | null, Dayjs | null] | null =
    view.fromDay || view.toDay
      ? [view.fromDay ? dayjs(view.fromDay) : null, view.toDay ? dayjs(view.toDay) : null]
      : null;
  const filtered = Object.values(view).some((v) => v !== undefined);

  return (
    <div className="page page--wide stock-page">
      <StockPageHeader
        title={t('spares.ledger.title')}
        actions={
          keeper && (
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setRecording(true)}>
              {t('spares.move.button')}
            </Button>
          )
        }
      />
      <FilterBar className="stock-filters">
        <StoreFilter
          id="ledger-filter-store"
          value={view.warehouseId}
          onChange={(warehouseId) => update({ warehouseId })}
        />
        <Select
          aria-label={t('spares.col.part')}
          placeholder={t('spares.filter.part')}
          allowClear
          showSearch={{ filterOption: false, onSearch: partSearch.onSearch }}
          className="stock-filters__select stock-filters__select--wide"
          id="ledger-filter-part"
          value={view.partId}
          onChange={(value?: number) => update({ partId: value })}
          notFoundContent={isAwaiting(partSearch, parts) ? <Spin size="small" /> : t('spares.noPart')}
          options={partOptions}
        />
        <Select
          aria-label={t('spares.col.kind')}
          placeholder={t('spares.filter.allKinds')}
          allowClear
          className="stock-filters__select"
          id="ledger-filter-kind"
          value={view.kind}
          onChange={(value?: string) => update({ kind: value })}
          options={STOCK_MOVEMENT_KINDS.map((k) => ({ value: k, label: MOVEMENT_RULES[k].label[locale] }))}
        />
        <Select
          aria-label={t('spares.col.case')}
          placeholder={t('spares.filter.case')}
          allowClear
          showSearch={{ filterOption: false, onSearch: caseSearch.onSearch }}
          className="stock-filters__select stock-filters__select--wide"
          id="ledger-filter-case"
          value={view.caseId}
          onChange={(value?: number) => update({ caseId: value })}
          notFoundContent={isAwaiting(caseSearch, cases) ? <Spin size="small" /> : t('spares.noCase')}
          options={caseOptions}
        />
        <SearchInput
          aria-label={t('spares.col.serial')}
          placeholder={t('spares.filter.serial')}
          className="stock-filters__select"
          value={view.serial}
          onSearch={(serial) => update({ serial })}
        />
        <DatePicker.RangePicker
          aria-label={t('spares.filter.dates')}
          allowEmpty={[true, true]}
          value={range}
          onChange={(dates) =>
            update({
              from: dates?.[0]?.format('YYYY-MM-DD'),
              to: dates?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
        {view.purchaseOrderId && (
          <Tag closable onClose={() => update({ purchaseOrderId: undefined })}>
            {t('spares.ledger.po')} #{view.purchaseOrderId}
          </Tag>
        )}
        <RefreshButton label={t('spares.refresh')} query={ledger} />
      </FilterBar>
      <KeysetTable<StockMovement>
        id="stock-ledger-table"
        list={ledger}
        columns={columns}
        scroll={{ x: 1400 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('spares.ledger.emptyFiltered') : t('spares.ledger.empty')}
            />
          ),
        }}
        moreClassName="stock-list-end"
        loadMore={t('spares.loadMore')}
        endOfList={(count) => t('spares.endOfList', { count })}
      />
      {recording && (
        <RecordMovementDialog
          preset={{ warehouseId: view.warehouseId, partId: view.partId, kind: view.kind }}
          onClose={() => setRecording(false)}
        />
      )}
    </div>
  );
}
