/**
 * One case for the engineer: header (number, title, priority, state, customer, owner, hold),
 * actions the server allows (abilities), SLA clocks and escalation schedule, the timeline with
 * the composer, vendor cases and attachments. Every action refetches the case afterwards.
 */
import {
  ArrowLeftOutlined,
  CheckOutlined,
  ExperimentOutlined,
  FlagOutlined,
  LockOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { api } from '../../../web/api/client.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { STATE_INFO, type CaseState } from '../case-status.ts';
import { formatDateTime, PriorityTag, StateTag } from './case-display.tsx';
import { CaseSlaPanel } from './case-sla-panel.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { CaseComposer } from './case-composer.tsx';
import { useCase, useCaseAction, useContacts, useSites, type CaseDetail } from './cases.queries.ts';
import {
  ReasonDialog,
  DiagnosisDialog,
  PriorityDialog,
  AssignDialog,
  VendorCaseDialog,
} from './case-action-dialogs.tsx';
import { VendorCasesCard, AttachmentsCard } from './case-side-cards.tsx';
import { CaseSideCards } from '../../../web/app/case-page-slots.tsx';
import './cases.css';

type Dialog =
  | { kind: 'transition'; to: CaseState }
  | { kind: 'assign' }
  | { kind: 'priority' }
  | { kind: 'diagnosis' }
  | { kind: 'vendorCase' };

export function CaseDetailPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[2]);
  const kase = useCase(id);

  if (kase.isPending) return <PageLoading />;
  if (kase.isError) {
    return isApiError(kase.error, 'not_found') ? (
      <Result
        status="404"
        title={t('caseDetail.notFound')}
        extra={<AppLink href="/cases">{t('caseDetail.backToQueue')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={kase.error} />
    );
  }
  return <CaseDetail kase={kase.data} />;
}

function CaseDetail({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const open = STATE_INFO[kase.state].open;
  // No ability flags for these yet: the server lets staff who may write notes do them on open cases.
  const mayWork = kase.abilities.note && open;

  const transition = useCaseAction(kase.id, (body: { to: CaseState; reason?: string }) =>
    api.post(`/api/cases/${kase.id}/transitions`, body),
  );
  const accept = useCaseAction(kase.id, () => api.post(`/api/cases/${kase.id}/accept`));

  const transitionLabel = (to: CaseState) =>
    to === 'in_progress' && !open ? t('caseAction.reopen') : t(`caseAction.to.${to}`);

  return (
    <div className="page page--wide case-detail">
      <AppLink href="/cases" className="case-detail__back">
        <ArrowLeftOutlined /> {t('caseDetail.backToQueue')}
      </AppLink>
      <CaseHeader kase={kase} />
      <Card size="small" className="case-actions" id="case-actions">
        <Space wrap>
          {kase.abilities.transitions.map(({ to, needsReason }) => (
            <Button
              key={to}
              id={`transition-${to}`}
              type={to === 'resolved' || (to === 'in_progress' && open) ? 'primary' : 'default'}
              danger={to === 'cancelled'}
              loading={transition.isPending && transition.variables?.to === to}
              onClick={() =>
                needsReason ? setDialog({ kind: 'transition', to }) : transition.mutate({ to })
              }
            >
              {transitionLabel(to)}
            </Button>
          ))}
          {kase.abilities.accept && (
            <Button
              id="accept-case"
              icon={<CheckOutlined />}
              loading={accept.isPending}
              onClick={() => accept.mutate(undefined)}
            >
              {t('caseAction.accept')}
            </Button>
          )}
          {kase.abilities.assign && (
            <Button
              id="assign-case"
              icon={<UserSwitchOutlined />}
              onClick={() => setDialog({ kind: 'assign' })}
            >
              {kase.assignee || kase.group ? t('caseAction.transfer') : t('caseAction.assign')}
            </Button>
          )}
          {mayWork && (
            <Button
              id="record-diagnosis"
              icon={<ExperimentOutlined />}
              onClick={() => setDialog({ kind: 'diagnosis' })}
            >
              {t('caseAction.diagnosis')}
            </Button>
          )}
          {mayWork && (
            <Button
              id="change-priority"
              icon={<FlagOutlined />}
              onClick={() => setDialog({ kind: 'priority' })}
            >
              {t('caseAction.priority')}
            </Button>
          )}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <Card size="small" title={t('caseDetail.description')}>
              <div className="case-detail__description">{kase.description}</div>
            </Card>
            <CaseComposer kase={kase} />
            <Card size="small" title={t('timeline.title')}>
              <CaseTimeline caseId={kase.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <CaseSlaPanel caseId={kase.id} me={me} />
            <CaseSideCards
              caseId={kase.id}
              assetSerial={kase.assetSerial}
              caseOpen={open && kase.mergedIntoId === null}
            />
            <VendorCasesCard kase={kase} onAdd={() => setDialog({ kind: 'vendorCase' })} />
            <AttachmentsCard kase={kase} />
          </Space>
        </Col>
      </Row>
      {dialog?.kind === 'transition' && (
        <ReasonDialog
          title={transitionLabel(dialog.to)}
          label={t('caseAction.reason')}
          required
          onClose={close}
          submit={(reason) => transition.mutateAsync({ to: dialog.to, reason })}
        />
      )}
      {dialog?.kind === 'diagnosis' && <DiagnosisDialog kase={kase} onClose={close} />}
      {dialog?.kind === 'priority' && <PriorityDialog kase={kase} onClose={close} />}
      {dialog?.kind === 'assign' && <AssignDialog kase={kase} onClose={close} />}
      {dialog?.kind === 'vendorCase' && <VendorCaseDialog kase={kase} onClose={close} />}
    </div>
  );
}

function CaseHeader({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const sites = useSites(kase.organisation.id);
  const contacts = useContacts(kase.organisation.id);
  const site = sites.data?.find((s) => s.id === kase.siteId);
  const contact = contacts.data?.find((c) => c.id === kase.contact?.id);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: t('caseDetail.customer'), children: kase.organisation.name },
    { key: 'site', label: t('caseDetail.site'), children: site?.name ?? none },
    {
      key: 'contact',
      label: t('caseDetail.contact'),
      children: kase.contact
        ? [kase.contact.name, contact?.mobile ?? contact?.phone].filter(Boolean).join(' · ')
        : none,
    },
    {
      key: 'owner',
      label: t('caseDetail.owner'),
      children: kase.owner ? (
        <span>
          {kase.owner.name} {!kase.ownerAccepted && <Tag>{t('caseDetail.notAccepted')}</Tag>}
        </span>
      ) : (
        none
      ),
    },
    {
      key: 'assignee',
      label: t('caseDetail.assignee'),
      children: [kase.assignee?.name, kase.group?.name].filter(Boolean).join(' / ') || (
        <Typography.Text type="warning">{t('cases.unassigned')}</Typography.Text>
      ),
    },
    { key: 'channel', label: t('caseDetail.channel'), children: t(`channel.${kase.channel}`) },
    { key: 'serial', label: t('caseDetail.serial'), children: kase.assetSerial ?? none },
    { key: 'opened', label: t('caseDetail.openedAt'), children: formatDateTime(kase.openedAt) },
  ];

  return (
    <header className="case-header">
      <div className="case-header__line">
        <Typography.Text copyable className="case-header__number" id="case-number">
          {kase.number}
        </Typography.Text>
        <PriorityTag priority={kase.priority} long />
        <StateTag state={kase.state} />
        {kase.commercialHold && (
          <Tag color="warning" icon={<LockOutlined />} id="commercial-hold-tag">
            {t('cases.commercialHold')}
          </Tag>
        )}
      </div>
      <Typography.Title level={2} className="page__title case-header__title">
        {kase.title}
      </Typography.Title>
      {kase.commercialHold && (
        <Alert type="warning" showIcon title={t('caseDetail.holdExplained')} className="case-header__hold" />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={items}
        className="case-header__facts"
        title={undefined}
        key={locale}
      />
    </header>
  );
}
