/** Small pieces shared by the case pages: priority and state tags, durations, relative due times. */
import { Tag, Tooltip, Typography } from 'antd';
import { formatDateTime as formatInUserTimeZone } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import { PRIORITY_INFO, STATE_INFO, type CaseState, type Priority } from '../case-status.ts';

/** P1 red … P4 grey: the colour says how urgent before the label is read. */
const PRIORITY_COLORS: Record<Priority, string> = { 1: 'red', 2: 'orange', 3: 'blue', 4: 'default' };

const STATE_COLORS: Record<CaseState, string> = {
  new: 'processing',
  assigned: 'cyan',
  in_progress: 'blue',
  waiting_customer: 'gold',
  waiting_vendor: 'purple',
  rma_pending: 'magenta',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

export function asPriority(value: number): Priority {
  return (value >= 1 && value <= 4 ? value : 4) as Priority;
}

export function PriorityTag({ priority, long = false }: { priority: number; long?: boolean }) {
  const { locale } = useLocale();
  const p = asPriority(priority);
  const label = PRIORITY_INFO[p].label[locale];
  return (
    <Tooltip title={long ? undefined : label}>
      <Tag color={PRIORITY_COLORS[p]} className="case-priority-tag" data-priority={p}>
        {long ? label : `P${p}`}
      </Tag>
    </Tooltip>
  );
}

export function stateLabel(state: CaseState, locale: 'zh-CN' | 'en'): string {
  return STATE_INFO[state].label[locale];
}

export function StateTag({ state }: { state: CaseState }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATE_COLORS[state]} className="case-state-tag" data-state={state}>
      {stateLabel(state, locale)}
    </Tag>
  );
}

/** "1 天 3 小时", "45 分钟": whole minutes, at most two units. */
export function formatMinutes(minutes: number, t: Translate): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (days > 0) return hours > 0 ? t('time.daysHours', { days, hours }) : t('time.days', { days });
  if (hours > 0)
    return mins > 0 ? t('time.hoursMinutes', { hours, minutes: mins }) : t('time.hours', { hours });
  return t('time.minutes', { minutes: mins });
}

/** "2026-11-22 09:05" in the user's own time zone (their account setting). */
export function formatDateTime(iso: string): string {
  return formatInUserTimeZone(iso);
}

/** "45 分钟后到期" or "已超时 20 分钟", red once past; the exact time on hover. */
export function RelativeDue({ dueAt, now = Date.now() }: { dueAt: string; now?: number }) {
  const t = useT();
  const minutes = (new Date(dueAt).getTime() - now) / 60_000;
  const breached = minutes < 0;
  const text = breached
    ? t('sla.overdueBy', { time: formatMinutes(-minutes, t) })
    : t('sla.dueIn', { time: formatMinutes(minutes, t) });
  return (
    <Tooltip title={formatDateTime(dueAt)}>
      <Typography.Text type={breached ? 'danger' : minutes < 30 ? 'warning' : undefined} strong={breached}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
