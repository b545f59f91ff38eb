/**
 * The customer portal's frame, for contacts: brand, 我的案例 / 新建案例, language, account menu, and
 * the hotline in the footer. On a phone the navigation moves to a row of its own under the header.
 */
import {
  DownOutlined,
  FileAddOutlined,
  LockOutlined,
  LogoutOutlined,
  PhoneOutlined,
  ProfileOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLogoutMutation, useMe } from '../../modules/identity/web/session.queries.ts';
import { AppLink } from '../app/app-link.tsx';
import { useInstallationSettings } from '../app/installation-settings.ts';
import { navigate, useLocation } from '../app/router.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { BrandMark } from './brand-mark.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import './portal-shell.css';

export const PORTAL_HOME = '/portal/cases';

/** Which menu entry a portal path belongs to. */
function sectionOf(pathname: string): string {
  if (pathname === '/portal/cases/new') return 'new';
  if (pathname.startsWith('/portal/cases')) return 'cases';
  if (pathname.startsWith('/portal/account') || pathname.startsWith('/account')) return 'account';
  return '';
}

export function PortalShell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  const logout = useLogoutMutation();
  const settings = useInstallationSettings();
  const { pathname } = useLocation();
  const hotline = settings.data?.hotlineNumber;

  const nav: MenuProps['items'] = [
    {
      key: 'cases',
      icon: <UnorderedListOutlined />,
      label: (
        <AppLink href={PORTAL_HOME} id="portal-nav-cases">
          {t('portal.nav.cases')}
        </AppLink>
      ),
    },
    {
      key: 'new',
      icon: <FileAddOutlined />,
      label: (
        <AppLink href="/portal/cases/new" id="portal-nav-new">
          {t('portal.nav.newCase')}
        </AppLink>
      ),
    },
  ];

  const menu: MenuProps = {
    items: [
      { key: 'account', icon: <ProfileOutlined />, label: t('portal.nav.account') },
      { key: 'password', icon: <LockOutlined />, label: t('shell.changePassword') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/portal/account');
      if (key === 'password') navigate('/account/password');
      if (key === 'logout') logout.mutate();
    },
  };

  return (
    <Layout className="app-shell portal-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header portal-header">
        <AppLink href={PORTAL_HOME} className="app-header__brand" aria-label={t('portal.nav.cases')}>
          <BrandMark />
        </AppLink>
        <Menu
          mode="horizontal"
          aria-label={t('shell.nav')}
          className="portal-header__nav"
          selectedKeys={[sectionOf(pathname)]}
          items={nav}
          disabledOverflow
        />
        <div className="app-header__actions">
          <LanguageSwitch />
          <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
            <Button
              type="text"
              className="app-header__account"
              id="portal-account-menu"
              aria-label={t('shell.accountMenu')}
            >
              <Avatar size="small" icon={<UserOutlined />} className="app-header__avatar" />
              <span className="app-header__user-name">
                {me.displayName}
                {me.organisation && <span className="portal-header__org">{me.organisation.name}</span>}
              </span>
              <DownOutlined className="app-header__caret" />
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout.Content id="main" className="app-content" tabIndex={-1}>
        {children}
      </Layout.Content>
      <Layout.Footer className="app-footer portal-footer">
        {hotline && (
          <div className="portal-footer__hotline">
            <PhoneOutlined /> {t('portal.footer.hotline')}{' '}
            <a href={`tel:${hotline.replace(/[^\d+]/g, '')}`}>{hotline}</a>
          </div>
        )}
        <div>{t('app.footer')}</div>
      </Layout.Footer>
    </Layout>
  );
}
