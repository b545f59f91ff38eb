/**
 * One RMA: where it stands in the seed 004 flow (request → customer confirmation → part from the
 * branch store or the vendor → replaced → faulty part received → returned to the vendor), its facts
 * (case, customer, unit, serials, vendor RMA, route, stores, dates, return due) and a button per
 * step the server allows this user now (`abilities.steps`), each with its dialog.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { PartLabel, ReturnDue, RmaAge, RmaStateTag, routeLabel, sourceLabel } from './rma-display.tsx';
import { RmaStepDialog, STEP_LABELS, type DialogStep } from './rma-step-dialogs.tsx';
import { useRma, type Rma } from './rma.queries.ts';
import './rma.css';

export function RmaDetailPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[2]);
  const rma = useRma(id);

  if (rma.isPending) return <PageLoading />;
  if (rma.isError) {
    return isApiError(rma.error, 'not_found') ? (
      <Result
        status="404"
        title={t('rma.detail.notFound')}
        extra={<AppLink href="/rmas">{t('rma.detail.back')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={rma.error} />
    );
  }
  return <RmaDetail rma={rma.data} />;
}

/** Steps a clerk or engineer moves the RMA forward with are primary; the vendor side and cancel are not. */
const PRIMARY: readonly DialogStep[] = ['confirm', 'fulfil', 'replace', 'receive_faulty', 'return_to_vendor'];

