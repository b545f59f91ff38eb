/** The head of the notification admin pages: the way back to the administration page, the title, actions. */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useT } from '../../../web/i18n/i18n-context.tsx';

export function NotificationsHeader({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  return (
    <>
      <AppLink href="/admin" className="notif-back">
        ← {t('notifications.admin')}
      </AppLink>
      <header className="notif-header">
        <Typography.Title level={2} className="page__title">
          {title}
        </Typography.Title>
        <div className="notif-header__actions">{children}</div>
      </header>
    </>
  );
}
