/**
 * Stock levels per store and part: filters in the URL (store, part number / name, in stock only,
 * below reorder level), a serialised part's row opens onto its units by state with their serials,
 * a unit found by part of its serial, "Record movement" for the keepers and the stock report as xlsx.
 */
import { DownloadOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Empty,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import {
  FilterBar,
  positiveInt,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { STOCK_UNIT_STATES, type StockUnitState } from '../spares-model.ts';
import { RecordMovementDialog, type MovementPreset } from './record-movement-dialog.tsx';
import {
  Muted,
  partName,
  StockPageHeader,
  storeLabel,
  StoreFilter,
  UnitStateTag,
  useStockKeeper,
} from './spares-display.tsx';
import {
  LEVEL_LIMIT,
  stockReportXlsxHref,
  useStockLevels,
  useStockUnits,
  useWarehouses,
  type LevelFilter,
  type StockLevel,
  type StockUnit,
} from './spares.queries.ts';
import './spares.css';

function readFilter(search: string): LevelFilter & { serial?: string } {
  const p = new URLSearchParams(search);
  const filter: LevelFilter & { serial?: string } = {};
  const warehouseId = positiveInt(p.get('warehouseId'));
  if (warehouseId) filter.warehouseId = warehouseId;
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  if (p.get('inStock') === 'true') filter.inStock = true;
  if (p.get('belowReorder') === 'true') filter.belowReorder = true;
  const serial = p.get('serial')?.trim();
  if (serial) filter.serial = serial.slice(0, 100);
  return filter;
}

export function StockLevelsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const { serial, ...filter } = useMemo(() => readFilter(search), [search]);
  const update = useUrlFilters('/stock');
  const keeper = useStockKeeper();
  const stores = useWarehouses();
  const levels = useStockLevels(filter);
  const [dialog, setDialog] = useState<MovementPreset | null>(null);
  const items = levels.data ?? [];

  const number = (value: number) => <span className="stock-num">{value}</span>;
  const columns: TableColumnsType<StockLevel> = [
    {
      key: 'store',
      title: t('spares.col.store'),
      width: 170,
      render: (_, row) => storeLabel(row.warehouse, locale, stores.data),
    },
    {
      key: 'partNumber',
      title: t('spares.col.partNumber'),
      width: 190,
      render: (_, row) => (
        <Space size={4}>
          <span className="stock-part-number">{row.part.partNumber}</span>
          {row.part.serialised && (
            <Tooltip title={t('spares.part.serialisedHint')}>
              <Tag className="stock-serial-tag">{t('spares.part.bySerialShort')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'name',
      title: t('spares.col.name'),
      ellipsis: true,
      render: (_, row) => partName(row.part, locale),
    },
    {
      key: 'good',
      title: t('spares.col.good'),
      dataIndex: 'good',
      width: 80,
      align: 'right',
      render: number,
    },
    {
      key: 'reserved',
      title: t('spares.col.reserved'),
      dataIndex: 'reserved',
      width: 80,
      align: 'right',
      render: number,
    },
    {
      key: 'available',
      title: t('spares.col.available'),
      dataIndex: 'available',
      width: 90,
      align: 'right',
      render: (value: number, row) => (
        <Typography.Text strong type={row.belowReorder ? 'danger' : undefined} className="stock-num">
          {value}
        </Typography.Text>
      ),
    },
    {
      key: 'faulty',
      title: t('spares.col.faulty'),
      dataIndex: 'faulty',
      width: 80,
      align: 'right',
      render: (value: number) =>
        value > 0 ? <Typography.Text type="warning">{value}</Typography.Text> : number(value),
    },
    {
      key: 'minStock',
      title: t('spares.col.minStock'),
      width: 110,
      align: 'right',
      render: (_, row) =>
        row.part.minStock === null ? (
          <Muted>—</Muted>
        ) : row.belowReorder ? (
          <Tooltip title={t('spares.levels.belowHint')}>
            <Tag color="red" className="stock-below-tag">
              {t('spares.levels.below', { min: row.part.minStock })}
            </Tag>
          </Tooltip>
        ) : (
          number(row.part.minStock)
        ),
    },
    ...(keeper
      ? [
          {
            key: 'actions',
            title: '',
            width: 56,
            render: (_: unknown, row: StockLevel) => (
              <Tooltip title={t('spares.move.button')}>
                <Button
                  size="small"
                  type="text"
                  icon={<SwapOutlined />}
                  aria-label={t('spares.move.button')}
                  onClick={() => setDialog({ warehouseId: row.warehouse.id, partId: row.part.id })}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="page page--wide stock-page">
      <StockPageHeader
        title={t('spares.levels.title')}
        actions={
          <Space wrap>
            <Button
              href={stockReportXlsxHref(filter.warehouseId)}
              icon={<DownloadOutlined />}
              download
              id="stock-report-xlsx"
            >
              {t('spares.report.xlsx')}
            </Button>
            {keeper && (
              <Button
                type="primary"
                icon={<SwapOutlined />}
                id="record-movement-button"
                onClick={() => setDialog({ warehouseId: filter.warehouseId })}
              >
                {t('spares.move.button')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar className="stock-filters">
        <StoreFilter
          id="stock-filter-store"
          value={filter.warehouseId}
          onChange={(warehouseId) => update({ warehouseId })}
        />
        <SearchInput
          aria-label={t('spares.filter.part')}
          placeholder={t('spares.filter.partPlaceholder')}
          id="stock-filter-part"
          className="stock-filters__search"
          value={filter.q}
          onSearch={(q) => update({ q })}
        />
        <Checkbox
          id="stock-filter-in-stock"
          checked={Boolean(filter.inStock)}
          onChange={(event) => update({ inStock: event.target.checked })}
        >
          {t('spares.filter.inStock')}
        </Checkbox>
        <Checkbox
          id="stock-filter-below"
          checked={Boolean(filter.belowReorder)}
          onChange={(event) => update({ belowReorder: event.target.checked })}
        >
          {t('spares.filter.belowReorder')}
        </Checkbox>
        <SearchInput
          aria-label={t('spares.units.search')}
          placeholder={t('spares.units.searchPlaceholder')}
          id="stock-unit-search"
          className="stock-filters__search"
          value={serial}
          onSearch={(value) => update({ serial: value })}
        />
        <RefreshButton label={t('spares.refresh')} query={levels} />
      </FilterBar>
      {serial && <UnitSearchResult serial={serial} onClear={() => update({ serial: undefined })} />}
      {levels.isError && <ErrorAlert error={levels.error} />}
      <Table<StockLevel>
        id="stock-levels-table"
        rowKey={(row) => `${row.warehouse.id}:${row.part.id}`}
        size="middle"
        columns={columns}
        dataSource={items}
        loading={levels.isPending}
        pagination={false}
        scroll={{ x: 980 }}
        rowClassName={(row) => (row.belowReorder ? 'stock-row--below' : '')}
        expandable={{
          rowExpandable: (row) => row.part.serialised && row.good + row.faulty > 0,
          expandedRowRender: (row) => <UnitsByState warehouseId={row.warehouse.id} partId={row.part.id} />,
        }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                Object.keys(filter).length ? t('spares.levels.emptyFiltered') : t('spares.levels.empty')
              }
            />
          ),
        }}
      />
      {items.length > 0 && (
        <div className="stock-list-end">
          <Muted>
            {items.length >= LEVEL_LIMIT
              ? t('spares.levels.limited', { count: items.length })
              : t('spares.levels.count', { count: items.length })}
          </Muted>
        </div>
      )}
      {dialog && <RecordMovementDialog preset={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** A serialised part's units in one store, grouped by state, serials as tags. */
function UnitsByState({ warehouseId, partId }: { warehouseId: number; partId: number }) {
  const t = useT();
  const units = useStockUnits({ warehouseId, partId });
  if (units.isPending) return <Spin size="small" />;
  if (units.isError) return <ErrorAlert error={units.error} />;
  const byState = new Map<StockUnitState, StockUnit[]>();
  for (const unit of units.data) byState.set(unit.state, [...(byState.get(unit.state) ?? []), unit]);
  if (byState.size === 0) return <Muted>{t('spares.units.none')}</Muted>;
  return (
    <div className="stock-units" data-part={partId}>
      {STOCK_UNIT_STATES.filter((s) => byState.has(s)).map((state) => (
        <div key={state} className="stock-units__group" data-state={state}>
          <UnitStateTag state={state} />
          <span className="stock-units__count">{byState.get(state)!.length}</span>
          <span className="stock-units__serials">
            {byState.get(state)!.map((unit) => (
              <Tooltip
                key={unit.id}
                title={
                  unit.caseId
                    ? t('spares.units.forCase', { id: unit.caseId })
                    : t('spares.units.since', { time: formatDateTime(unit.updatedAt) })
                }
              >
                <code className="stock-serial">{unit.serial}</code>
              </Tooltip>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}

/** Units whose serial contains the searched text, wherever they are (store, issued, at the vendor). */
function UnitSearchResult({ serial, onClear }: { serial: string; onClear: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const units = useStockUnits({ serial });
  const stores = useWarehouses();
  const columns: TableColumnsType<StockUnit> = [
    {
      key: 'serial',
      title: t('spares.col.serial'),
      dataIndex: 'serial',
      render: (value: string) => <code className="stock-serial">{value}</code>,
    },
    {
      key: 'part',
      title: t('spares.col.part'),
      render: (_, unit) => (
        <>
          <span className="stock-part-number">{unit.part.partNumber}</span> <Muted>{unit.part.name}</Muted>
        </>
      ),
    },
    { key: 'state', title: t('spares.col.state'), render: (_, unit) => <UnitStateTag state={unit.state} /> },
    {
      key: 'store',
      title: t('spares.col.store'),
      render: (_, unit) =>
        unit.warehouse ? storeLabel(unit.warehouse, locale, stores.data) : <Muted>—</Muted>,
    },
    {
      key: 'case',
      title: t('spares.col.case'),
      render: (_, unit) =>
        unit.caseId ? <AppLink href={`/cases/${unit.caseId}`}>#{unit.caseId}</AppLink> : <Muted>—</Muted>,
    },
    {
      key: 'ledger',
      title: '',
      render: (_, unit) => (
        <AppLink href={`/stock/movements?serial=${encodeURIComponent(unit.serial)}`}>
          {t('spares.units.history')}
        </AppLink>
      ),
    },
  ];
  return (
    <Card
      size="small"
      id="unit-search-result"
      className="stock-unit-search"
      title={t('spares.units.found', { serial })}
      extra={
        <Button size="small" onClick={onClear}>
          {t('spares.units.clear')}
        </Button>
      }
    >
      {units.isError && <ErrorAlert error={units.error} />}
      <Table<StockUnit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={units.data ?? []}
        loading={units.isPending}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('spares.units.noMatch') }}
      />
    </Card>
  );
}
