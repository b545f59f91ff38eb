/**
 * The mail quarantine, a work queue of the intake staff: mail from senders nobody has vouched for
 * (unknown, ambiguous, an inactive customer, a flood), newest first; other tabs list the mail that
 * was rejected, ignored (auto-replies, bounces) or accepted, with the reason. A row opens the
 * mail's drawer, where it is read and accepted as a case or a reply, or rejected. The tab and the
 * open mail are kept in the URL.
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Segmented, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import {
  FilterBar,
  KeysetTable,
  positiveInt,
  RefreshButton,
  useUrlFilters,
} from '../../../web/shell/list-page.tsx';
import type { InboundMailState } from '../mail-intake-rules.ts';
import { InboundMailDrawer } from './inbound-mail-drawer.tsx';
import { mayWorkMail } from './mail-access.ts';
import { MailReason, MailStateTag, senderText } from './mail-display.tsx';
import { useInboundMailList, type InboundMailSummary } from './mail-intake.queries.ts';
import './mail-intake.css';

const PATH = '/mail/quarantine';
const TABS = ['quarantined', 'rejected', 'ignored', 'accepted', 'all'] as const;
type Tab = (typeof TABS)[number];

function readView(search: string): { tab: Tab; openId: number | undefined } {
  const p = new URLSearchParams(search);
  const tab = p.get('tab');
  return {
    tab: tab && (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'quarantined',
    openId: positiveInt(p.get('mail')),
  };
}

export function QuarantinePage() {
  const me = useMe();
  if (!mayWorkMail(me.roles)) return <NotFoundPage />;
  return <Quarantine />;
}

function Quarantine() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const { tab, openId } = useMemo(() => readView(search), [search]);
  const list = useInboundMailList(tab === 'all' ? undefined : (tab as InboundMailState));
  const setFilter = useUrlFilters(PATH);
  const open = (id: number | undefined) => setFilter({ mail: id });

  const columns: TableColumnsType<InboundMailSummary> = [
    {
      key: 'received',
      title: t('mail.col.received'),
      width: 150,
      render: (_, m) => <span className="mail-nowrap">{formatDateTime(m.receivedAt)}</span>,
    },
    {
      key: 'from',
      title: t('mail.col.from'),
      width: 240,
      ellipsis: true,
      render: (_, m) => senderText(m.from, t),
    },
    {
      key: 'subject',
      title: t('mail.col.subject'),
      render: (_, m) => (
        <Button type="link" className="mail-open" onClick={() => open(m.id)}>
          {m.subject || t('mail.noSubject')}
          {m.attachmentCount > 0 && <PaperClipOutlined aria-label={t('mail.attachments')} />}
        </Button>
      ),
    },
    {
      key: 'reason',
      title: t('mail.col.reason'),
      width: 260,
      render: (_, m) => <MailReason mail={m} locale={locale} />,
    },
    {
      key: 'state',
      title: t('mail.col.state'),
      width: 150,
      render: (_, m) => (
        <>
          <MailStateTag state={m.state} />
          {m.case && (
            <AppLink href={`/cases/${m.case.id}`} className="mail-case-link">
              {m.case.number}
            </AppLink>
          )}
        </>
      ),
    },
  ];

  return (
    <div className="page mail-page">
      <header className="mail-header">
        <Typography.Title level={2} className="page__title">
          {t('mail.quarantine.title')}
        </Typography.Title>
        <RefreshButton label={t('mail.refresh')} query={list} />
      </header>
      <Typography.Paragraph type="secondary">{t('mail.quarantine.intro')}</Typography.Paragraph>
      <FilterBar className="mail-filters">
        <Segmented
          id="mail-tab"
          value={tab}
          onChange={(value) =>
            setFilter({ tab: value === 'quarantined' ? undefined : String(value), mail: undefined })
          }
          options={TABS.map((s) => ({ value: s, label: t(`mail.tab.${s}`) }))}
        />
      </FilterBar>
      <KeysetTable<InboundMailSummary>
        list={list}
        columns={columns}
        moreClassName="mail-more"
        loadMore={t('mail.loadMore')}
        endOfList={(count) => t('mail.endOfList', { count })}
        scroll={{ x: 1000 }}
        rowClassName={() => 'mail-row'}
        locale={{ emptyText: tab === 'quarantined' ? t('mail.quarantine.empty') : t('mail.empty') }}
      />
      {openId !== undefined && <InboundMailDrawer mailId={openId} onClose={() => open(undefined)} />}
    </div>
  );
}
