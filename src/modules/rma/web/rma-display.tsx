/** Small pieces shared by the RMA screens: state tag, return due time, age, source and route labels. */
import { Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import { RMA_STATE_LABELS, type RmaState } from '../rma-status.ts';
import type { Rma } from './rma.queries.ts';

const STATE_COLORS: Record<RmaState, string> = {
  requested: 'gold',
  confirmed: 'cyan',
  awaiting_part: 'purple',
  part_ready: 'blue',
  replaced: 'geekblue',
  faulty_received: 'magenta',
  closed: 'success',
  cancelled: 'default',
};

export function RmaStateTag({ state }: { state: RmaState }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATE_COLORS[state]} className="rma-state-tag" data-state={state}>
      {RMA_STATE_LABELS[state][locale]}
    </Tag>
  );
}

/** "3 天 4 小时": whole hours, at most two units. */
export function formatHours(hours: number, t: Translate): string {
  const total = Math.max(0, Math.round(hours));
  const days = Math.floor(total / 24);
  const rest = total % 24;
  if (days > 0) return rest > 0 ? t('time.daysHours', { days, hours: rest }) : t('time.days', { days });
  return t('time.hours', { hours: total });
}

/** How long the RMA has been running (or ran, once closed or cancelled). */
export function RmaAge({ rma, now = Date.now() }: { rma: Rma; now?: number }) {
  const t = useT();
  const end = rma.closedAt ?? rma.cancelledAt;
  const hours = ((end ? new Date(end).getTime() : now) - new Date(rma.createdAt).getTime()) / 3_600_000;
  return (
    <Tooltip title={t('rma.age.since', { time: formatDateTime(rma.createdAt) })}>
      <Typography.Text type={end ? 'secondary' : undefined}>
        {hours < 1 ? t('rma.age.lessThanHour') : formatHours(hours, t)}
      </Typography.Text>
    </Tooltip>
  );
}

/**
 * When the faulty part is due back at the vendor: red once late, orange within two working days
 * (the return watch's reminder), grey once returned on time.
 */
export function ReturnDue({ rma }: { rma: Rma }) {
  const t = useT();
  if (!rma.returnDueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const due = formatDateTime(rma.returnDueAt);
  if (rma.returnedAt)
    return rma.returnLate ? (
      <span className="rma-return-due">
        <Typography.Text type="secondary">{due}</Typography.Text>{' '}
        <Tag color="error">{t('rma.return.returnedLate')}</Tag>
      </span>
    ) : (
      <Typography.Text type="secondary">{due}</Typography.Text>
    );
  if (rma.returnLate)
    return (
      <Typography.Text type="danger" strong className="rma-return-due" data-due="late">
        {due} · {t('rma.return.late')}
      </Typography.Text>
    );
  if (rma.returnDueSoon)
    return (
      <Typography.Text type="warning" strong className="rma-return-due" data-due="soon">
        {due} · {t('rma.return.dueSoon')}
      </Typography.Text>
    );
  return <Typography.Text className="rma-return-due">{due}</Typography.Text>;
}

export function sourceLabel(source: Rma['source'], t: Translate): string {
  if (source === 'branch_stock') return t('rma.source.branch_stock');
  if (source === 'vendor') return t('rma.source.vendor');
  return '—';
}

export function routeLabel(route: Rma['route'], t: Translate): string {
  if (route === 'direct') return t('rma.route.direct');
  if (route === 'via_hq') return t('rma.route.via_hq');
  return '—';
}

/** "PWR-C1-715WAC-P 715W 交流电源模块" with the part number set in monospace. */
export function PartLabel({ part, quantity }: { part: Rma['part']; quantity?: number }) {
  return (
    <span className="rma-part">
      <span className="rma-mono">{part.partNumber}</span> <span>{part.name}</span>
      {quantity !== undefined && quantity > 1 && <span className="rma-part__qty"> × {quantity}</span>}
    </span>
  );
}
