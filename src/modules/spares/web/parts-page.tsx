/**
 * The parts catalogue: search by part number, name or vendor, filter held-by and discontinued,
 * keyset "load more"; keepers add and change parts. A part's row links to its stock and ledger.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { PartDialog } from './part-dialog.tsx';
import { Muted, StockPageHeader, unitLabel, useStockKeeper } from './spares-display.tsx';
import { usePartList, type Part, type PartFilter } from './spares.queries.ts';
import './spares.css';

type Holding = 'all' | 'serial' | 'quantity';

function readFilter(search: string): PartFilter {
  const p = new URLSearchParams(search);
  const filter: PartFilter = {};
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  const serialised = p.get('serialised');
  if (serialised === 'true' || serialised === 'false') filter.serialised = serialised;
  // Stocked parts unless "all" is asked for.
  if (p.get('active') !== 'all') filter.active = p.get('active') === 'false' ? 'false' : 'true';
  return filter;
}

export function PartsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const update = useUrlFilters('/stock/parts');
  const keeper = useStockKeeper();
  const list = usePartList(filter);
  const [editing, setEditing] = useState<Part | 'new' | null>(null);
  const holding: Holding =
    filter.serialised === 'true' ? 'serial' : filter.serialised === 'false' ? 'quantity' : 'all';

  const columns: TableColumnsType<Part> = [
    {
      key: 'partNumber',
      title: t('spares.col.partNumber'),
      width: 200,
      render: (_, part) => (
        <Space size={4} wrap>
          <span className="stock-part-number">{part.partNumber}</span>
          {!part.active && <Tag>{t('spares.part.discontinued')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'name',
      title: t('spares.col.name'),
      ellipsis: true,
      render: (_, part) => (
        <Space orientation="vertical" size={0}>
          <span>{part.name}</span>
          {part.nameEn && <Muted>{part.nameEn}</Muted>}
        </Space>
      ),
    },
    {
      key: 'vendor',
      title: t('spares.col.vendor'),
      width: 120,
      render: (_, part) => part.vendor ?? <Muted>—</Muted>,
    },
    {
      key: 'model',
      title: t('spares.col.model'),
      width: 160,
      ellipsis: true,
      render: (_, part) =>
        part.productModel ? `${part.productModel.vendor} ${part.productModel.model}` : <Muted>—</Muted>,
    },
    {
      key: 'holding',
      title: t('spares.part.holding'),
      width: 110,
      render: (_, part) => (part.serialised ? t('spares.part.bySerial') : t('spares.part.byQuantity')),
    },
    {
      key: 'unit',
      title: t('spares.col.unit'),
      width: 70,
      render: (_, part) => unitLabel(part.unit, locale),
    },
    {
      key: 'minStock',
      title: t('spares.col.minStock'),
      width: 100,
      align: 'right',
      render: (_, part) => part.minStock ?? <Muted>—</Muted>,
    },
    {
      key: 'links',
      title: '',
      width: keeper ? 190 : 140,
      render: (_, part) => (
        <Space size={8}>
          <AppLink href={`/stock?q=${encodeURIComponent(part.partNumber)}`}>{t('spares.part.stock')}</AppLink>
          <AppLink href={`/stock/movements?partId=${part.id}`}>{t('spares.part.ledger')}</AppLink>
          {keeper && (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              aria-label={t('spares.edit')}
              onClick={() => setEditing(part)}
            >
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
        title={t('spares.parts.title')}
        actions={
          keeper && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              id="new-part-button"
              onClick={() => setEditing('new')}
            >
              {t('spares.part.new')}
            </Button>
          )
        }
      />
      <FilterBar className="stock-filters">
        <SearchInput
          aria-label={t('spares.parts.search')}
          placeholder={t('spares.parts.searchPlaceholder')}
          className="stock-filters__search"
          value={filter.q}
          onSearch={(q) => update({ q })}
        />
        <Segmented<Holding>
          aria-label={t('spares.part.holding')}
          value={holding}
          onChange={(value) =>
            update({ serialised: value === 'serial' ? 'true' : value === 'quantity' ? 'false' : undefined })
          }
          options={[
            { value: 'all', label: t('spares.parts.allHoldings') },
            { value: 'serial', label: t('spares.part.bySerial') },
            { value: 'quantity', label: t('spares.part.byQuantity') },
          ]}
        />
        <Segmented<string>
          aria-label={t('spares.part.active')}
          value={filter.active ?? 'all'}
          onChange={(value) => update({ active: value === 'true' ? undefined : value })}
          options={[
            { value: 'true', label: t('spares.parts.stocked') },
            { value: 'false', label: t('spares.part.discontinued') },
            { value: 'all', label: t('spares.parts.allParts') },
          ]}
        />
        <RefreshButton label={t('spares.refresh')} query={list} />
      </FilterBar>
      <KeysetTable<Part>
        id="parts-table"
        list={list}
        columns={columns}
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: (part) => Boolean(part.description),
          expandedRowRender: (part) => (
            <Typography.Paragraph className="stock-description">{part.description}</Typography.Paragraph>
          ),
        }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filter.q ? t('spares.parts.emptyFiltered') : t('spares.parts.empty')}
            />
          ),
        }}
        moreClassName="stock-list-end"
        loadMore={t('spares.loadMore')}
        endOfList={(count) => t('spares.endOfList', { count })}
      />
      {editing && (
        <PartDialog part={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
