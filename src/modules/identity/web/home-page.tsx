/** The first page after login: who you are in the service centre, and the way out. */
import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { AccountPageCards } from '../../../web/app/account-page-slots.tsx';
import { navigate } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Me } from '../identity.api.ts';
import { roleLabel } from './role-labels.ts';
import { useLogoutMutation, useMe } from './session.queries.ts';

export function HomePage() {
  const t = useT();
  const me = useMe();
  const logout = useLogoutMutation();

  return (
    <div className="page page--narrow">
      <header className="page__header">
        <Typography.Title level={2} className="page__title">
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      </header>
      <Space orientation="vertical" size="large" className="page__stack">
        <Card title={t('home.account')}>
          <AccountDescriptions me={me} />
        </Card>
        <AccountPageCards />
        <Card title={t('home.security')}>
          <Typography.Paragraph type="secondary">{t('home.securityHint')}</Typography.Paragraph>
          <Space wrap>
            <Button
              id="change-password-button"
              icon={<LockOutlined />}
              onClick={() => navigate('/account/password')}
            >
              {t('shell.changePassword')}
            </Button>
            <Button
              id="logout-button"
              danger
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            >
              {t('shell.logout')}
            </Button>
          </Space>
        </Card>
      </Space>
    </div>
  );
}

function AccountDescriptions({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useLocale();
  const notSet = <Typography.Text type="secondary">{t('home.notSet')}</Typography.Text>;
  const staff = me.kind === 'staff';

  const items: DescriptionsProps['items'] = [
    { key: 'displayName', label: t('home.displayName'), children: me.displayName },
    { key: 'username', label: t('home.username'), children: <span id="me-username">{me.username}</span> },
    { key: 'kind', label: t('home.kind'), children: t(staff ? 'home.kind.staff' : 'home.kind.contact') },
    staff
      ? { key: 'branch', label: t('home.branch'), children: me.branch?.name ?? notSet }
      : { key: 'organisation', label: t('home.organisation'), children: me.organisation?.name ?? notSet },
    {
      key: 'roles',
      label: t('home.roles'),
      span: 'filled',
      children: me.roles.length ? (
        <span id="me-roles" className="tag-list">
          {me.roles.map((role) => (
            <Tag key={role} color="blue" variant="outlined">
              {roleLabel(role, locale)}
            </Tag>
          ))}
        </span>
      ) : (
        notSet
      ),
    },
    { key: 'email', label: t('home.email'), children: me.email ?? notSet },
    { key: 'language', label: t('home.language'), children: t(`locale.${me.locale}`) },
    { key: 'timeZone', label: t('home.timeZone'), children: me.timeZone },
  ];
  // Customer contacts have no staff roles; an empty "roles" row would only puzzle them.
  const shown = staff ? items : items.filter((item) => item.key !== 'roles');

  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={shown} />;
}
