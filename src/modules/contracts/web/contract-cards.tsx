/**
 * The contract page's cards: the service level's per-priority targets, the promises, the
 * coverage (sites or assets with the maker's warranty) and the downtime extensions.
 */
import { Card, Descriptions, Empty, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useSites } from '../../../web/app/organisation-lookups.ts';
import { formatDate, formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { formatHours, formatMinutes, localName } from './contract-display.tsx';
import {
  useCalendars,
  useServiceLevels,
  type ContractDetail,
  type Extension,
  type ServiceLevel,
} from './contracts.queries.ts';

const PRIORITY_COLORS = ['red', 'orange', 'blue', 'default'] as const;

type Target = ServiceLevel['targets'][number];

export function ServiceLevelCard({ contract }: { contract: ContractDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const levels = useServiceLevels();
  const calendars = useCalendars();
  const level = levels.data?.find((l) => l.id === contract.serviceLevelId);
  const calendarName = (id: number) => {
    const calendar = calendars.data?.find((c) => c.id === id);
    return calendar ? localName(calendar, locale) : `#${id}`;
  };

  const columns: TableColumnsType<Target> = [
    {
      key: 'priority',
      title: t('contracts.level.priority'),
      dataIndex: 'priority',
      width: 64,
      render: (p: number) => (
        <Tag color={PRIORITY_COLORS[p - 1]} className="contract-priority-tag">
          P{p}
        </Tag>
      ),
    },
    {
      key: 'response',
      title: t('contracts.level.response'),
      dataIndex: 'responseMinutes',
      render: (m: number) => formatMinutes(m, t),
    },
    {
      key: 'diagnosis',
      title: t('contracts.level.diagnosis'),
      dataIndex: 'diagnosisMinutes',
      render: (m: number) => formatMinutes(m, t),
    },
    {
      key: 'resolution',
      title: t('contracts.level.resolution'),
      dataIndex: 'resolutionMinutes',
      render: (m: number) => formatMinutes(m, t),
    },
    {
      key: 'calendar',
      title: t('contracts.level.calendar'),
      dataIndex: 'calendarId',
      render: (id: number, target) => (
        <span>
          {calendarName(id)}
          {target.pauseOnVendor && (
            <Tooltip title={t('contracts.level.pauseOnVendorHint')}>
              <Tag className="contract-level__pause">{t('contracts.level.pauseOnVendor')}</Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
  ];

  return (
    <Card
      size="small"
      id="contract-service-level"
      title={
        <span>
          {t('contracts.level.title')}: <Typography.Text code>{contract.serviceLevel.code}</Typography.Text>{' '}
          {localName(contract.serviceLevel, locale)}
        </span>
      }
    >
      {levels.isError ? (
        <ErrorAlert error={levels.error} />
      ) : (
        <Table<Target>
          rowKey="priority"
          size="small"
          columns={columns}
          dataSource={level?.targets ?? []}
          loading={levels.isPending}
          pagination={false}
          scroll={{ x: 520 }}
          locale={{ emptyText: t('contracts.level.noTargets') }}
        />
      )}
      <Typography.Paragraph type="secondary" className="contract-card__note">
        {t('contracts.level.note')}
      </Typography.Paragraph>
    </Card>
  );
}

export function PromisesCard({ contract }: { contract: ContractDetail }) {
  const t = useT();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Card size="small" title={t('contracts.promises.title')} id="contract-promises">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 1 }}
        items={[
          {
            key: 'onsite',
            label: t('contracts.field.onsiteHours'),
            children: contract.onsiteHours === null ? none : formatHours(contract.onsiteHours, t),
          },
          {
            key: 'parts',
            label: t('contracts.field.partsHours'),
            children: contract.partsHours === null ? none : formatHours(contract.partsHours, t),
          },
          {
            key: 'inspections',
            label: t('contracts.field.inspectionsPerYear'),
            children:
              contract.inspectionsPerYear === null
                ? none
                : t('contracts.promises.perYear', { count: contract.inspectionsPerYear }),
          },
          {
            key: 'notice',
            label: t('contracts.field.renewalNoticeDays'),
            children:
              contract.renewalNoticeDays === null ? (
                none
              ) : (
                <span>
                  {t('contracts.promises.noticeDays', { days: contract.renewalNoticeDays })}
                  {contract.renewalDueOn && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('contracts.promises.remindOn', { date: contract.renewalDueOn })}
                    </Typography.Text>
                  )}
                  {contract.renewalNotifiedAt && (
                    <Tag color="gold" className="contract-promises__notified">
                      {t('contracts.promises.notified', { at: formatDateTime(contract.renewalNotifiedAt) })}
                    </Tag>
                  )}
                </span>
              ),
          },
          {
            key: 'notes',
            label: t('contracts.field.notes'),
            span: 'filled',
            children: contract.notes ? <div className="contract-notes">{contract.notes}</div> : none,
          },
        ]}
      />
    </Card>
  );
}

type CoveredAsset = ContractDetail['assets'][number];

export function CoverageCard({ contract }: { contract: ContractDetail }) {
  const t = useT();
  // The customer's sites: what "all sites" means today, and the names of the assets' sites.
  const allSites = useSites(contract.organisationId);
  const siteNames = new Map([
    ...(allSites.data ?? []).map((s) => [s.id, s.name] as const),
    ...contract.sites.map((s) => [s.id, s.name] as const),
  ]);
  const today = formatDate(new Date());

  const columns: TableColumnsType<CoveredAsset> = [
    {
      key: 'serial',
      title: t('contracts.asset.serial'),
      dataIndex: 'serial',
      render: (serial: string, a) => (
        <Typography.Text copyable={{ text: serial }} className="contract-serial">
          <AppLink href={`/assets/${a.id}`}>{serial}</AppLink>
        </Typography.Text>
      ),
    },
    {
      key: 'model',
      title: t('contracts.asset.model'),
      render: (_, a) => `${a.vendor} ${a.model}`,
    },
    {
      key: 'site',
      title: t('contracts.asset.site'),
      dataIndex: 'siteId',
      render: (siteId: number | null) =>
        siteId === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          (siteNames.get(siteId) ?? `#${siteId}`)
        ),
    },
    {
      key: 'warranty',
      title: t('contracts.asset.makerWarranty'),
      dataIndex: 'warrantyEndsOn',
      render: (endsOn: string | null) =>
        endsOn === null ? (
          <Typography.Text type="secondary">{t('contracts.asset.warrantyUnknown')}</Typography.Text>
        ) : (
          <span>
            {endsOn}{' '}
            <Tag color={endsOn >= today ? 'success' : 'default'}>
              {endsOn >= today ? t('contracts.asset.inWarranty') : t('contracts.asset.outOfWarranty')}
            </Tag>
          </span>
        ),
    },
    {
      key: 'state',
      title: t('contracts.asset.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: string) =>
        state === 'retired' ? (
          <Tag>{t('contracts.asset.retired')}</Tag>
        ) : (
          <Tag color="blue">{t('contracts.asset.live')}</Tag>
        ),
    },
  ];

  return (
    <Card size="small" title={t('contracts.coverage.title')} id="contract-coverage">
      {contract.coversAllSites ? (
        <div className="contract-coverage__sites">
          <Typography.Text strong>
            {t('contracts.coverage.allSitesOf', { name: contract.organisationName })}
          </Typography.Text>
          {(allSites.data ?? []).length > 0 && (
            <div className="tag-list">
              {(allSites.data ?? []).map((s) => (
                <Tag key={s.id}>{s.name}</Tag>
              ))}
            </div>
          )}
        </div>
      ) : (
        contract.sites.length > 0 && (
          <div className="contract-coverage__sites">
            <Typography.Text strong>
              {t('contracts.coverage.sites', { count: contract.sites.length })}
            </Typography.Text>
            <div className="tag-list">
              {contract.sites.map((s) => (
                <Tag key={s.id} color="geekblue">
                  {s.name}
                </Tag>
              ))}
            </div>
          </div>
        )
      )}
      {contract.assets.length > 0 ? (
        <Table<CoveredAsset>
          id="contract-assets-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={contract.assets}
          pagination={contract.assets.length > 20 ? { pageSize: 20, size: 'small' } : false}
          scroll={{ x: 640 }}
        />
      ) : (
        !contract.coversAllSites &&
        contract.sites.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.coverage.nothing')} />
        )
      )}
    </Card>
  );
}

