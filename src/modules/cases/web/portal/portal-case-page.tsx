/**
 * One case for the customer: number, priority, state, the public timeline, the reply form and the
 * files. What the customer may do comes from the case's abilities: confirm a resolution or say it is
 * not fixed (reopen, with the reason), ask to close an open case (with the reason), reopen a closed
 * one within the reopen window. Another organisation's case answers 404 and reads "not found".
 */
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Space,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../../web/api/api-error.ts';
import { api } from '../../../../web/api/client.ts';
import { AppLink } from '../../../../web/app/app-link.tsx';
import { PageLoading } from '../../../../web/app/boot-screen.tsx';
import { useLocation } from '../../../../web/app/router.ts';
import { useLocale, useT } from '../../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../../web/shell/error-alert.tsx';
import { STATE_INFO, type CaseState } from '../../case-status.ts';
import { ReasonDialog } from '../case-action-dialogs.tsx';
import { formatBytes, formatDateTime, PriorityTag, StateTag } from '../case-display.tsx';
import { CaseTimeline } from '../case-timeline.tsx';
import { useCase, useCaseAction, useCaseAttachments, useSites, type CaseDetail } from '../cases.queries.ts';
import { HotlineNotice } from './portal-hotline-notice.tsx';
import { PORTAL_CASES } from './portal-paths.ts';
import { PortalReplyForm } from './portal-reply-form.tsx';
import { PortalCaseNotices } from '../../../../web/app/case-page-slots.tsx';
import '../cases.css';
import './portal.css';

