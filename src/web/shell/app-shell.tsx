/** The logged-in frame: header with brand, language and account menu, then the page. */
import {
  AlertOutlined,
  DatabaseOutlined,
  DownOutlined,
  FileProtectOutlined,
  HddOutlined,
  HomeOutlined,
  InboxOutlined,
  LockOutlined,
  LogoutOutlined,
  MailOutlined,
  ProfileOutlined,
  SettingOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLogoutMutation, useMe } from '../../modules/identity/web/session.queries.ts';
import { mayWorkAlerts } from '../../modules/alerts/web/alert-access.ts';
import { mayWorkMail } from '../../modules/mail-intake/web/mail-access.ts';
import { AppLink } from '../app/app-link.tsx';
import { navigate, useLocation } from '../app/router.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { BrandMark } from './brand-mark.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  const logout = useLogoutMutation();
  const { pathname } = useLocation();
  // The nav entry of the section the page belongs to: /cases/123 → /cases.
  const section = `/${pathname.split('/')[1] ?? ''}`;

  // Staff work in the console; the home page stays for everyone.
  const nav: MenuProps['items'] = me.abilities.useConsole
    ? [
        { key: '/', icon: <HomeOutlined />, label: <AppLink href="/">{t('shell.home')}</AppLink> },
        {
          key: '/cases',
          icon: <ProfileOutlined />,
          label: <AppLink href="/cases">{t('shell.cases')}</AppLink>,
        },
        {
          key: '/assets',
          icon: <HddOutlined />,
          label: <AppLink href="/assets">{t('shell.assets')}</AppLink>,
        },
        {
          key: '/contracts',
          icon: <FileProtectOutlined />,
          label: <AppLink href="/contracts">{t('shell.contracts')}</AppLink>,
        },
        {
          key: '/stock',
          icon: <DatabaseOutlined />,
          label: <AppLink href="/stock">{t('shell.stock')}</AppLink>,
        },
        {
          key: '/rmas',
          icon: <SwapOutlined />,
          label: <AppLink href="/rmas">{t('shell.rmas')}</AppLink>,
        },
        ...intakeNav(me, t),
        ...(me.abilities.administer || me.abilities.manageOrganisations
          ? [
              {
                key: '/admin',
                icon: <SettingOutlined />,
                label: <AppLink href="/admin">{t('shell.admin')}</AppLink>,
              },
            ]
          : []),
      ]
    : [];

  const menu: MenuProps = {
    items: [
      { key: 'account', icon: <UserOutlined />, label: t('shell.account') },
      { key: 'password', icon: <LockOutlined />, label: t('shell.changePassword') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/account');
      if (key === 'password') navigate('/account/password');
      if (key === 'logout') logout.mutate();
    },
  };

  return (
    <Layout className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <AppLink href="/" className="app-header__brand" aria-label={t('shell.home')}>
          <BrandMark />
        </AppLink>
        {nav.length > 0 && (
          <Menu
            mode="horizontal"
            aria-label={t('shell.nav')}
            className="app-header__nav"
            selectedKeys={[section]}
            items={nav}
            style={{ flex: 1, minWidth: 0, borderBottom: 'none', lineHeight: '54px' }}
          />
        )}
        <div className="app-header__actions">
          <LanguageSwitch />
          <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
            <Button type="text" className="app-header__account" aria-label={t('shell.accountMenu')}>
              <Avatar size="small" icon={<UserOutlined />} className="app-header__avatar" />
              <span className="app-header__user-name">{me.displayName}</span>
              <DownOutlined className="app-header__caret" />
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout.Content id="main" className="app-content" tabIndex={-1}>
        {children}
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}

/**
 * The work queues of the intake channels, for whom their APIs answer: monitoring alerts and the
 * mail quarantine (intake staff and administrators). Both under one entry when the user has
 * both, so the header keeps room for the administration entry.
 */
function intakeNav(
  me: ReturnType<typeof useMe>,
  t: ReturnType<typeof useT>,
): NonNullable<MenuProps['items']> {
  const queues = [
    ...(mayWorkAlerts(me.roles)
      ? [
          {
            key: '/alerts',
            icon: <AlertOutlined />,
            label: <AppLink href="/alerts">{t('alerts.nav.alerts')}</AppLink>,
          },
        ]
      : []),
    ...(mayWorkMail(me.roles)
      ? [
          {
            key: '/mail',
            icon: <MailOutlined />,
            label: <AppLink href="/mail/quarantine">{t('mail.nav')}</AppLink>,
          },
        ]
      : []),
  ];
  if (queues.length < 2) return queues;
  return [{ key: '/intake', icon: <InboxOutlined />, label: t('shell.intake'), children: queues }];
}
