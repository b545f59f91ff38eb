/**
 * Customer organisations: search by name or code (kept in the URL), keyset "load more", add a
 * customer (administrators and the hotline); each row leads to its sites and contacts.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { OrganisationDialog } from './organisation-dialogs.tsx';
import { useBranches, useOrganisationList, type Organisation } from './organisations.queries.ts';
import './organisations.css';

export function OrganisationListPage() {
  const me = useMe();
  if (!me.abilities.administer && !me.abilities.manageOrganisations) return <NotFoundPage />;
  return <OrganisationList />;
}

function OrganisationList() {
  const t = useT();
  const { search } = useLocation();
  const filterQ = useMemo(
    () => new URLSearchParams(search).get('q')?.trim().slice(0, 100) || undefined,
    [search],
  );
  const list = useOrganisationList(filterQ);
  const branches = useBranches();
  const update = useUrlFilters('/admin/organisations');
  const [creating, setCreating] = useState(false);

  const branchName = (id: number | null) =>
    id === null ? null : (branches.data?.find((b) => b.id === id)?.name ?? `#${id}`);

  const columns: TableColumnsType<Organisation> = [
    {
      key: 'name',
      title: t('organisations.col.name'),
      render: (_, org) => (
        <AppLink href={`/admin/organisations/${org.id}`} className="org-name">
          {org.name}
        </AppLink>
      ),
    },
    {
      key: 'code',
      title: t('organisations.col.code'),
      dataIndex: 'code',
      width: 120,
      render: (code: string | null) => code && <Typography.Text code>{code}</Typography.Text>,
    },
    { key: 'industry', title: t('organisations.col.industry'), dataIndex: 'industry', width: 140 },
    {
      key: 'branch',
      title: t('organisations.col.branch'),
      width: 140,
      render: (_, org) => branchName(org.branchId),
    },
    { key: 'phone', title: t('organisations.col.phone'), dataIndex: 'phone', width: 150 },
    {
      key: 'active',
      title: t('organisations.col.status'),
      width: 90,
      render: (_, org) =>
        org.active ? (
          <Tag color="green">{t('organisations.active')}</Tag>
        ) : (
          <Tag>{t('organisations.inactive')}</Tag>
        ),
    },
  ];

  return (
    <div className="page org-page">
      <AppLink href="/admin" className="org-back">
        ← {t('organisations.admin')}
      </AppLink>
      <header className="org-page-header">
        <Typography.Title level={2} className="page__title">
          {t('organisations.list.title')}
        </Typography.Title>
        <Button
          id="new-organisation-button"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
        >
          {t('organisations.new')}
        </Button>
      </header>
      <FilterBar className="org-filters">
        <SearchInput
          id="organisation-search"
          aria-label={t('organisations.list.search')}
          placeholder={t('organisations.list.search')}
          value={filterQ}
          onSearch={(q) => update({ q })}
          className="org-filters__search"
        />
        <RefreshButton label={t('organisations.refresh')} query={list} />
      </FilterBar>
      <KeysetTable<Organisation>
        id="organisation-table"
        list={list}
        columns={columns}
        scroll={{ x: 800 }}
        locale={{
          emptyText: filterQ ? t('organisations.list.emptyFiltered') : t('organisations.list.empty'),
        }}
        moreClassName="org-more"
        loadMore={t('organisations.loadMore')}
        endOfList={(count) => t('organisations.endOfList', { count })}
      />
      {creating && (
        <OrganisationDialog
          onClose={() => setCreating(false)}
          onSaved={(org) => navigate(`/admin/organisations/${org.id}`)}
        />
      )}
    </div>
  );
}