export function ExtensionsTable({ extensions }: { extensions: Extension[] }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: TableColumnsType<Extension> = [
    {
      key: 'case',
      title: t('contracts.extension.col.case'),
      width: 150,
      render: (_, e) =>
        e.caseId !== null ? (
          <AppLink href={`/cases/${e.caseId}`} className="contract-number">
            {e.caseNumber ?? `#${e.caseId}`}
          </AppLink>
        ) : (
          <Typography.Text type="secondary">{t('contracts.extension.manual')}</Typography.Text>
        ),
    },
    {
      key: 'cause',
      title: t('contracts.extension.cause'),
      width: 130,
      render: (_, e) => e.causeLabel[locale],
    },
    {
      key: 'down',
      title: t('contracts.extension.col.downtime'),
      width: 190,
      render: (_, e) => (
        <span className="contract-extension__span">
          {formatDateTime(e.downFrom)}
          <br />– {formatDateTime(e.downTo)}
        </span>
      ),
    },
    {
      key: 'days',
      title: t('contracts.extension.col.days'),
      width: 120,
      render: (_, e) => (
        <span>
          <Typography.Text strong className="contract-extension__days">
            {t('contracts.extension.plusDays', { days: e.days })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t('contracts.hours', { hours: e.downtimeHours })}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'end',
      title: t('contracts.extension.col.end'),
      width: 200,
      render: (_, e) => (
        <span className="contract-extension__end">
          {e.endsOnBefore} → <strong>{e.endsOnAfter}</strong>
        </span>
      ),
    },
    {
      key: 'reason',
      title: t('contracts.extension.reason'),
      dataIndex: 'reason',
      width: 300,
      render: (reason: string) => <span className="contract-notes">{reason}</span>,
    },
    {
      key: 'recorded',
      title: t('contracts.extension.col.recorded'),
      width: 160,
      render: (_, e) => (
        <span>
          {e.recordedBy?.name ?? t('contracts.extension.system')}
          <br />
          <Typography.Text type="secondary">{formatDateTime(e.recordedAt)}</Typography.Text>
        </span>
      ),
    },
  ];
  return (
    <Table<Extension>
      id="contract-extensions-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={extensions}
      pagination={false}
      scroll={{ x: 1260 }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.extension.none')} />,
      }}
    />
  );
}
