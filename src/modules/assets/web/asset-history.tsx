/**
 * An asset's history as a timeline, newest first: what happened (the server's label in the user's
 * language), when, who, the case it belongs to, the other unit of a swap, the RMA, and the entry's
 * details spelled out (sites moved between, states, corrected fields) instead of raw JSON.
 */
import {
  ArrowRightOutlined,
  EditOutlined,
  EnvironmentOutlined,
  ImportOutlined,
  PlusCircleOutlined,
  SwapOutlined,
  SyncOutlined,
  ToolOutlined,
  CustomerServiceOutlined,
  ClockCircleOutlined,
} from '@ant-design/icons';
import { Alert, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useOrganisation } from '../../../web/app/organisation-lookups.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey, Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { ASSET_STATE_LABELS, type AssetState } from '../asset-status.ts';
import { useAssetHistory, useProductModel, type AssetHistoryEntry } from './assets.queries.ts';

type Locale = 'zh-CN' | 'en';

const KIND_ICONS: Record<string, ReactNode> = {
  registered: <PlusCircleOutlined />,
  imported: <ImportOutlined />,
  updated: <EditOutlined />,
  moved: <EnvironmentOutlined />,
  state_changed: <SyncOutlined />,
  swapped_out: <SwapOutlined />,
  swapped_in: <SwapOutlined />,
  case_opened: <CustomerServiceOutlined />,
};

const KIND_COLORS: Record<string, string> = {
  registered: 'green',
  imported: 'green',
  swapped_out: 'red',
  swapped_in: 'green',
  case_opened: 'blue',
};

/** Labels of the detail keys the sources write today; any other key is shown as it is named. */
const DATA_LABELS: Record<string, MessageKey> = {
  file: 'assets.data.file',
  row: 'assets.data.row',
  note: 'assets.data.note',
  fromState: 'assets.data.fromState',
  state: 'assets.data.rmaState',
  partNumber: 'assets.data.partNumber',
  faultySerial: 'assets.data.faultySerial',
  newSerial: 'assets.data.newSerial',
  oldSerial: 'assets.data.oldSerial',
  vendorRmaNumber: 'assets.data.vendorRmaNumber',
  waybill: 'assets.data.waybill',
};

/** Fields of an asset correction (`updated`), as the server names its columns. */
const FIELD_LABELS: Record<string, MessageKey> = {
  product_model_id: 'assets.field.model',
  serial: 'assets.field.serial',
  installed_on: 'assets.field.installedOn',
  warranty_ends_on: 'assets.field.warrantyEndsOn',
  notes: 'assets.field.notes',
  organisation_id: 'assets.field.customer',
  site_id: 'assets.field.site',
  state: 'assets.field.state',
};

/** Keys that are plumbing, not something a person reads. */
const HIDDEN_KEYS = new Set(['sha256', 'stateLabel']);

type Bilingual = { 'zh-CN': string; en: string };
const isBilingual = (v: unknown): v is Bilingual =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Bilingual)['zh-CN'] === 'string' &&
  typeof (v as Bilingual).en === 'string';

function plain(value: unknown, locale: Locale, t: Translate): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('assets.data.yes') : t('assets.data.no');
  if (isBilingual(value)) return value[locale];
  if (Array.isArray(value)) return value.map((v) => plain(v, locale, t)).join('、');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${plain(v, locale, t)}`)
      .join('; ');
  return String(value);
}

function stateName(value: unknown, locale: Locale): string {
  return typeof value === 'string' && value in ASSET_STATE_LABELS
    ? ASSET_STATE_LABELS[value as AssetState][locale]
    : String(value ?? '—');
}

function ModelName({ id }: { id: unknown }) {
  const model = useProductModel(typeof id === 'number' ? id : undefined);
  if (typeof id !== 'number') return <>—</>;
  return <>{model.data ? `${model.data.vendor} ${model.data.model}` : `#${id}`}</>;
}

function OrganisationName({ id }: { id: unknown }) {
  const organisation = useOrganisation(typeof id === 'number' ? id : undefined);
  if (typeof id !== 'number') return <>—</>;
  return <>{organisation.data?.name ?? `#${id}`}</>;
}

function Change({ from, to }: { from: ReactNode; to: ReactNode }) {
  return (
    <span className="asset-history__change">
      <span className="asset-history__from">{from}</span>{' '}
      <ArrowRightOutlined className="asset-history__arrow" /> <span className="asset-history__to">{to}</span>
    </span>
  );
}

interface Detail {
  key: string;
  label: string;
  value: ReactNode;
}

type Place = { organisationId?: number; siteId?: number | null; siteName?: string | null };

