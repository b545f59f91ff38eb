/**
 * Customer organisations: search by name or code (kept in the URL), keyset "load more", add a
 * customer (administrators and the hotline); each row leads to its sites and contacts.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { useMe } from '../../../web/app/current-session.ts';
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
  const [q, setQ] = useState(filterQ ?? '');
  const [creating, setCreating] = useState(false);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
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
      <Card size="small" className="org-filters">
        <Space wrap size={[12, 12]}>
          <Input.Search
            id="organisation-search"
            aria-label={t('organisations.list.search')}
            placeholder={t('organisations.list.search')}
            allowClear
            value={q}
            onChange={(event) => setQ(event.target.value)}
            onSearch={(value) =>
              navigate(
                value.trim()
                  ? `/admin/organisations?q=${encodeURIComponent(value.trim())}`
                  : '/admin/organisations',
                {
                  replace: true,
                },
              )
            }
            className="org-filters__search"
          />
          <Button
            aria-label={t('organisations.refresh')}
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching && !list.isFetchingNextPage}
          />
        </Space>
      </Card>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<Organisation>
        id="organisation-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{
          emptyText: filterQ ? t('organisations.list.emptyFiltered') : t('organisations.list.empty'),
        }}
      />
      <div className="org-more">
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('organisations.loadMore')}
          </Button>
        ) : (
          items.length > 0 && (
            <Typography.Text type="secondary">
              {t('organisations.endOfList', { count: items.length })}
            </Typography.Text>
          )
        )}
      </div>
      {creating && (
        <OrganisationDialog
          onClose={() => setCreating(false)}
          onSaved={(org) => navigate(`/admin/organisations/${org.id}`)}
        />
      )}
    </div>
  );
}
