/**
 * The entitlement check the hotline runs while the customer is on the phone: a serial number,
 * or a customer and site → covered or not and why, the contract and its service level, the
 * maker's warranty and the contract's period, promises and owner. The question is kept in the
 * URL, so an answer can be shared.
 */
import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useOrganisation, useSites } from '../../../web/app/organisation-lookups.ts';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { OrganisationSelect, positiveInt } from '../../../web/shell/list-page.tsx';
import { ContractStateTag, formatHours, localName } from './contract-display.tsx';
import { useEntitlementCheck, type Entitlement, type EntitlementInput } from './contracts.queries.ts';
import './contracts.css';

type Mode = 'serial' | 'customer';

function readQuestion(search: string): EntitlementInput {
  const p = new URLSearchParams(search);
  return {
    serial: p.get('serial')?.trim().slice(0, 100) || undefined,
    organisationId: positiveInt(p.get('organisationId')),
    siteId: positiveInt(p.get('siteId')),
  };
}

export function EntitlementPage() {
  const t = useT();
  const { search } = useLocation();
  const question = useMemo(() => readQuestion(search), [search]);
  const [mode, setMode] = useState<Mode>(question.organisationId && !question.serial ? 'customer' : 'serial');
  const [serial, setSerial] = useState(question.serial ?? '');
  const sites = useSites(question.organisationId);
  const answer = useEntitlementCheck(question);

  const ask = (next: EntitlementInput) => {
    const params = new URLSearchParams();
    if (next.serial) params.set('serial', next.serial);
    if (next.organisationId) params.set('organisationId', String(next.organisationId));
    if (next.siteId) params.set('siteId', String(next.siteId));
    const query = params.toString();
    navigate(`/contracts/entitlement${query ? `?${query}` : ''}`, { replace: true });
  };

  const customerSelect = (
    <OrganisationSelect
      id="entitlement-organisation"
      aria-label={t('contracts.field.customer')}
      placeholder={t('contracts.form.customerPlaceholder')}
      allowClear
      notFound={t('contracts.form.noCustomer')}
      className="entitlement__select"
      value={question.organisationId}
      onChange={(organisationId?: number) =>
        ask({ serial: mode === 'serial' ? question.serial : undefined, organisationId })
      }
    />
  );

  return (
    <div className="page entitlement">
      <AppLink href="/contracts" className="contract-back">
        <ArrowLeftOutlined /> {t('contracts.backToList')}
      </AppLink>
      <header className="page__header">
        <Typography.Title level={2} className="page__title">
          {t('contracts.entitlement.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('contracts.entitlement.intro')}</Typography.Paragraph>
      </header>
      <Card size="small" className="entitlement__question">
        <Space orientation="vertical" size="middle" className="page__stack">
          <Segmented<Mode>
            value={mode}
            onChange={(next) => {
              setMode(next);
              ask(
                next === 'serial'
                  ? { serial: serial.trim() || undefined }
                  : { organisationId: question.organisationId },
              );
            }}
            options={[
              { value: 'serial', label: t('contracts.entitlement.bySerial') },
              { value: 'customer', label: t('contracts.entitlement.byCustomer') },
            ]}
          />
          {mode === 'serial' ? (
            <Space wrap className="entitlement__inputs">
              <Input.Search
                id="entitlement-serial"
                aria-label={t('contracts.entitlement.serial')}
                placeholder={t('contracts.entitlement.serialPlaceholder')}
                enterButton={t('contracts.entitlement.check')}
                size="large"
                value={serial}
                spellCheck={false}
                autoCapitalize="characters"
                autoFocus
                allowClear
                loading={answer.isFetching}
                onChange={(event) => setSerial(event.target.value)}
                onSearch={(value) =>
                  ask({ serial: value.trim() || undefined, organisationId: question.organisationId })
                }
                className="entitlement__serial"
              />
              {(answer.data?.reason === 'serial_ambiguous' || (question.serial && question.organisationId)) &&
                customerSelect}
            </Space>
          ) : (
            <Space wrap className="entitlement__inputs">
              {customerSelect}
              <Select
                id="entitlement-site"
                aria-label={t('contracts.asset.site')}
                placeholder={t('contracts.entitlement.anySite')}
                allowClear
                disabled={!question.organisationId}
                loading={sites.isFetching}
                className="entitlement__select"
                value={question.siteId}
                onChange={(siteId?: number) => ask({ organisationId: question.organisationId, siteId })}
                options={(sites.data ?? []).map((s) => ({
                  value: s.id,
                  label: s.city ? `${s.name} · ${s.city}` : s.name,
                }))}
              />
            </Space>
          )}
        </Space>
      </Card>
      {answer.isError ? (
        <ErrorAlert error={answer.error} />
      ) : answer.data && (question.serial || question.organisationId || question.siteId) ? (
        <EntitlementAnswer entitlement={answer.data} stale={answer.isPlaceholderData} />
      ) : answer.isFetching ? (
        <Spin />
      ) : (
        <Alert type="info" showIcon title={t('contracts.entitlement.empty')} />
      )}
    </div>
  );
}

function EntitlementAnswer({ entitlement: e, stale }: { entitlement: Entitlement; stale: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const organisation = useOrganisation(e.organisationId ?? undefined);
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const verdictIcon = e.covered ? (
    <CheckCircleFilled />
  ) : e.reason === 'serial_ambiguous' ? (
    <WarningFilled />
  ) : (
    <CloseCircleFilled />
  );

  const facts: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('contracts.field.customer'),
      children: organisation.data ? (
        <AppLink href={`/contracts?organisationId=${organisation.data.id}`}>{organisation.data.name}</AppLink>
      ) : (
        none
      ),
    },
    {
      key: 'asset',
      label: t('contracts.entitlement.asset'),
      children: e.asset ? (
        <span id="entitlement-asset">
          <AppLink href={`/assets/${e.asset.id}`} className="contract-serial">
            <strong>{e.asset.serial}</strong>
          </AppLink>{' '}
          · {e.asset.vendor} {e.asset.model}
          {e.asset.site && ` · ${e.asset.site.name}`}
          {e.asset.state === 'retired' && (
            <Tag className="entitlement__retired">{t('contracts.asset.retired')}</Tag>
          )}
        </span>
      ) : (
        none
      ),
    },
    {
      key: 'contract',
      label: t('contracts.entitlement.contract'),
      children: e.contract ? (
        <Space size={6} wrap>
          <AppLink href={`/contracts/${e.contract.id}`} className="contract-number" id="entitlement-contract">
            {e.contract.number}
          </AppLink>
          <ContractStateTag state={e.contract.state} />
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'level',
      label: t('contracts.field.serviceLevel'),
      children: e.serviceLevel ? `${e.serviceLevel.code} · ${localName(e.serviceLevel, locale)}` : none,
    },
    {
      key: 'contractWarranty',
      label: t('contracts.entitlement.contractWarranty'),
      children: e.contractWarranty ? (
        <span id="entitlement-contract-warranty">
          {e.contractWarranty.startsOn} – {e.contractWarranty.endsOn}{' '}
          <Tag color={e.contractWarranty.inForce ? 'success' : 'default'}>
            {e.contractWarranty.inForce ? t('contracts.detail.inForce') : t('contracts.detail.notInForce')}
          </Tag>
          {e.contract && e.contract.extensionDays > 0 && (
            <Typography.Text type="secondary">
              {t('contracts.entitlement.extended', {
                date: e.contract.originalEndsOn,
                days: e.contract.extensionDays,
              })}
            </Typography.Text>
          )}
        </span>
      ) : (
        none
      ),
    },
    {
      key: 'makerWarranty',
      label: t('contracts.asset.makerWarranty'),
      children: e.makerWarranty ? (
        <span id="entitlement-maker-warranty">
          {e.makerWarranty.endsOn}{' '}
          <Tag color={e.makerWarranty.inWarranty ? 'success' : 'default'}>
            {e.makerWarranty.inWarranty
              ? t('contracts.asset.inWarranty')
              : t('contracts.asset.outOfWarranty')}
          </Tag>
        </span>
      ) : e.asset ? (
        <Typography.Text type="secondary">{t('contracts.asset.warrantyUnknown')}</Typography.Text>
      ) : (
        none
      ),
    },
    {
      key: 'onsite',
      label: t('contracts.field.onsiteHours'),
      children: e.promises?.onsiteHours ? formatHours(e.promises.onsiteHours, t) : none,
    },
    {
      key: 'parts',
      label: t('contracts.field.partsHours'),
      children: e.promises?.partsHours ? formatHours(e.promises.partsHours, t) : none,
    },
    { key: 'owner', label: t('contracts.field.owner'), children: e.owner?.name ?? none },
  ];

  return (
    <Row
      gutter={[16, 16]}
      className={stale ? 'entitlement__answer entitlement__answer--stale' : 'entitlement__answer'}
    >
      <Col xs={24}>
        <Alert
          id="entitlement-verdict"
          data-covered={e.covered}
          type={e.covered ? 'success' : e.reason === 'serial_ambiguous' ? 'warning' : 'error'}
          showIcon
          icon={verdictIcon}
          className="entitlement__verdict"
          title={e.covered ? t('contracts.entitlement.covered') : t('contracts.entitlement.notCovered')}
          description={
            <span id="entitlement-reason">
              {e.reasonLabel[locale]}
              {!e.covered && e.reason !== 'serial_ambiguous' && (
                <Typography.Text type="secondary"> · {t('contracts.entitlement.holdHint')}</Typography.Text>
              )}
            </span>
          }
        />
      </Col>
      <Col xs={24}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={facts} key={locale} />
        </Card>
      </Col>
    </Row>
  );
}
