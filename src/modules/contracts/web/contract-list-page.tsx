/**
 * Service contracts: search by number or customer, server-side filters kept in the URL (state,
 * customer, service level, owner, ending within N days: renewal due), keyset "load more", the
 * period with days left (expiring soon highlighted), and a quick entitlement check by serial.
 */
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
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
import { CONTRACT_STATE_LABELS, CONTRACT_STATES, type ContractState } from '../contract-status.ts';
import {
  ContractStateTag,
  coverageSummary,
  isExpiringSoon,
  localName,
  PeriodCell,
} from './contract-display.tsx';
import {
  useContractList,
  useServiceLevels,
  useStaffUsers,
  type ContractFilter,
  type ContractItem,
} from './contracts.queries.ts';
import './contracts.css';

const ENDING_WITHIN = [30, 60, 90, 180] as const;

/** The URL's query string → the API's filter (unknown values are dropped, never sent). */
function readFilter(search: string): ContractFilter {
  const p = new URLSearchParams(search);
  const filter: ContractFilter = {};
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 60);
  const state = p.get('state');
  if (state && (CONTRACT_STATES as readonly string[]).includes(state)) filter.state = state as ContractState;
  filter.organisationId = positiveInt(p.get('organisationId'));
  filter.serviceLevelId = positiveInt(p.get('serviceLevelId'));
  filter.ownerId = positiveInt(p.get('ownerId'));
  const within = p.get('endsWithinDays');
  if (within !== null && /^\d{1,4}$/.test(within)) filter.endsWithinDays = Number(within);
  return filter;
}

export function ContractListPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const list = useContractList(filter);
  const update = useUrlFilters('/contracts');
  const [serial, setSerial] = useState('');
  const levels = useServiceLevels();
  const staff = useStaffUsers();

  const mayCreate = list.data?.pages[0]?.abilities.create ?? false;
  const filtered = Object.values(filter).some((v) => v !== undefined);

  const columns: TableColumnsType<ContractItem> = [
    {
      key: 'number',
      title: t('contracts.col.number'),
      dataIndex: 'number',
      width: 170,
      fixed: 'left',
      render: (number: string, item) => (
        <AppLink href={`/contracts/${item.id}`} className="contract-number">
          {number}
        </AppLink>
      ),
    },
    {
      key: 'customer',
      title: t('contracts.col.customer'),
      dataIndex: 'organisationName',
      ellipsis: true,
      render: (name: string, item) => (
        <AppLink
          href={`/contracts?organisationId=${item.organisationId}`}
          title={t('contracts.list.customerContracts', { name })}
        >
          {name}
        </AppLink>
      ),
    },
    {
      key: 'level',
      title: t('contracts.col.serviceLevel'),
      width: 150,
      render: (_, item) => (
        <span>
          <Typography.Text code>{item.serviceLevel.code}</Typography.Text>{' '}
          {localName(item.serviceLevel, locale)}
        </span>
      ),
    },
    {
      key: 'period',
      title: t('contracts.col.period'),
      width: 230,
      render: (_, item) => <PeriodCell contract={item} />,
    },
    {
      key: 'owner',
      title: t('contracts.col.owner'),
      width: 120,
      render: (_, item) =>
        item.owner?.name ?? <Typography.Text type="secondary">{t('contracts.noOwner')}</Typography.Text>,
    },
    {
      key: 'coverage',
      title: t('contracts.col.coverage'),
      width: 150,
      render: (_, item) => coverageSummary(item, t),
    },
    {
      key: 'state',
      title: t('contracts.col.state'),
      dataIndex: 'state',
      width: 96,
      render: (state: ContractState) => <ContractStateTag state={state} />,
    },
  ];

  return (
    <div className="page contract-page contract-list">
      <header className="page__header contract-page-header">
        <Typography.Title level={2} className="page__title">
          {t('contracts.list.title')}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            id="quick-entitlement"
            aria-label={t('contracts.entitlement.serial')}
            placeholder={t('contracts.list.quickCheck')}
            enterButton={<SafetyCertificateOutlined />}
            value={serial}
            spellCheck={false}
            onChange={(event) => setSerial(event.target.value)}
            onSearch={(value) =>
              navigate(
                value.trim()
                  ? `/contracts/entitlement?serial=${encodeURIComponent(value.trim())}`
                  : '/contracts/entitlement',
              )
            }
            className="contract-list__quick-check"
          />
          {mayCreate && (
            <Button
              id="new-contract-button"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/contracts/new')}
            >
              {t('contracts.new')}
            </Button>
          )}
        </Space>
      </header>
      <FilterBar className="contract-list__filters">
        <SearchInput
          id="contract-search"
          aria-label={t('contracts.list.search')}
          placeholder={t('contracts.list.searchPlaceholder')}
          value={filter.q}
          onSearch={(q) => update({ q })}
          className="contract-list__search"
        />
        <Select
          aria-label={t('contracts.filter.state')}
          placeholder={t('contracts.filter.state')}
          allowClear
          className="contract-list__select"
          value={filter.state}
          onChange={(value?: string) => update({ state: value })}
          options={CONTRACT_STATES.map((state) => ({
            value: state,
            label: CONTRACT_STATE_LABELS[state][locale],
          }))}
        />
        <OrganisationSelect
          aria-label={t('contracts.filter.customer')}
          placeholder={t('contracts.filter.customer')}
          allowClear
          className="contract-list__select contract-list__select--wide"
          value={filter.organisationId}
          onChange={(value?: number) => update({ organisationId: value })}
        />
        <Select
          aria-label={t('contracts.filter.serviceLevel')}
          placeholder={t('contracts.filter.serviceLevel')}
          allowClear
          className="contract-list__select"
          value={filter.serviceLevelId}
          onChange={(value?: number) => update({ serviceLevelId: value })}
          options={(levels.data ?? []).map((l) => ({
            value: l.id,
            label: `${l.code} ${localName(l, locale)}`,
          }))}
        />
        <Select
          aria-label={t('contracts.filter.owner')}
          placeholder={t('contracts.filter.owner')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="contract-list__select"
          value={filter.ownerId}
          onChange={(value?: number) => update({ ownerId: value })}
          options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
        />
        <Select
          id="contract-filter-ending"
          aria-label={t('contracts.filter.ending')}
          placeholder={t('contracts.filter.ending')}
          allowClear
          className="contract-list__select"
          value={filter.endsWithinDays}
          onChange={(value?: number) => update({ endsWithinDays: value })}
          options={ENDING_WITHIN.map((days) => ({
            value: days,
            label: t('contracts.filter.endingWithin', { days }),
          }))}
        />
        {filtered && (
          <Button onClick={() => navigate('/contracts', { replace: true })}>
            {t('contracts.filter.reset')}
          </Button>
        )}
        <RefreshButton label={t('contracts.refresh')} query={list} />
      </FilterBar>
      <KeysetTable<ContractItem>
        id="contract-table"
        list={list}
        columns={columns}
        scroll={{ x: 1040 }}
        locale={{ emptyText: filtered ? t('contracts.list.emptyFiltered') : t('contracts.list.empty') }}
        rowClassName={(item) => (isExpiringSoon(item) ? 'contract-row--expiring' : '')}
        moreClassName="contract-list__more"
        loadMore={t('contracts.loadMore')}
        endOfList={(count) => t('contracts.endOfList', { count })}
      />
    </div>
  );
}
