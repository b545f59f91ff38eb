/** Small pieces shared by the installed-base pages: state tags, the warranty cell, dates. */
import { Tag, Tooltip, Typography } from 'antd';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { AssetState } from '../asset-status.ts';

const STATE_COLORS: Record<AssetState, string> = {
  in_service: 'green',
  in_repair: 'orange',
  retired: 'default',
};

/** Days before the maker's warranty end from which the lists warn. */
export const WARRANTY_WARNING_DAYS = 90;

export function AssetStateTag({
  state,
  label,
}: {
  state: AssetState;
  label: { 'zh-CN': string; en: string };
}) {
  const { locale } = useLocale();
  return (
    <Tag color={STATE_COLORS[state]} className="asset-state-tag" data-state={state}>
      {label[locale]}
    </Tag>
  );
}

/** Today in Beijing (the service centre's day, as the server counts warranty), 'YYYY-MM-DD'. */
export function beijingToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** 'YYYY-MM-DD' plus whole days. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The maker's warranty end: red once ended, orange within 90 days, with the days left. */
export function WarrantyEnd({ endsOn }: { endsOn: string | null }) {
  const t = useT();
  if (!endsOn) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = daysBetween(beijingToday(), endsOn);
  if (left < 0)
    return (
      <span className="warranty warranty--expired" data-warranty="expired">
        <Typography.Text type="danger">{endsOn}</Typography.Text>{' '}
        <Tag color="red">{t('assets.warranty.expired')}</Tag>
      </span>
    );
  if (left <= WARRANTY_WARNING_DAYS)
    return (
      <span className="warranty warranty--expiring" data-warranty="expiring">
        <Typography.Text type="warning">{endsOn}</Typography.Text>{' '}
        <Tooltip title={t('assets.warranty.expiringHint', { days: WARRANTY_WARNING_DAYS })}>
          <Tag color="orange">{t('assets.warranty.daysLeft', { days: left })}</Tag>
        </Tooltip>
      </span>
    );
  return <span data-warranty="valid">{endsOn}</span>;
}

export function Muted({ children = '—' }: { children?: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
