/**
 * One customer: its record (edit), its sites (add/edit) and contacts (add/edit, primary,
 * preferred channel) with each contact's portal account: give one (administrators and the
 * hotline), revoke or restore it (administrators; revoking ends its sessions).
 */
import { EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { useOrganisation } from '../../../web/app/organisation-lookups.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { isApiError } from '../../../web/api/api-error.ts';
import { describeError } from '../../../web/api/error-message.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { CHANNEL_LABELS, ContactDialog, OrganisationDialog, SiteDialog } from './organisation-dialogs.tsx';
import { PortalLoginDialog } from './portal-login-dialog.tsx';
import {
  useAllContacts,
  useAllSites,
  useBranches,
  usePortalAccounts,
  useSetPortalAccountActive,
  type Contact,
  type Site,
  type User,
} from './organisations.queries.ts';
import './organisations.css';

type Dialog =
  | { kind: 'organisation' }
  | { kind: 'site'; site?: Site }
  | { kind: 'contact'; contact?: Contact }
  | { kind: 'login'; contact: Contact }
  | null;

export function OrganisationDetailPage() {
  const me = useMe();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[3]);
  if (!me.abilities.administer && !me.abilities.manageOrganisations) return <NotFoundPage />;
  return <OrganisationDetail id={id} />;
}

