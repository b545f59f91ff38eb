/** The head of the alert pages: for the admin screen the way back to administration, the title, actions. */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useT } from '../../../web/i18n/i18n-context.tsx';

export function AlertsHeader({
  title,
  backToAdmin = false,
  children,
}: {
  title: string;
  backToAdmin?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      {backToAdmin && (
        <AppLink href="/admin" className="alerts-back">
          ← {t('alerts.admin')}
        </AppLink>
      )}
      <header className="alerts-header">
        <Typography.Title level={2} className="page__title">
          {title}
        </Typography.Title>
        <div className="alerts-header__actions">{children}</div>
      </header>
    </>
  );
}