export function PortalCasePage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[3]);
  const kase = useCase(id);

  if (kase.isPending) return <PageLoading />;
  if (kase.isError) {
    return isApiError(kase.error, 'not_found') ? (
      <Result
        className="portal-case-not-found"
        status="404"
        title={t('caseDetail.notFound')}
        subTitle={t('portal.case.notFoundHint')}
        extra={<AppLink href={PORTAL_CASES}>{t('portal.case.back')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={kase.error} />
    );
  }
  return <PortalCase kase={kase.data} />;
}

type Pending = { to: CaseState; title: string; label: string };

function PortalCase({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const [dialog, setDialog] = useState<Pending | null>(null);
  const transition = useCaseAction(kase.id, (body: { to: CaseState; reason?: string }) =>
    api.post(`/api/cases/${kase.id}/transitions`, body),
  );
  const may = (to: CaseState) => kase.abilities.transitions.find((tr) => tr.to === to);
  const open = STATE_INFO[kase.state].open;
  const confirm = kase.state === 'resolved' ? may('closed') : undefined;
  const reopen = !open ? may('in_progress') : undefined;
  const askClose = open ? may('closed') : undefined;

  const reopenDialog = (): Pending => ({
    to: 'in_progress',
    title: kase.state === 'resolved' ? t('portal.action.notFixed') : t('portal.action.reopen'),
    label: t('portal.action.reopenReason'),
  });

  return (
    <div className="page page--wide portal-page portal-case">
      <AppLink href={PORTAL_CASES} className="case-detail__back">
        <ArrowLeftOutlined /> {t('portal.case.back')}
      </AppLink>
      <PortalCaseHeader kase={kase} />

      {kase.state === 'resolved' && (
        <Alert
          id="portal-resolved-notice"
          type="success"
          showIcon
          className="portal-case__notice"
          title={t('portal.case.resolvedTitle')}
          description={t('portal.case.resolvedDetail')}
          action={
            <Space orientation="vertical" className="portal-case__notice-actions">
              {confirm && (
                <Button
                  id="portal-confirm-resolved"
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  loading={transition.isPending && transition.variables?.to === 'closed'}
                  onClick={() => transition.mutate({ to: 'closed' })}
                >
                  {t('portal.action.confirm')}
                </Button>
              )}
              {reopen && (
                <Button
                  id="portal-not-fixed"
                  icon={<RedoOutlined />}
                  onClick={() => setDialog(reopenDialog())}
                >
                  {t('portal.action.notFixed')}
                </Button>
              )}
            </Space>
          }
        />
      )}
      {kase.state === 'closed' && (
        <Alert
          id="portal-closed-notice"
          type="info"
          showIcon
          className="portal-case__notice"
          title={t('portal.case.closedTitle')}
          description={reopen ? t('portal.case.closedReopenable') : t('portal.case.closedFinal')}
          action={
            reopen && (
              <Button id="portal-reopen" icon={<RedoOutlined />} onClick={() => setDialog(reopenDialog())}>
                {t('portal.action.reopen')}
              </Button>
            )
          }
        />
      )}
      {open && kase.priority <= 2 && <HotlineNotice caseNumber={kase.number} />}
      <PortalCaseNotices caseId={kase.id} />

      <Row gutter={[16, 16]} className="portal-case__body">
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <Card size="small" title={t('caseDetail.description')}>
              <div className="case-detail__description">{kase.description}</div>
            </Card>
            <Card size="small" title={t('portal.case.progress')}>
              <CaseTimeline caseId={kase.id} audience="customer" />
            </Card>
            {kase.abilities.reply && <PortalReplyForm kase={kase} />}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <PortalAttachments caseId={kase.id} />
            {askClose && (
              <Card size="small" title={t('portal.case.closeTitle')}>
                <Typography.Paragraph type="secondary">{t('portal.case.closeHint')}</Typography.Paragraph>
                <Button
                  id="portal-ask-close"
                  icon={<CloseCircleOutlined />}
                  onClick={() =>
                    setDialog({
                      to: 'closed',
                      title: t('portal.action.askClose'),
                      label: t('portal.action.closeReason'),
                    })
                  }
                >
                  {t('portal.action.askClose')}
                </Button>
              </Card>
            )}
          </Space>
        </Col>
      </Row>
      {dialog && (
        <ReasonDialog
          title={dialog.title}
          label={dialog.label}
          required
          onClose={() => setDialog(null)}
          submit={(reason) => transition.mutateAsync({ to: dialog.to, reason })}
        />
      )}
    </div>
  );
}

function PortalCaseHeader({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const sites = useSites(kase.organisation.id);
  const site = sites.data?.find((s) => s.id === kase.siteId);
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const items: DescriptionsProps['items'] = [
    { key: 'contact', label: t('portal.case.reportedBy'), children: kase.contact?.name ?? none },
    { key: 'site', label: t('caseDetail.site'), children: site?.name ?? none },
    { key: 'serial', label: t('caseDetail.serial'), children: kase.assetSerial ?? none },
    {
      key: 'engineer',
      label: t('portal.case.engineer'),
      children: kase.assignee?.name ?? (
        <Typography.Text type="secondary">{t('portal.case.notYetAssigned')}</Typography.Text>
      ),
    },
    { key: 'opened', label: t('caseDetail.openedAt'), children: formatDateTime(kase.openedAt) },
    { key: 'updated', label: t('portal.case.updatedAt'), children: formatDateTime(kase.updatedAt) },
  ];
  return (
    <header className="case-header">
      <div className="case-header__line">
        <Typography.Text copyable className="case-header__number" id="case-number">
          {kase.number}
        </Typography.Text>
        <PriorityTag priority={kase.priority} long />
        <StateTag state={kase.state} />
      </div>
      <Typography.Title level={2} className="page__title case-header__title" id="case-title">
        {kase.title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={items}
        className="case-header__facts"
        key={locale}
      />
    </header>
  );
}

function PortalAttachments({ caseId }: { caseId: number }) {
  const t = useT();
  const attachments = useCaseAttachments(caseId);
  return (
    <Card size="small" title={t('attachments.title')} id="case-attachments">
      {attachments.isError ? (
        <ErrorAlert error={attachments.error} />
      ) : (
        <List
          size="small"
          loading={attachments.isPending}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} />,
          }}
          dataSource={attachments.data ?? []}
          renderItem={(a) => (
            <List.Item
              className="attachment"
              actions={[
                <a
                  key="download"
                  href={`/api/attachments/${a.id}/download`}
                  aria-label={t('attachments.download')}
                >
                  <DownloadOutlined />
                </a>,
              ]}
            >
              <List.Item.Meta
                title={<a href={`/api/attachments/${a.id}/download`}>{a.fileName}</a>}
                description={`${formatBytes(a.size)} · ${formatDateTime(a.createdAt)}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
