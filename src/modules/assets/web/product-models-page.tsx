/**
 * Product models of the installed base: filters (vendor, category, text, active) kept in the URL,
 * keyset "load more", the number of assets of each (a link to them), and the create / correct
 * dialog for installed-base managers.
 */
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  keysetItems,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { CATEGORY_LABELS, PRODUCT_CATEGORIES, type ProductCategory } from '../asset-status.ts';
import { Muted } from './asset-display.tsx';
import { ProductModelDialog } from './product-model-dialog.tsx';
import {
  useProductModelList,
  useVendors,
  type ProductModel,
  type ProductModelFilter,
} from './assets.queries.ts';
import './assets.css';

type Active = 'true' | 'false' | 'all';

function readFilter(search: string): ProductModelFilter {
  const p = new URLSearchParams(search);
  const filter: ProductModelFilter = {};
  const vendor = p.get('vendor')?.trim();
  if (vendor) filter.vendor = vendor.slice(0, 60);
  const category = p.get('category');
  if (category && (PRODUCT_CATEGORIES as readonly string[]).includes(category))
    filter.category = category as ProductCategory;
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  // Active models unless asked otherwise: retired ones are kept for the assets that still have them.
  const active = p.get('active');
  if (active !== 'all') filter.active = active === 'false' ? 'false' : 'true';
  return filter;
}

export function ProductModelsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const list = useProductModelList(filter);
  const vendors = useVendors();
  const update = useUrlFilters('/assets/models');
  const [editing, setEditing] = useState<ProductModel | 'new' | null>(null);

  const items = keysetItems(list);
  const abilities = list.data?.pages[0]?.abilities;

  const columns: TableColumnsType<ProductModel> = [
    { key: 'vendor', title: t('assets.field.vendor'), dataIndex: 'vendor', width: 120 },
    {
      key: 'model',
      title: t('assets.field.model'),
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <strong>{m.model}</strong>
          {m.description && (
            <Typography.Text type="secondary" className="assets-list__sub" ellipsis>
              {m.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'partNumber',
      title: t('assets.field.partNumber'),
      dataIndex: 'partNumber',
      width: 160,
      render: (pn: string | null) => (pn ? <span className="asset-serial">{pn}</span> : <Muted />),
    },
    {
      key: 'category',
      title: t('assets.field.category'),
      width: 130,
      render: (_, m) => m.categoryLabel[locale],
    },
    {
      key: 'warranty',
      title: t('assets.models.warrantyMonths'),
      dataIndex: 'warrantyMonths',
      width: 110,
      render: (months: number | null) =>
        months === null ? <Muted /> : t('assets.models.months', { months }),
    },
    {
      key: 'active',
      title: t('assets.models.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? (
          <Tag color="green">{t('assets.models.activeYes')}</Tag>
        ) : (
          <Tag>{t('assets.models.activeNo')}</Tag>
        ),
    },
    {
      key: 'assets',
      title: t('assets.models.assetCount'),
      dataIndex: 'assetCount',
      width: 90,
      align: 'right',
      render: (count: number, m) =>
        count > 0 ? <AppLink href={`/assets?productModelId=${m.id}`}>{count}</AppLink> : <Muted>0</Muted>,
    },
    ...(abilities?.create || items.some((m) => m.abilities.update)
      ? [
          {
            key: 'actions',
            title: '',
            width: 64,
            render: (_: unknown, m: ProductModel) =>
              m.abilities.update && (
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('assets.models.edit')}
                  onClick={() => setEditing(m)}
                />
              ),
          },
        ]
      : []),
  ];

  const activeValue: Active = filter.active ?? 'all';
  return (
    <div className="page assets-page">
      <AppLink href="/assets" className="asset-detail__back">
        <ArrowLeftOutlined /> {t('assets.detail.back')}
      </AppLink>
      <header className="assets-page__header">
        <Typography.Title level={2} className="page__title">
          {t('assets.models.title')}
        </Typography.Title>
        {abilities?.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} id="models-create">
            {t('assets.models.create')}
          </Button>
        )}
      </header>
      <FilterBar className="assets-filters">
        <SearchInput
          aria-label={t('assets.models.search')}
          placeholder={t('assets.models.searchPlaceholder')}
          value={filter.q}
          onSearch={(q) => update({ q })}
          className="assets-filters__search"
        />
        <Select
          aria-label={t('assets.filter.vendor')}
          placeholder={t('assets.filter.vendor')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="assets-filters__select"
          value={filter.vendor}
          onChange={(value?: string) => update({ vendor: value })}
          options={(vendors.data ?? []).map((v) => ({ value: v, label: v }))}
        />
        <Select
          aria-label={t('assets.filter.category')}
          placeholder={t('assets.filter.category')}
          allowClear
          className="assets-filters__select"
          value={filter.category}
          onChange={(value?: string) => update({ category: value })}
          options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c][locale] }))}
        />
        <Segmented<Active>
          aria-label={t('assets.models.active')}
          value={activeValue}
          onChange={(value) => update({ active: value === 'true' ? undefined : value })}
          options={[
            { value: 'true', label: t('assets.models.filterActive') },
            { value: 'false', label: t('assets.models.filterInactive') },
            { value: 'all', label: t('assets.models.filterAll') },
          ]}
        />
      </FilterBar>
      <KeysetTable<ProductModel>
        id="models-table"
        list={list}
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('assets.models.empty') }}
        moreClassName="assets-list__more"
        loadMore={t('assets.list.loadMore')}
        endOfList={(count) => t('assets.models.endOfList', { count })}
      />
      {editing && (
        <ProductModelDialog
          model={editing === 'new' ? undefined : editing}
          vendors={vendors.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
