/**
 * Small pieces shared by the contract pages: the state tag, the period with days left (expiring
 * soon in orange, ended in red), the coverage summary, names in the user's language, durations.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { getDisplayTimeZone } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Locale, Translate } from '../../../web/i18n/translate.ts';
import { CONTRACT_STATE_LABELS, type ContractState } from '../contract-status.ts';
import type { ContractItem } from './contracts.queries.ts';

const STATE_COLORS: Record<ContractState, string> = {
  draft: 'default',
  active: 'success',
  expired: 'error',
  renewed: 'blue',
};

export function ContractStateTag({ state }: { state: ContractState }) {
  const { locale } = useLocale();
  return (
    <Tag color={STATE_COLORS[state]} className="contract-state-tag" data-state={state}>
      {CONTRACT_STATE_LABELS[state][locale]}
    </Tag>
  );
}

/** Days before the end from which an active contract counts as expiring soon, when it sets none. */
const DEFAULT_NOTICE_DAYS = 60;

/** An active contract within its renewal notice period (and not renewed yet). */
export function isExpiringSoon(c: Pick<ContractItem, 'state' | 'daysToEnd' | 'renewalNoticeDays'>): boolean {
  return (
    c.state === 'active' && c.daysToEnd >= 0 && c.daysToEnd <= (c.renewalNoticeDays ?? DEFAULT_NOTICE_DAYS)
  );
}

/** "剩 45 天", "今天到期", "已结束 3 天"; orange within the notice period, red once ended. */
export function DaysLeft({ contract }: { contract: ContractItem }) {
  const t = useT();
  const { daysToEnd, state } = contract;
  if (state === 'draft' && daysToEnd >= 0)
    return (
      <Typography.Text type="secondary">{t('contracts.days.left', { days: daysToEnd })}</Typography.Text>
    );
  if (daysToEnd < 0)
    return (
      <Typography.Text type={state === 'renewed' ? 'secondary' : 'danger'} className="contract-days">
        {t('contracts.days.ended', { days: -daysToEnd })}
      </Typography.Text>
    );
  const soon = isExpiringSoon(contract);
  return (
    <Typography.Text type={soon ? 'warning' : undefined} strong={soon} className="contract-days">
      {daysToEnd === 0 ? t('contracts.days.today') : t('contracts.days.left', { days: daysToEnd })}
    </Typography.Text>
  );
}

/** Start – effective end, the days left under it, and the extension days if any. */
export function PeriodCell({ contract }: { contract: ContractItem }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={0}>
      <span className="contract-period">
        {contract.startsOn} – {contract.endsOn}
      </span>
      <Space size={6} wrap>
        <DaysLeft contract={contract} />
        {contract.extensionDays > 0 && (
          <Tooltip title={t('contracts.period.originalEnd', { date: contract.originalEndsOn })}>
            <Tag color="purple" className="contract-extension-tag">
              {t('contracts.period.extended', { days: contract.extensionDays })}
            </Tag>
          </Tooltip>
        )}
      </Space>
    </Space>
  );
}

/** "全部站点", "2 个站点 · 5 台设备", "未指定" */
export function coverageSummary(
  c: Pick<ContractItem, 'coversAllSites' | 'siteIds' | 'assetCount'>,
  t: Translate,
) {
  if (c.coversAllSites) return t('contracts.coverage.allSites');
  const parts: string[] = [];
  if (c.siteIds.length > 0) parts.push(t('contracts.coverage.sites', { count: c.siteIds.length }));
  if (c.assetCount > 0) parts.push(t('contracts.coverage.assets', { count: c.assetCount }));
  return parts.length > 0 ? parts.join(' · ') : t('contracts.coverage.nothing');
}

/** A name with an optional English form, as the user reads it. */
export function localName(item: { name: string; nameEn: string | null }, locale: Locale): string {
  return locale === 'en' && item.nameEn ? item.nameEn : item.name;
}

/** "4 小时", "1 天 6 小时", "30 分钟": at most two units. */
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

/** "30 小时" or "—" for a promise in hours. */
export function formatHours(hours: number | null, t: Translate): string {
  return hours === null ? '—' : t('contracts.hours', { hours });
}

function zoneParts(date: Date, timeZone: string | undefined): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The wall-clock time of `date` in the user's display zone as an `<input type="datetime-local">` value. */
export function toLocalInput(date: Date | string): string {
  const p = zoneParts(typeof date === 'string' ? new Date(date) : date, getDisplayTimeZone());
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * An `<input type="datetime-local">` value read as wall-clock time in the user's display zone
 * (their account's, not the browser's), as an ISO instant; undefined when not a time.
 */
export function fromLocalInput(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value ?? '');
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment: compare the wall clock it shows for a first guess.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = zoneParts(new Date(guess), getDisplayTimeZone());
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

/**
 * For a date picker inside a form: Enter confirms the typed date (the picker has taken it by
 * then) instead of submitting the whole form half filled in.
 */
export function keepEnterInPicker(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
}
