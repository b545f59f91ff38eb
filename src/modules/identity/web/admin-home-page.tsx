/**
 * The administration landing page: a card per section the caller may use (from `me.abilities`):
 * administrators everything, the hotline (CaseAdmin) the customer records.
 */
import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  CalendarOutlined,
  ControlOutlined,
  FileTextOutlined,
  InboxOutlined,
  MailOutlined,
  NotificationOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { useMe } from './session.queries.ts';
import './admin.css';

interface Section {
  href: string;
  icon: ReactNode;
  title: MessageKey;
  description: MessageKey;
  allowed: (abilities: { administer: boolean; manageOrganisations: boolean }) => boolean;
}

const SECTIONS: Section[] = [
  {
    href: '/admin/users',
    icon: <TeamOutlined />,
    title: 'identity.admin.users',
    description: 'identity.admin.usersHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/organisations',
    icon: <ApartmentOutlined />,
    title: 'identity.admin.organisations',
    description: 'identity.admin.organisationsHint',
    allowed: (a) => a.administer || a.manageOrganisations,
  },
  {
    href: '/admin/calendars',
    icon: <CalendarOutlined />,
    title: 'identity.admin.calendars',
    description: 'identity.admin.calendarsHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/service-levels',
    icon: <ControlOutlined />,
    title: 'identity.admin.serviceLevels',
    description: 'identity.admin.serviceLevelsHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/settings',
    icon: <SettingOutlined />,
    title: 'identity.admin.settings',
    description: 'identity.admin.settingsHint',
    allowed: (a) => a.administer,
  },
  // Notifications and intake channels (their strings are in their modules' messages).
  {
    href: '/admin/deliveries',
    icon: <SendOutlined />,
    title: 'notifications.nav.outbox',
    description: 'notifications.nav.outboxHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/notification-channels',
    icon: <NotificationOutlined />,
    title: 'notifications.nav.channels',
    description: 'notifications.nav.channelsHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/message-templates',
    icon: <FileTextOutlined />,
    title: 'msgTemplates.nav',
    description: 'msgTemplates.navHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/mailboxes',
    icon: <InboxOutlined />,
    title: 'mailboxes.nav',
    description: 'mailboxes.navHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/mail/quarantine',
    icon: <MailOutlined />,
    title: 'mail.nav',
    description: 'mail.navHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/admin/alert-sources',
    icon: <ApiOutlined />,
    title: 'alerts.nav.sources',
    description: 'alerts.nav.sourcesHint',
    allowed: (a) => a.administer,
  },
  {
    href: '/alerts',
    icon: <AlertOutlined />,
    title: 'alerts.nav.alerts',
    description: 'alerts.nav.alertsHint',
    allowed: (a) => a.administer,
  },
];

export function AdminHomePage() {
  const t = useT();
  const me = useMe();
  const sections = SECTIONS.filter((s) => s.allowed(me.abilities));
  if (sections.length === 0) return <NotFoundPage />;
  return (
    <div className="page admin-page">
      <Typography.Title level={2} className="page__title">
        {t('identity.admin.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {sections.map((s) => (
          <Col key={s.href} xs={24} sm={12} lg={8}>
            <AppLink href={s.href} className="admin-card-link">
              <Card hoverable className="admin-card">
                <div className="admin-card__icon" aria-hidden>
                  {s.icon}
                </div>
                <Typography.Title level={4} className="admin-card__title">
                  {t(s.title)}
                </Typography.Title>
                <Typography.Text type="secondary">{t(s.description)}</Typography.Text>
              </Card>
            </AppLink>
          </Col>
        ))}
      </Row>
    </div>
  );
}