/** The entry's details as label–value lines, by kind where the shape is known. */
function details(entry: AssetHistoryEntry, locale: Locale, t: Translate): Detail[] {
  const data = entry.data;
  if (!data) return [];
  const out: Detail[] = [];
  const rest = { ...data };

  if (entry.kind === 'moved') {
    const from = (data.from ?? {}) as Place;
    const to = (data.to ?? {}) as Place;
    if (
      from.organisationId !== undefined &&
      to.organisationId !== undefined &&
      from.organisationId !== to.organisationId
    )
      out.push({
        key: 'organisation',
        label: t('assets.field.customer'),
        value: (
          <Change
            from={<OrganisationName id={from.organisationId} />}
            to={<OrganisationName id={to.organisationId} />}
          />
        ),
      });
    out.push({
      key: 'site',
      label: t('assets.field.site'),
      value: (
        <Change from={from.siteName ?? t('assets.data.noSite')} to={to.siteName ?? t('assets.data.noSite')} />
      ),
    });
    delete rest.from;
    delete rest.to;
  } else if (entry.kind === 'state_changed') {
    out.push({
      key: 'state',
      label: t('assets.field.state'),
      value: <Change from={stateName(data.from, locale)} to={stateName(data.to, locale)} />,
    });
    delete rest.from;
    delete rest.to;
  } else if (entry.kind === 'updated' && Array.isArray(data.changed)) {
    const before = (data.before ?? {}) as Record<string, unknown>;
    const after = (data.after ?? {}) as Record<string, unknown>;
    for (const field of data.changed as string[]) {
      const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field;
      let value: ReactNode;
      if (field === 'product_model_id')
        value = <Change from={<ModelName id={before[field]} />} to={<ModelName id={after[field]} />} />;
      else if (field === 'notes' || !(field in after)) value = t('assets.data.changed');
      else value = <Change from={plain(before[field], locale, t)} to={plain(after[field], locale, t)} />;
      out.push({ key: field, label, value });
    }
    delete rest.changed;
    delete rest.before;
    delete rest.after;
  }
  if (entry.kind === 'swapped_out' && 'fromState' in rest) {
    out.push({
      key: 'fromState',
      label: t('assets.data.fromState'),
      value: stateName(rest.fromState, locale),
    });
    delete rest.fromState;
  }
  // RMA entries carry the RMA's state with its label.
  if (isBilingual(data.stateLabel)) {
    out.push({ key: 'state', label: t('assets.data.rmaState'), value: <Tag>{data.stateLabel[locale]}</Tag> });
    delete rest.state;
  }
  for (const [key, value] of Object.entries(rest)) {
    if (HIDDEN_KEYS.has(key) || value === null || value === undefined || value === '') continue;
    out.push({ key, label: DATA_LABELS[key] ? t(DATA_LABELS[key]) : key, value: plain(value, locale, t) });
  }
  return out;
}

function HistoryEntry({ entry }: { entry: AssetHistoryEntry }) {
  const t = useT();
  const { locale } = useLocale();
  const lines = details(entry, locale, t);
  return (
    <div className={`asset-history__entry asset-history__entry--${entry.source}`} data-kind={entry.kind}>
      <div className="asset-history__meta">
        <strong className="asset-history__kind">{entry.kindLabel[locale]}</strong>
        <span className="asset-history__actor">{entry.actor?.name ?? t('assets.history.system')}</span>
        <time className="asset-history__time" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </time>
      </div>
      {(entry.case || entry.otherAsset || entry.reference) && (
        <Space wrap size={[12, 4]} className="asset-history__links">
          {entry.case && (
            <span>
              {t('assets.history.case')}{' '}
              <AppLink href={`/cases/${entry.case.id}`} className="asset-history__case">
                {entry.case.number}
              </AppLink>{' '}
              <Typography.Text className="asset-history__case-title">{entry.case.title}</Typography.Text>{' '}
              <Tag variant="outlined">{entry.case.stateLabel[locale]}</Tag>
            </span>
          )}
          {entry.otherAsset && (
            <span>
              {entry.kind === 'swapped_out' ? t('assets.history.replacedBy') : t('assets.history.replaces')}{' '}
              <AppLink href={`/assets/${entry.otherAsset.id}`} className="asset-serial">
                {entry.otherAsset.vendor} {entry.otherAsset.serial}
              </AppLink>
            </span>
          )}
          {entry.reference &&
            (entry.reference.type === 'rma' ? (
              <span>
                <ToolOutlined /> {t('assets.history.rma')}{' '}
                <AppLink href={`/rmas/${entry.reference.id}`} className="asset-history__rma">
                  {entry.reference.label}
                </AppLink>
              </span>
            ) : (
              <span>{entry.reference.label}</span>
            ))}
        </Space>
      )}
      {lines.length > 0 && (
        <dl className="asset-history__data">
          {lines.map((line) => (
            <div key={line.key} className="asset-history__datum">
              <dt>{line.label}</dt>
              <dd>{line.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

export function AssetHistory({ assetId }: { assetId: number }) {
  const t = useT();
  const history = useAssetHistory(assetId);
  if (history.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  if (history.data.items.length === 0) return <Empty description={t('assets.history.empty')} />;
  return (
    <div id="asset-history">
      <Timeline
        className="asset-history"
        items={history.data.items.map((entry, index) => ({
          key: `${entry.source}-${entry.kind}-${entry.at}-${index}`,
          color: KIND_COLORS[entry.kind] ?? (entry.source === 'rma' ? 'orange' : 'gray'),
          icon:
            KIND_ICONS[entry.kind] ?? (entry.source === 'rma' ? <ToolOutlined /> : <ClockCircleOutlined />),
          content: <HistoryEntry entry={entry} />,
        }))}
      />
      {history.data.truncated && <Alert type="info" showIcon title={t('assets.history.truncated')} />}
    </div>
  );
}