function RmaDetail({ rma }: { rma: Rma }) {
  const t = useT();
  const [dialog, setDialog] = useState<DialogStep | null>(null);
  const steps = rma.abilities.steps.filter((s): s is DialogStep => s !== 'request');

  return (
    <div className="page page--wide rma-detail">
      <AppLink href="/rmas" className="rma-detail__back">
        <ArrowLeftOutlined /> {t('rma.detail.back')}
      </AppLink>
      <header className="rma-header">
        <div className="rma-header__line">
          <Typography.Text copyable className="rma-header__number rma-mono" id="rma-number">
            {rma.number}
          </Typography.Text>
          <RmaStateTag state={rma.state} />
          {rma.returnLate && !rma.returnedAt && (
            <Tag color="error" id="rma-late-tag">
              {t('rma.return.late')}
            </Tag>
          )}
        </div>
        <Typography.Title level={2} className="page__title rma-header__title">
          <PartLabel part={rma.part} quantity={rma.quantity} />
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('rma.detail.forCase')}{' '}
          <AppLink href={`/cases/${rma.case.id}`} className="rma-mono">
            {rma.case.number}
          </AppLink>{' '}
          {rma.case.title} · {rma.organisation.name}
        </Typography.Text>
      </header>

      <Card size="small" className="rma-flow" id="rma-flow">
        <RmaFlowSteps rma={rma} />
      </Card>

      <Card size="small" className="rma-actions" id="rma-actions">
        {steps.length > 0 ? (
          <Space wrap>
            {steps.map((step) => (
              <Button
                key={step}
                id={`rma-step-${step}`}
                type={PRIMARY.includes(step) ? 'primary' : 'default'}
                danger={step === 'cancel'}
                onClick={() => setDialog(step)}
              >
                {t(STEP_LABELS[step])}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary" id="rma-no-actions">
            {rma.state === 'closed' || rma.state === 'cancelled'
              ? t('rma.detail.finished')
              : t('rma.detail.waitingOthers', { who: waitingFor(rma, t) })}
          </Typography.Text>
        )}
      </Card>

      {rma.state === 'cancelled' && (
        <Alert
          type="info"
          showIcon
          className="rma-detail__notice"
          title={t('rma.detail.cancelledTitle', { time: formatDateTime(rma.cancelledAt ?? rma.createdAt) })}
          description={rma.cancelReason}
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <RmaFacts rma={rma} />
        </Col>
        <Col xs={24} xl={10}>
          <RmaVendorSide rma={rma} />
        </Col>
      </Row>
      {dialog && <RmaStepDialog rma={rma} step={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** Who the RMA waits for when this user has nothing to do on it. */
function waitingFor(rma: Rma, t: Translate): string {
  switch (rma.state) {
    case 'requested':
      return t('rma.waiting.customer');
    case 'part_ready':
      return t('rma.waiting.engineer');
    default:
      return t('rma.waiting.clerk');
  }
}

/** The stage of the flow and its dates; a cancelled RMA shows where it stopped. */
function RmaFlowSteps({ rma }: { rma: Rma }) {
  const t = useT();
  const at = (iso: string | null) => (iso ? formatDateTime(iso) : undefined);
  const partTitle =
    rma.source === 'branch_stock'
      ? t('rma.flow.partStock')
      : rma.source === 'vendor'
        ? t('rma.flow.partVendor')
        : t('rma.flow.part');
  const items: { title: string; content?: ReactNode }[] = [
    { title: t('rma.flow.request'), content: at(rma.createdAt) },
    { title: t('rma.flow.confirm'), content: at(rma.confirmedAt) },
    {
      title: partTitle,
      content:
        rma.source === 'branch_stock'
          ? rma.issuedSerial && <span className="rma-mono">{rma.issuedSerial}</span>
          : (rma.source === 'vendor' && rma.goodReceivedAt && at(rma.goodReceivedAt)) ||
            (rma.state === 'awaiting_part' ? t('rma.flow.waitingVendor') : undefined),
    },
    { title: t('rma.flow.replace'), content: at(rma.replacedAt) },
    { title: t('rma.flow.faultyReceived'), content: at(rma.faultyReceivedAt) },
    { title: t('rma.flow.returned'), content: at(rma.returnedAt) },
  ];
  const current = flowIndex(rma);
  return (
    <Steps
      size="small"
      current={current}
      status={rma.state === 'cancelled' ? 'error' : rma.state === 'closed' ? 'finish' : 'process'}
      items={items}
      responsive
    />
  );
}

/** The index of the flow step the RMA is at (for a closed RMA, past the last). */
function flowIndex(rma: Rma): number {
  switch (rma.state) {
    case 'requested':
      return 1;
    case 'confirmed':
    case 'awaiting_part':
      return 2;
    case 'part_ready':
      return 3;
    case 'replaced':
      return 4;
    case 'faulty_received':
      return 5;
    case 'closed':
      return 6;
    case 'cancelled':
      return rma.confirmedAt ? 2 : 1;
  }
}

function RmaFacts({ rma }: { rma: Rma }) {
  const t = useT();
  const { locale } = useLocale();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const mono = (value: string | null) => (value ? <span className="rma-mono">{value}</span> : none);
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : none);

  const items: DescriptionsProps['items'] = [
    {
      key: 'case',
      label: t('rma.field.case'),
      children: (
        <AppLink href={`/cases/${rma.case.id}`} className="rma-mono">
          {rma.case.number}
        </AppLink>
      ),
    },
    { key: 'customer', label: t('rma.field.customer'), children: rma.organisation.name },
    { key: 'branch', label: t('rma.field.branch'), children: rma.branch?.name ?? none },
    {
      key: 'asset',
      label: t('rma.field.asset'),
      children: (
        <AppLink href={`/assets/${rma.asset.id}`} id="rma-asset-link">
          {rma.asset.vendor} {rma.asset.model} · <span className="rma-mono">{rma.asset.serial}</span>
        </AppLink>
      ),
    },
    {
      key: 'part',
      label: t('rma.field.part'),
      children: <PartLabel part={rma.part} quantity={rma.quantity} />,
    },
    { key: 'faultySerial', label: t('rma.field.faultySerial'), children: mono(rma.faultySerial) },
    { key: 'source', label: t('rma.field.source'), children: sourceLabel(rma.source, t) },
    { key: 'issuedSerial', label: t('rma.field.issuedSerial'), children: mono(rma.issuedSerial) },
    {
      key: 'newAsset',
      label: t('rma.field.newAsset'),
      children: rma.newAssetId ? (
        <AppLink href={`/assets/${rma.newAssetId}`} id="rma-new-asset-link">
          {t('rma.field.newAssetLink', { serial: rma.issuedSerial ?? rma.goodSerial ?? '' })}
        </AppLink>
      ) : (
        none
      ),
    },
    {
      key: 'store',
      label: t('rma.field.store'),
      children: `${rma.warehouse.name} (${rma.warehouse.code})`,
    },
    {
      key: 'requested',
      label: t('rma.field.requested'),
      children: `${formatDateTime(rma.createdAt)}${rma.requestedBy ? ` · ${rma.requestedBy.name}` : ''}`,
    },
    {
      key: 'confirmed',
      label: t('rma.field.confirmed'),
      children: rma.confirmedAt ? (
        <span>
          {formatDateTime(rma.confirmedAt)}
          {rma.confirmedBy && ` · ${rma.confirmedBy}`}
          {rma.confirmationNote && (
            <Typography.Text type="secondary" className="rma-detail__note">
              {rma.confirmationNote}
            </Typography.Text>
          )}
        </span>
      ) : (
        none
      ),
    },
    { key: 'replaced', label: t('rma.field.replaced'), children: when(rma.replacedAt) },
    { key: 'faultyReceived', label: t('rma.field.faultyReceived'), children: when(rma.faultyReceivedAt) },
    { key: 'age', label: t('rma.col.age'), children: <RmaAge rma={rma} /> },
    {
      key: 'reason',
      label: t('rma.field.reason'),
      span: 'filled',
      children: <div className="rma-detail__reason">{rma.reason}</div>,
    },
  ];
  return (
    <Card size="small" title={t('rma.detail.facts')} id="rma-facts">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} key={locale} />
    </Card>
  );
}

/** The vendor side, which runs alongside the swap: vendor RMA, the good part, the faulty part's return. */
function RmaVendorSide({ rma }: { rma: Rma }) {
  const t = useT();
  const { locale } = useLocale();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const started = rma.vendorRmaNumber || rma.goodReceivedAt || rma.returnDueAt;
  const items: DescriptionsProps['items'] = [
    {
      key: 'vendorRma',
      label: t('rma.field.vendorRmaNumber'),
      children: rma.vendorRmaNumber ? <span className="rma-mono">{rma.vendorRmaNumber}</span> : none,
    },
    { key: 'route', label: t('rma.field.route'), children: routeLabel(rma.route, t) },
    {
      key: 'goodSerial',
      label: t('rma.field.goodSerial'),
      children: rma.goodSerial ? <span className="rma-mono">{rma.goodSerial}</span> : none,
    },
    {
      key: 'goodReceived',
      label: t('rma.field.goodReceived'),
      children: rma.goodReceivedAt ? formatDateTime(rma.goodReceivedAt) : none,
    },
    {
      key: 'returnDue',
      label: t('rma.field.returnDue'),
      children: (
        <span id="rma-return-due">
          <ReturnDue rma={rma} />
        </span>
      ),
    },
    {
      key: 'returned',
      label: t('rma.field.returned'),
      children: rma.returnedAt ? (
        <span>
          {formatDateTime(rma.returnedAt)}
          {rma.returnWaybill && (
            <>
              {' · '}
              {t('rma.field.waybill')} <span className="rma-mono">{rma.returnWaybill}</span>
            </>
          )}
        </span>
      ) : (
        none
      ),
    },
  ];
  return (
    <Card size="small" title={t('rma.detail.vendorSide')} id="rma-vendor-side">
      {started || rma.state !== 'cancelled' ? (
        <Descriptions size="small" column={1} items={items} key={locale} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rma.detail.noVendorSide')} />
      )}
      <Typography.Paragraph type="secondary" className="rma-detail__rule">
        {t('rma.detail.returnRule')}
      </Typography.Paragraph>
    </Card>
  );
}
