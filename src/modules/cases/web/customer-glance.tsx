/**
 * The customer at a glance, beside the New case form: who is calling (customer, site, contact and
 * their numbers), what they are entitled to (contract, service level, covered or why not, the
 * maker's warranty, the contract's end) and their open cases, so a duplicate shows before the
 * operator opens another.
 */
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useContacts, useOrganisation, useSites } from '../../../web/app/organisation-lookups.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import type { Entitlement } from '../../contracts/contracts.api.ts';
import { PriorityTag, StateTag } from './case-display.tsx';
import { useOpenCasesOf } from './intake.queries.ts';

/** Links from the glance open in a new tab: the operator is on the phone, the form half filled. */
function NewTabLink(props: { href: string; className?: string; children: ReactNode }) {
  return <a {...props} target="_blank" rel="noopener noreferrer" />;
}

/** Covered (contract and service level) or not (the case will be held for sales). */
export function EntitlementBadge({
  entitlement,
  loading,
  error,
}: {
  entitlement: Entitlement | undefined;
  loading: boolean;
  error: unknown;
}) {
  const t = useT();
  if (error) return <ErrorAlert error={error} />;
  if (!entitlement) {
    return loading ? <Spin size="small" /> : <Alert type="info" title={t('entitlement.pickCustomer')} />;
  }
  if (entitlement.covered) {
    return (
      <Alert
        id="entitlement-badge"
        type="success"
        showIcon
        icon={<CheckCircleFilled />}
        title={t('entitlement.covered')}
      />
    );
  }
  return (
    <Alert
      id="entitlement-badge"
      type="warning"
      showIcon
      icon={<WarningFilled />}
      title={t('entitlement.notCovered')}
      description={
        <>
          <div>{t(`entitlement.reason.${entitlement.reason}`)}</div>
          <strong>{t('entitlement.commercialHold')}</strong>
        </>
      }
    />
  );
}

export interface CustomerGlanceProps {
  organisationId: number | undefined;
  siteId: number | undefined;
  contactId: number | undefined;
  /** The serial being checked: its open cases are marked as the same asset. */
  serial: string | undefined;
  entitlement: { data: Entitlement | undefined; loading: boolean; error: unknown };
}

export function CustomerGlance(props: CustomerGlanceProps) {
  const t = useT();
  const { data: entitlement } = props.entitlement;
  // A serial typed without a customer still names one: the asset's.
  const organisationId = props.organisationId ?? entitlement?.organisationId ?? undefined;
  const nothingYet = organisationId === undefined && !entitlement && !props.entitlement.loading;
  return (
    <Card id="customer-glance" title={t('intake.glance.title')} size="small" className="customer-glance">
      {nothingYet ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.glance.empty')} />
      ) : (
        <div className="customer-glance__body">
          {organisationId !== undefined && (
            <Who organisationId={organisationId} siteId={props.siteId} contactId={props.contactId} />
          )}
          <EntitlementBadge
            entitlement={entitlement}
            loading={props.entitlement.loading}
            error={props.entitlement.error}
          />
          {entitlement && <EntitlementFacts entitlement={entitlement} />}
          {organisationId !== undefined && (
            <OpenCases organisationId={organisationId} serial={props.serial} />
          )}
        </div>
      )}
    </Card>
  );
}

function Who({
  organisationId,
  siteId,
  contactId,
}: {
  organisationId: number;
  siteId: number | undefined;
  contactId: number | undefined;
}) {
  const t = useT();
  const organisation = useOrganisation(organisationId);
  const sites = useSites(organisationId);
  const contacts = useContacts(organisationId);
  const site = sites.data?.find((s) => s.id === siteId);
  const contact = contacts.data?.find((c) => c.id === contactId);
  const org = organisation.data;
  const none = <Typography.Text type="secondary">{t('intake.glance.none')}</Typography.Text>;
  const phones = (numbers: (string | null)[]) =>
    numbers
      .filter((n): n is string => Boolean(n))
      .map((n) => (
        <a key={n} href={`tel:${n.replace(/[^\d+]/g, '')}`} className="customer-glance__phone">
          {n}
        </a>
      ));
  return (
    <Descriptions
      id="customer-glance-who"
      size="small"
      column={1}
      items={[
        {
          key: 'organisation',
          label: t('intake.glance.organisation'),
          children: org ? (
            <span>
              <strong>{org.name}</strong>
              {org.code && <Typography.Text type="secondary">（{org.code}）</Typography.Text>}{' '}
              {phones([org.phone])}
            </span>
          ) : (
            <Spin size="small" />
          ),
        },
        {
          key: 'site',
          label: t('intake.glance.site'),
          children: site ? [site.name, site.city].filter(Boolean).join(' · ') : none,
        },
        {
          key: 'contact',
          label: t('intake.glance.contact'),
          children: contact ? (
            <span>
              {contact.name} {phones([contact.mobile, contact.phone])}
            </span>
          ) : (
            none
          ),
        },
      ]}
    />
  );
}

