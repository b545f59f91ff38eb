/**
 * The installed base: search by serial (part of it), filters by customer, site, vendor, model,
 * category, state and warranty end, all kept in the URL; keyset "load more"; the same filter as
 * xlsx; registration and the xlsx import for those the server allows.
 */
import { AppstoreOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Spin, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { queryParams } from '../../../web/api/query-params.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useSites } from '../../../web/app/organisation-lookups.ts';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  OrganisationSelect,
  positiveInt,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import {
  ASSET_STATE_LABELS,
  ASSET_STATES,
  CATEGORY_LABELS,
  PRODUCT_CATEGORIES,
  type AssetState,
  type ProductCategory,
} from '../asset-status.ts';
import { addDays, AssetStateTag, beijingToday, Muted, WarrantyEnd } from './asset-display.tsx';
import { AssetFormDialog, modelLabel } from './asset-form-dialog.tsx';
import { AssetImportDialog } from './asset-import-dialog.tsx';
import {
  useAssetList,
  useProductModel,
  useProductModelSearch,
  useVendors,
  type Asset,
  type AssetFilter,
} from './assets.queries.ts';
import './assets.css';
import { currentAnswer, isAwaiting, useRemoteSearch } from '../../../web/shell/remote-search.ts';

/** Warranty filters: already ended, or ending within so many days (ended ones included). */
const WARRANTY_WINDOWS = ['expired', '30', '90', '180'] as const;
type WarrantyWindow = (typeof WARRANTY_WINDOWS)[number];

/** The URL's query string → the API's filter (unknown values are dropped, never sent). */
function readFilter(search: string): { filter: AssetFilter; warranty: WarrantyWindow | undefined } {
  const p = new URLSearchParams(search);
  const filter: AssetFilter = {};
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  filter.organisationId = positiveInt(p.get('organisationId'));
  if (filter.organisationId) filter.siteId = positiveInt(p.get('siteId'));
  filter.productModelId = positiveInt(p.get('productModelId'));
  const vendor = p.get('vendor')?.trim();
  if (vendor) filter.vendor = vendor.slice(0, 60);
  const category = p.get('category');
  if (category && (PRODUCT_CATEGORIES as readonly string[]).includes(category))
    filter.category = category as ProductCategory;
  const state = p.get('state');
  if (state && (ASSET_STATES as readonly string[]).includes(state)) filter.state = state as AssetState;
  const w = p.get('warranty');
  const warranty =
    w && (WARRANTY_WINDOWS as readonly string[]).includes(w) ? (w as WarrantyWindow) : undefined;
  // Relative windows are kept in the URL as such, so a bookmark stays "the next 90 days".
  if (warranty) {
    const today = beijingToday();
    filter.warrantyEndsBefore = warranty === 'expired' ? today : addDays(today, Number(warranty) + 1);
  }
  if (p.get('sort') === 'warranty') filter.sort = 'warranty';
  for (const key of Object.keys(filter) as (keyof AssetFilter)[])
    if (filter[key] === undefined) delete filter[key];
  return { filter, warranty };
}

type Dialog = 'register' | 'import' | null;

export function AssetsListPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const { filter, warranty } = useMemo(() => readFilter(search), [search]);
  const list = useAssetList(filter);
  const update = useUrlFilters('/assets');
  const modelSearch = useRemoteSearch();
  const sites = useSites(filter.organisationId);
  const vendors = useVendors();
  const models = useProductModelSearch(modelSearch.query, { all: true });
  const chosenModel = useProductModel(filter.productModelId);
  const [dialog, setDialog] = useState<Dialog>(null);

  const abilities = list.data?.pages[0]?.abilities;
  const filtered = Object.keys(filter).some((key) => key !== 'sort');

  const modelOptions = currentAnswer(modelSearch, models).map((m) => ({ value: m.id, label: modelLabel(m) }));
  if (chosenModel.data && !modelOptions.some((o) => o.value === chosenModel.data.id))
    modelOptions.unshift({ value: chosenModel.data.id, label: modelLabel(chosenModel.data) });

  const columns: TableColumnsType<Asset> = [
    {
      key: 'serial',
      title: t('assets.field.serial'),
      dataIndex: 'serial',
      width: 190,
      fixed: 'left',
      render: (serial: string, asset) => (
        <AppLink href={`/assets/${asset.id}`} className="asset-serial">
          {serial}
        </AppLink>
      ),
    },
    {
      key: 'model',
      title: t('assets.col.vendorModel'),
      render: (_, asset) => (
        <Space orientation="vertical" size={0}>
          <span>
            <strong>{asset.vendor}</strong> {asset.model.model}
          </span>
          <Typography.Text type="secondary" className="assets-list__sub">
            {asset.model.categoryLabel[locale]}
            {asset.model.partNumber ? ` · ${asset.model.partNumber}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'customer',
      title: t('assets.field.customer'),
      ellipsis: true,
      render: (_, asset) => asset.organisation.name,
    },
    {
      key: 'site',
      title: t('assets.field.site'),
      width: 160,
      ellipsis: true,
      render: (_, asset) => asset.site?.name ?? <Muted />,
    },
    {
      key: 'installedOn',
      title: t('assets.field.installedOn'),
      dataIndex: 'installedOn',
      width: 110,
      render: (installedOn: string | null) => installedOn ?? <Muted />,
    },
    {
      key: 'warranty',
      title: t('assets.field.warrantyEndsOn'),
      dataIndex: 'warrantyEndsOn',
      width: 190,
      render: (endsOn: string | null) => <WarrantyEnd endsOn={endsOn} />,
    },
    {
      key: 'state',
      title: t('assets.field.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: AssetState, asset) => <AssetStateTag state={state} label={asset.stateLabel} />,
    },
  ];

  return (
    <div className="page assets-page">
      <header className="assets-page__header">
        <Typography.Title level={2} className="page__title">
          {t('assets.list.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<AppstoreOutlined />}
            href="/assets/models"
            id="assets-models-link"
            onClick={(event) => {
              // An in-app move; ctrl/cmd-click still opens a tab.
              if (event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              navigate('/assets/models');
            }}
          >
            {t('assets.models.title')}
          </Button>
          <Button
            href={`/api/assets/export.xlsx?${queryParams(filter)}`}
            icon={<DownloadOutlined />}
            download
            id="assets-export"
          >
            {t('assets.list.export')}
          </Button>
          {abilities?.import && (
            <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} id="assets-import">
              {t('assets.list.import')}
            </Button>
          )}
          {abilities?.register && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog('register')}
              id="assets-register"
            >
              {t('assets.list.register')}
            </Button>
          )}
        </Space>
      </header>
      <FilterBar className="assets-filters">
        <SearchInput
          id="assets-search"
          aria-label={t('assets.list.search')}
          placeholder={t('assets.list.searchPlaceholder')}
          value={filter.q}
          onSearch={(q) => update({ q })}
          className="assets-filters__search"
        />
        <OrganisationSelect
          id="assets-filter-customer"
          aria-label={t('assets.filter.customer')}
          placeholder={t('assets.filter.customer')}
          allowClear
          className="assets-filters__select assets-filters__select--wide"
          value={filter.organisationId}
          onChange={(value?: number) => update({ organisationId: value, siteId: undefined })}
        />
        <Select
          aria-label={t('assets.filter.site')}
          placeholder={t('assets.filter.site')}
          allowClear
          disabled={!filter.organisationId}
          showSearch={{ optionFilterProp: 'label' }}
          className="assets-filters__select"
          value={filter.siteId}
          onChange={(value?: number) => update({ siteId: value })}
          options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
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
          aria-label={t('assets.filter.model')}
          placeholder={t('assets.filter.model')}
          allowClear
          showSearch={{ filterOption: false, onSearch: modelSearch.onSearch }}
          className="assets-filters__select assets-filters__select--wide"
          value={filter.productModelId}
          onChange={(value?: number) => update({ productModelId: value })}
          notFoundContent={isAwaiting(modelSearch, models) ? <Spin size="small" /> : undefined}
          options={modelOptions}
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
        <Select
          aria-label={t('assets.filter.state')}
          placeholder={t('assets.filter.state')}
          allowClear
          className="assets-filters__select assets-filters__select--narrow"
          value={filter.state}
          onChange={(value?: string) => update({ state: value })}
          options={ASSET_STATES.map((s) => ({ value: s, label: ASSET_STATE_LABELS[s][locale] }))}
        />
        <Select
          id="assets-filter-warranty"
          aria-label={t('assets.filter.warranty')}
          placeholder={t('assets.filter.warranty')}
          allowClear
          className="assets-filters__select"
          value={warranty}
          onChange={(value?: WarrantyWindow) =>
            update({ warranty: value, sort: value ? 'warranty' : undefined })
          }
          options={WARRANTY_WINDOWS.map((w) => ({
            value: w,
            label:
              w === 'expired'
                ? t('assets.filter.warrantyExpired')
                : t('assets.filter.warrantyWithin', { days: w }),
          }))}
        />
        <Select
          aria-label={t('assets.list.sort')}
          className="assets-filters__select"
          value={filter.sort ?? 'newest'}
          onChange={(value: string) => update({ sort: value === 'newest' ? undefined : value })}
          options={[
            { value: 'newest', label: t('assets.sort.newest') },
            { value: 'warranty', label: t('assets.sort.warranty') },
          ]}
        />
        <RefreshButton label={t('assets.list.refresh')} query={list} />
        {filtered && (
          <Button type="link" onClick={() => navigate('/assets', { replace: true })}>
            {t('assets.list.clearFilters')}
          </Button>
        )}
      </FilterBar>
      <KeysetTable<Asset>
        id="assets-table"
        list={list}
        columns={columns}
        scroll={{ x: 1040 }}
        rowClassName="assets-list__row"
        onRow={(asset) => ({
          onClick: (event) => {
            // The serial is a link of its own (ctrl-click opens a tab); the rest of the row opens the asset.
            if ((event.target as HTMLElement).closest('a')) return;
            navigate(`/assets/${asset.id}`);
          },
        })}
        locale={{ emptyText: filtered ? t('assets.list.emptyFiltered') : t('assets.list.empty') }}
        moreClassName="assets-list__more"
        loadMore={t('assets.list.loadMore')}
        loadMoreId="assets-load-more"
        endOfList={(count) => t('assets.list.endOfList', { count })}
      />
      {dialog === 'register' && (
        <AssetFormDialog
          onClose={() => setDialog(null)}
          onSaved={(asset) => {
            setDialog(null);
            navigate(`/assets/${asset.id}`);
          }}
        />
      )}
      {dialog === 'import' && <AssetImportDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
