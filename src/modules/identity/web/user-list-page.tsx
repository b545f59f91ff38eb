/**
 * Staff users (administrators): search by name, username or e-mail, filter by role, branch and
 * status (kept in the URL), keyset "load more"; add a user, change profile, roles and branch,
 * reset a password, deactivate (ends the user's sessions) or reactivate.
 */
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { describeError } from '../../../web/api/error-message.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  positiveInt,
  RefreshButton,
  SearchInput,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import { STAFF_ROLES, type StaffRole } from '../identity-roles.ts';
import { roleLabel } from './role-labels.ts';
import { useMe } from './session.queries.ts';
import { ResetPasswordDialog, UserFormDialog } from './user-dialogs.tsx';
import { useBranches, useUpdateUser, useUserList, type User, type UserFilter } from './users.queries.ts';
import './admin.css';

function readFilter(search: string): UserFilter {
  const p = new URLSearchParams(search);
  const filter: UserFilter = {};
  const q = p.get('q')?.trim();
  if (q) filter.q = q.slice(0, 100);
  const role = p.get('role');
  if (role && (STAFF_ROLES as readonly string[]).includes(role)) filter.role = role as StaffRole;
  filter.branchId = positiveInt(p.get('branchId'));
  const active = p.get('active');
  if (active === 'true' || active === 'false') filter.active = active;
  return filter;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

export function UserListPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <UserList />;
}

function UserList() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const { search } = useLocation();
  const filter = useMemo(() => readFilter(search), [search]);
  const list = useUserList(filter);
  const branches = useBranches();
  const update = useUpdateUser();
  const setFilter = useUrlFilters('/admin/users');
  const [dialog, setDialog] = useState<Dialog>(null);

  const branchName = (id: number | null) =>
    id === null ? undefined : (branches.data?.find((b) => b.id === id)?.name ?? `#${id}`);

  const setActive = (user: User, active: boolean) =>
    update.mutate(
      { id: user.id, body: { active } },
      {
        onSuccess: () =>
          void message.success(
            t(active ? 'identity.users.reactivated' : 'identity.users.deactivated', {
              name: user.displayName,
            }),
          ),
        onError: (error) => void message.error(describeError(error, t).message),
      },
    );

  const filtered = Object.values(filter).some((v) => v !== undefined);

  const columns: TableColumnsType<User> = [
    {
      key: 'name',
      title: t('identity.users.col.name'),
      width: 200,
      fixed: 'left',
      render: (_, user) => (
        <div>
          <div className="admin-strong">{user.displayName}</div>
          <Typography.Text type="secondary" className="admin-mono">
            {user.username}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'roles',
      title: t('identity.users.col.roles'),
      render: (_, user) => (
        <span className="tag-list">
          {user.roles.map((role) => (
            <Tag key={role} color={role === 'admin' ? 'red' : undefined}>
              {roleLabel(role, locale)}
            </Tag>
          ))}
        </span>
      ),
    },
    {
      key: 'branch',
      title: t('identity.users.col.branch'),
      width: 140,
      render: (_, user) =>
        branchName(user.branchId) ?? (
          <Typography.Text type="secondary">{t('identity.users.noBranch')}</Typography.Text>
        ),
    },
    {
      key: 'contact',
      title: t('identity.users.col.contact'),
      width: 210,
      render: (_, user) => (
        <div className="admin-small">
          {user.email && <div>{user.email}</div>}
          {user.phone && <div>{user.phone}</div>}
        </div>
      ),
    },
    {
      key: 'status',
      title: t('identity.users.col.status'),
      width: 120,
      render: (_, user) => (
        <Space size={4} wrap>
          {user.active ? (
            <Tag color="green">{t('identity.users.active')}</Tag>
          ) : (
            <Tag>{t('identity.users.inactive')}</Tag>
          )}
          {user.lockedUntil && (
            <Tooltip title={t('identity.users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
              <Tag color="orange" icon={<LockOutlined />}>
                {t('identity.users.locked')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('identity.users.col.actions'),
      width: 230,
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })}>
            {t('identity.users.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user })}>
            {t('identity.users.resetPassword')}
          </Button>
          {user.active ? (
            user.id !== me.id && (
              <Popconfirm
                title={t('identity.users.deactivateConfirm', { name: user.displayName })}
                description={t('identity.users.deactivateHint')}
                okText={t('identity.users.deactivate')}
                okButtonProps={{ danger: true }}
                cancelText={t('dialog.cancel')}
                onConfirm={() => setActive(user, false)}
              >
                <Button type="link" size="small" danger>
                  {t('identity.users.deactivate')}
                </Button>
              </Popconfirm>
            )
          ) : (
            <Button type="link" size="small" onClick={() => setActive(user, true)}>
              {t('identity.users.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page admin-page admin-page--wide">
      <AppLink href="/admin" className="admin-back">
        ← {t('identity.admin.title')}
      </AppLink>
      <header className="admin-page-header">
        <Typography.Title level={2} className="page__title">
          {t('identity.users.title')}
        </Typography.Title>
        <Button
          id="new-user-button"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create' })}
        >
          {t('identity.users.new')}
        </Button>
      </header>
      <FilterBar className="admin-filters">
        <SearchInput
          id="user-search"
          aria-label={t('identity.users.search')}
          placeholder={t('identity.users.search')}
          value={filter.q}
          onSearch={(q) => setFilter({ q })}
          className="admin-filters__search"
        />
        <Select
          aria-label={t('identity.users.filter.role')}
          placeholder={t('identity.users.filter.role')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="admin-filters__select"
          value={filter.role}
          onChange={(value?: string) => setFilter({ role: value })}
          options={STAFF_ROLES.map((role) => ({ value: role, label: roleLabel(role, locale) }))}
        />
        <Select
          aria-label={t('identity.users.filter.branch')}
          placeholder={t('identity.users.filter.branch')}
          allowClear
          className="admin-filters__select"
          value={filter.branchId}
          onChange={(value?: number) => setFilter({ branchId: value })}
          options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <Select
          aria-label={t('identity.users.filter.status')}
          placeholder={t('identity.users.filter.status')}
          allowClear
          className="admin-filters__select admin-filters__select--narrow"
          value={filter.active}
          onChange={(value?: string) => setFilter({ active: value })}
          options={[
            { value: 'true', label: t('identity.users.active') },
            { value: 'false', label: t('identity.users.inactive') },
          ]}
        />
        {filtered && (
          <Button onClick={() => navigate('/admin/users', { replace: true })}>
            {t('identity.filter.reset')}
          </Button>
        )}
        <RefreshButton label={t('identity.refresh')} query={list} />
      </FilterBar>
      <KeysetTable<User>
        id="user-table"
        list={list}
        columns={columns}
        scroll={{ x: 1000 }}
        rowClassName={(user) => (user.active ? '' : 'admin-row--inactive')}
        locale={{ emptyText: filtered ? t('identity.users.emptyFiltered') : t('identity.users.empty') }}
        moreClassName="admin-more"
        loadMore={t('identity.loadMore')}
        endOfList={(count) => t('identity.endOfList', { count })}
      />
      {dialog?.kind === 'create' && <UserFormDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && (
        <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