function OrganisationDetail({ id }: { id: number }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const organisation = useOrganisation(id);
  const sites = useAllSites(id);
  const contacts = useAllContacts(id);
  const accounts = usePortalAccounts(id);
  const branches = useBranches();
  const setActive = useSetPortalAccountActive();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (organisation.isPending) return <Skeleton active className="page org-page" />;
  if (organisation.isError) {
    if (isApiError(organisation.error, 'not_found')) return <NotFoundPage />;
    return (
      <div className="page org-page">
        <ErrorAlert error={organisation.error} />
      </div>
    );
  }
  const org = organisation.data;
  const siteList = sites.data ?? [];
  const siteName = (siteId: number | null) => siteList.find((s) => s.id === siteId)?.name;
  const branchName = org.branchId === null ? null : branches.data?.find((b) => b.id === org.branchId)?.name;

  const toggleAccount = (account: User, active: boolean) =>
    setActive.mutate(
      { userId: account.id, active },
      {
        onSuccess: () =>
          void message.success(t(active ? 'organisations.portal.restored' : 'organisations.portal.revoked')),
        onError: (error) => void message.error(describeError(error, t).message),
      },
    );

  const siteColumns: TableColumnsType<Site> = [
    { key: 'name', title: t('organisations.site.name'), dataIndex: 'name' },
    { key: 'city', title: t('organisations.site.city'), dataIndex: 'city', width: 110 },
    { key: 'address', title: t('organisations.site.address'), dataIndex: 'address', ellipsis: true },
    {
      key: 'active',
      title: t('organisations.col.status'),
      width: 90,
      render: (_, site) => (site.active ? null : <Tag>{t('organisations.inactive')}</Tag>),
    },
    ...(org.abilities.addSite
      ? [
          {
            key: 'actions',
            title: '',
            width: 80,
            render: (_: unknown, site: Site) => (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'site', site })}>
                {t('organisations.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const contactColumns: TableColumnsType<Contact> = [
    {
      key: 'name',
      title: t('organisations.contact.name'),
      width: 170,
      render: (_, c) => (
        <div>
          <span className="org-strong">{c.name}</span>{' '}
          {c.isPrimary && (
            <Tag color="gold" icon={<StarFilled />}>
              {t('organisations.contact.primary')}
            </Tag>
          )}
          {!c.active && <Tag>{t('organisations.inactive')}</Tag>}
          {c.title && <div className="org-small org-muted">{c.title}</div>}
        </div>
      ),
    },
    {
      key: 'reach',
      title: t('organisations.contact.reach'),
      width: 220,
      render: (_, c) => (
        <div className="org-small">
          {c.mobile && <div>{c.mobile}</div>}
          {c.phone && <div>{c.phone}</div>}
          {c.email && <div>{c.email}</div>}
          <div className="org-muted">
            {t('organisations.contact.prefers', { channel: t(CHANNEL_LABELS[c.preferredChannel]) })}
          </div>
        </div>
      ),
    },
    {
      key: 'site',
      title: t('organisations.contact.site'),
      width: 150,
      render: (_, c) =>
        siteName(c.siteId) ?? <span className="org-muted">{t('organisations.contact.allSites')}</span>,
    },
    {
      key: 'portal',
      title: t('organisations.portal.account'),
      width: 230,
      render: (_, c) => {
        const account = accounts.data?.get(c.id);
        if (!account)
          return me.abilities.manageOrganisations ? (
            <Button size="small" onClick={() => setDialog({ kind: 'login', contact: c })}>
              {t('organisations.portal.give')}
            </Button>
          ) : (
            <span className="org-muted">{t('organisations.portal.none')}</span>
          );
        return (
          <Space size={4} wrap>
            <Typography.Text code>{account.username}</Typography.Text>
            {account.active ? (
              <Tag color="green">{t('organisations.portal.enabled')}</Tag>
            ) : (
              <Tag>{t('organisations.portal.disabled')}</Tag>
            )}
            {me.abilities.administer &&
              (account.active ? (
                <Popconfirm
                  title={t('organisations.portal.revokeConfirm', { name: c.name })}
                  description={t('organisations.portal.revokeHint')}
                  okText={t('organisations.portal.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('dialog.cancel')}
                  onConfirm={() => toggleAccount(account, false)}
                >
                  <Button type="link" size="small" danger>
                    {t('organisations.portal.revoke')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button type="link" size="small" onClick={() => toggleAccount(account, true)}>
                  {t('organisations.portal.restore')}
                </Button>
              ))}
          </Space>
        );
      },
    },
    ...(org.abilities.addContact
      ? [
          {
            key: 'actions',
            title: '',
            width: 80,
            render: (_: unknown, contact: Contact) => (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'contact', contact })}>
                {t('organisations.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="page org-page">
      <AppLink href="/admin/organisations" className="org-back">
        ← {t('organisations.list.title')}
      </AppLink>
      <header className="org-page-header">
        <Typography.Title level={2} className="page__title" id="organisation-title">
          {org.name} {!org.active && <Tag>{t('organisations.inactive')}</Tag>}
        </Typography.Title>
        {org.abilities.update && (
          <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'organisation' })}>
            {t('organisations.edit')}
          </Button>
        )}
      </header>
      <Space orientation="vertical" size={16} className="page__stack">
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('organisations.field.code')}>{org.code ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.field.industry')}>
              {org.industry ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('organisations.field.branch')}>{branchName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.field.phone')}>{org.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('organisations.field.address')} span={2}>
              {org.address ?? '—'}
            </Descriptions.Item>
            {org.notes && (
              <Descriptions.Item label={t('organisations.field.notes')} span={3}>
                <span className="org-notes">{org.notes}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card
          size="small"
          title={t('organisations.site.title', { count: siteList.length })}
          extra={
            org.abilities.addSite && (
              <Button
                id="new-site-button"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ kind: 'site' })}
              >
                {t('organisations.site.new')}
              </Button>
            )
          }
        >
          {sites.isError && <ErrorAlert error={sites.error} />}
          <Table<Site>
            id="site-table"
            rowKey="id"
            size="small"
            columns={siteColumns}
            dataSource={siteList}
            loading={sites.isPending}
            pagination={false}
            scroll={{ x: 600 }}
            locale={{ emptyText: t('organisations.site.empty') }}
          />
        </Card>
        <Card
          size="small"
          title={t('organisations.contact.titleList', { count: contacts.data?.length ?? 0 })}
          extra={
            org.abilities.addContact && (
              <Button
                id="new-contact-button"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ kind: 'contact' })}
              >
                {t('organisations.contact.new')}
              </Button>
            )
          }
        >
          {contacts.isError && <ErrorAlert error={contacts.error} />}
          {accounts.isError && <ErrorAlert error={accounts.error} />}
          <Table<Contact>
            id="contact-table"
            rowKey="id"
            size="small"
            columns={contactColumns}
            dataSource={contacts.data ?? []}
            loading={contacts.isPending}
            pagination={false}
            scroll={{ x: 850 }}
            locale={{ emptyText: t('organisations.contact.empty') }}
          />
        </Card>
      </Space>
      {dialog?.kind === 'organisation' && (
        <OrganisationDialog organisation={org} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'site' && (
        <SiteDialog organisationId={org.id} site={dialog.site} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'contact' && (
        <ContactDialog
          organisationId={org.id}
          contact={dialog.contact}
          sites={siteList}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'login' && (
        <PortalLoginDialog contact={dialog.contact} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