function EntitlementFacts({ entitlement: e }: { entitlement: Entitlement }) {
  const t = useT();
  const { locale } = useLocale();
  const items = [];
  if (e.asset) {
    items.push({
      key: 'asset',
      label: t('intake.glance.asset'),
      children: `${e.asset.vendor} ${e.asset.model} · ${e.asset.serial}`,
    });
  }
  if (e.contract) {
    items.push(
      {
        key: 'contract',
        label: t('intake.glance.contract'),
        children: <NewTabLink href={`/contracts/${e.contract.id}`}>{e.contract.number}</NewTabLink>,
      },
      {
        key: 'period',
        label: t('intake.glance.period'),
        children: (
          <span>
            {t('intake.glance.periodValue', { start: e.contract.startsOn, end: e.contract.endsOn })}
            {e.contract.extensionDays > 0 && (
              <Typography.Text type="secondary">
                {' '}
                ({t('intake.glance.extended', { days: e.contract.extensionDays })})
              </Typography.Text>
            )}
          </span>
        ),
      },
    );
  }
  if (e.serviceLevel) {
    items.push({
      key: 'level',
      label: t('intake.glance.serviceLevel'),
      children: locale === 'en' && e.serviceLevel.nameEn ? e.serviceLevel.nameEn : e.serviceLevel.name,
    });
  }
  if (e.owner) items.push({ key: 'owner', label: t('intake.glance.owner'), children: e.owner.name });
  if (e.asset) {
    const w = e.makerWarranty;
    items.push({
      key: 'warranty',
      label: t('intake.glance.makerWarranty'),
      children: !w ? (
        <Typography.Text type="secondary">{t('intake.glance.noWarranty')}</Typography.Text>
      ) : w.inWarranty ? (
        <Tag color="success">{t('intake.glance.inWarranty', { date: w.endsOn })}</Tag>
      ) : (
        <Tag color="warning">{t('intake.glance.outOfWarranty', { date: w.endsOn })}</Tag>
      ),
    });
  }
  if (items.length === 0) return null;
  return <Descriptions id="customer-glance-entitlement" size="small" column={1} items={items} />;
}

function OpenCases({ organisationId, serial }: { organisationId: number; serial: string | undefined }) {
  const t = useT();
  const cases = useOpenCasesOf(organisationId);
  const items = cases.data?.items ?? [];
  const sameAsset = (s: string | null) =>
    Boolean(serial && s && s.trim().toUpperCase() === serial.trim().toUpperCase());
  return (
    <section id="customer-glance-cases" className="customer-glance__cases" aria-busy={cases.isFetching}>
      <Typography.Title level={5} className="customer-glance__heading">
        {t('intake.glance.openCases')}
        {cases.data && (
          <Tag className="customer-glance__count">
            {cases.data.nextCursor ? `${items.length}+` : items.length}
          </Tag>
        )}
      </Typography.Title>
      {cases.isError ? (
        <ErrorAlert error={cases.error} />
      ) : cases.isPending ? (
        <Spin size="small" />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('intake.glance.noOpenCases')}</Typography.Text>
      ) : (
        <>
          <Typography.Text type="warning">{t('intake.glance.duplicateHint')}</Typography.Text>
          <ul className="customer-glance__case-list">
            {items.map((c) => (
              <li key={c.id} className="customer-glance__case" data-case-id={c.id}>
                <span className="customer-glance__case-head">
                  <NewTabLink href={`/cases/${c.id}`} className="case-number">
                    {c.number}
                  </NewTabLink>
                  <PriorityTag priority={c.priority} />
                  <StateTag state={c.state} />
                  {sameAsset(c.assetSerial) && <Tag color="red">{t('intake.glance.sameAsset')}</Tag>}
                </span>
                <Typography.Text className="customer-glance__case-title" ellipsis={{ tooltip: c.title }}>
                  {c.title}
                </Typography.Text>
              </li>
            ))}
          </ul>
          {cases.data?.nextCursor && (
            <NewTabLink href={`/cases?organisationId=${organisationId}`}>
              {t('intake.glance.allCases')}
            </NewTabLink>
          )}
        </>
      )}
    </section>
  );
}
