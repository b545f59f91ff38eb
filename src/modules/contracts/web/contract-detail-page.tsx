/**
 * One service contract: header (number, state, customer, period with the signed end against the
 * extended end, days left, owner, predecessor and follow-on), the actions the server allows
 * (edit, activate, end early, renew, record downtime), the service level's targets, promises,
 * coverage and the downtime extensions.
 */
import {
  ArrowLeftOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  EditOutlined,
  RetweetOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { ContractStateTag, DaysLeft, isExpiringSoon, localName } from './contract-display.tsx';
import { CoverageCard, ExtensionsTable, PromisesCard, ServiceLevelCard } from './contract-cards.tsx';
import { ExpireDialog, ExtensionDialog, RenewDialog } from './contract-dialogs.tsx';
import { contractCalls, useContract, useContractAction, type ContractDetail } from './contracts.queries.ts';
import './contracts.css';

type Dialog = 'extend' | 'renew' | 'expire';

export function ContractDetailPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[2]);
  const contract = useContract(id);

  if (contract.isPending) return <PageLoading />;
  if (contract.isError) {
    return isApiError(contract.error, 'not_found') ? (
      <Result
        status="404"
        title={t('contracts.detail.notFound')}
        extra={<AppLink href="/contracts">{t('contracts.backToList')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={contract.error} />
    );
  }
  return <ContractView contract={contract.data} />;
}

function ContractView({ contract }: { contract: ContractDetail }) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const { abilities } = contract;
  const activate = useContractAction(contract.id, contractCalls.state(contract.id));
  const anyAction =
    abilities.update || abilities.renew || abilities.extend || abilities.transitions.length > 0;

  return (
    <div className="page contract-page contract-detail">
      <AppLink href="/contracts" className="contract-back">
        <ArrowLeftOutlined /> {t('contracts.backToList')}
      </AppLink>
      <ContractHeader contract={contract} />
      {anyAction && (
        <Card size="small" className="contract-actions" id="contract-actions">
          <Space wrap>
            {abilities.transitions.map(({ to, needsReason }) =>
              needsReason ? (
                <Button
                  key={to}
                  id={`transition-${to}`}
                  danger
                  icon={<StopOutlined />}
                  onClick={() => setDialog('expire')}
                >
                  {t(`contracts.action.to.${to}`)}
                </Button>
              ) : (
                <Popconfirm
                  key={to}
                  title={t('contracts.action.confirmActivate', { number: contract.number })}
                  okText={t('dialog.confirm')}
                  cancelText={t('dialog.cancel')}
                  onConfirm={() => activate.mutateAsync({ to })}
                >
                  <Button
                    id={`transition-${to}`}
                    type="primary"
                    icon={<CheckOutlined />}
                    loading={activate.isPending}
                  >
                    {t(`contracts.action.to.${to}`)}
                  </Button>
                </Popconfirm>
              ),
            )}
            {abilities.update && (
              <Button
                id="edit-contract"
                icon={<EditOutlined />}
                onClick={() => navigate(`/contracts/${contract.id}/edit`)}
              >
                {t('contracts.action.edit')}
              </Button>
            )}
            {abilities.extend && (
              <Button
                id="record-extension"
                icon={<ClockCircleOutlined />}
                onClick={() => setDialog('extend')}
              >
                {t('contracts.extension.record')}
              </Button>
            )}
            {abilities.renew && (
              <Button
                id="renew-contract"
                type={isExpiringSoon(contract) || contract.state === 'expired' ? 'primary' : 'default'}
                icon={<RetweetOutlined />}
                onClick={() => setDialog('renew')}
              >
                {t('contracts.action.renew')}
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <ServiceLevelCard contract={contract} />
            <CoverageCard contract={contract} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <PromisesCard contract={contract} />
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={t('contracts.extension.title')}
            id="contract-extensions"
            extra={
              contract.extensionDays > 0 && (
                <Typography.Text type="secondary">
                  {t('contracts.extension.total', { days: contract.extensionDays })}
                </Typography.Text>
              )
            }
          >
            <Typography.Paragraph type="secondary" className="contract-card__note">
              {t('contracts.extension.rule')}
            </Typography.Paragraph>
            <ExtensionsTable extensions={contract.extensions} />
          </Card>
        </Col>
      </Row>
      {dialog === 'extend' && <ExtensionDialog contract={contract} onClose={close} />}
      {dialog === 'renew' && <RenewDialog contract={contract} onClose={close} />}
      {dialog === 'expire' && <ExpireDialog contract={contract} onClose={close} />}
    </div>
  );
}

/** The number of another contract (predecessor or follow-on), as a link. */
function ContractLink({ id }: { id: number }) {
  const other = useContract(id);
  return (
    <AppLink href={`/contracts/${id}`} className="contract-number">
      {other.data?.number ?? `#${id}`}
    </AppLink>
  );
}

function ContractHeader({ contract }: { contract: ContractDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const extended = contract.extensionDays > 0;

  const items: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('contracts.field.customer'),
      children: (
        <AppLink href={`/contracts?organisationId=${contract.organisationId}`} id="contract-customer">
          {contract.organisationName}
        </AppLink>
      ),
    },
    {
      key: 'level',
      label: t('contracts.field.serviceLevel'),
      children: `${contract.serviceLevel.code} · ${localName(contract.serviceLevel, locale)}`,
    },
    {
      key: 'period',
      label: t('contracts.detail.period'),
      children: (
        <span id="contract-period">
          {contract.startsOn} – <strong>{contract.endsOn}</strong>
        </span>
      ),
    },
    {
      key: 'daysLeft',
      label: t('contracts.detail.daysLeft'),
      children: (
        <span id="contract-days-left">
          <DaysLeft contract={contract} />
        </span>
      ),
    },
    {
      key: 'originalEnd',
      label: t('contracts.detail.originalEnd'),
      children: (
        <span id="contract-original-end">
          {contract.originalEndsOn}
          {extended && (
            <Tag color="purple" className="contract-extension-tag">
              {t('contracts.detail.extendedTo', { days: contract.extensionDays, date: contract.endsOn })}
            </Tag>
          )}
        </span>
      ),
    },
    { key: 'owner', label: t('contracts.field.owner'), children: contract.owner?.name ?? none },
    ...(contract.renewsContractId !== null
      ? [
          {
            key: 'renews',
            label: t('contracts.detail.renews'),
            children: <ContractLink id={contract.renewsContractId} />,
          },
        ]
      : []),
    ...(contract.renewedByContractId !== null
      ? [
          {
            key: 'renewedBy',
            label: t('contracts.detail.renewedBy'),
            children: <ContractLink id={contract.renewedByContractId} />,
          },
        ]
      : []),
  ];

  return (
    <header className="contract-header">
      <div className="contract-header__line">
        <Typography.Title level={2} className="page__title contract-header__number" id="contract-number">
          {contract.number}
        </Typography.Title>
        <ContractStateTag state={contract.state} />
        {contract.inForce ? (
          <Tag color="green" id="contract-in-force">
            {t('contracts.detail.inForce')}
          </Tag>
        ) : (
          <Tag id="contract-in-force">{t('contracts.detail.notInForce')}</Tag>
        )}
      </div>
      {isExpiringSoon(contract) && contract.renewedByContractId === null && (
        <Alert
          type="warning"
          showIcon
          className="contract-header__alert"
          title={t('contracts.detail.expiringSoon', { days: contract.daysToEnd })}
        />
      )}
      {contract.state === 'draft' && (
        <Alert
          type="info"
          showIcon
          className="contract-header__alert"
          title={t('contracts.detail.draftHint')}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={items}
        className="contract-header__facts"
        key={locale}
      />
    </header>
  );
}
