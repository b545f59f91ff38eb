/**
 * Per-priority targets of a service level as an editable table: P1–P4 rows, columns response,
 * diagnosis, resolution (a number with a unit), the calendar they count on, pause while waiting
 * on the vendor. Also the duration input the escalation matrix uses for its elapsed times.
 */
import { InputNumber, Select, Space, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Calendar } from './contracts.queries.ts';
import type { TargetInput } from './service-level.queries.ts';

type Unit = 1 | 60 | 1440;
const UNITS: Unit[] = [1, 60, 1440];
const unitOf = (minutes: number | undefined): Unit =>
  minutes && minutes % 1440 === 0 ? 1440 : minutes && minutes % 60 === 0 ? 60 : 1;

/** Minutes as a number and a unit (minutes, hours, days); reports whole minutes. */
export function DurationInput({
  value,
  onChange,
  id,
  ariaLabel,
  status,
}: {
  value?: number;
  onChange?: (minutes: number | undefined) => void;
  id?: string;
  ariaLabel?: string;
  status?: 'error';
}) {
  const t = useT();
  const [unit, setUnit] = useState<Unit>(() => unitOf(value));
  const shown = value === undefined ? undefined : Math.round((value / unit) * 100) / 100;
  return (
    <Space.Compact size="small">
      <InputNumber
        id={id}
        aria-label={ariaLabel}
        status={status}
        min={1}
        value={shown}
        className="sl-duration__number"
        onChange={(n) => onChange?.(n === null ? undefined : Math.max(1, Math.round(Number(n) * unit)))}
      />
      <Select<Unit>
        aria-label={t('contracts.sl.unit')}
        value={unit}
        className="sl-duration__unit"
        onChange={(next) => {
          setUnit(next);
          if (shown !== undefined) onChange?.(Math.max(1, Math.round(shown * next)));
        }}
        options={UNITS.map((u) => ({
          value: u,
          label: t(
            u === 1
              ? 'contracts.sl.unit.minutes'
              : u === 60
                ? 'contracts.sl.unit.hours'
                : 'contracts.sl.unit.days',
          ),
        }))}
      />
    </Space.Compact>
  );
}

/** Four targets, P1 first; a missing priority is filled from the 5×8 or first calendar. */
export function defaultTargets(calendars: Calendar[]): TargetInput[] {
  const calendarId = (calendars.find((c) => c.code === '7x24') ?? calendars[0])?.id ?? 0;
  const base = [
    [30, 240, 1440],
    [60, 480, 2880],
    [240, 1440, 4320],
    [480, 2880, 7200],
  ];
  return base.map(([response, diagnosis, resolution], i) => ({
    priority: i + 1,
    calendarId,
    responseMinutes: response!,
    diagnosisMinutes: diagnosis!,
    resolutionMinutes: resolution!,
    pauseOnVendor: false,
  }));
}

export function TargetsEditor({
  value,
  onChange,
  calendars,
  errors = {},
}: {
  value: TargetInput[];
  onChange: (targets: TargetInput[]) => void;
  calendars: Calendar[];
  /** Server errors by priority (1–4). */
  errors?: Partial<Record<number, string>>;
}) {
  const t = useT();
  const { locale } = useLocale();
  const set = (priority: number, change: Partial<TargetInput>) =>
    onChange(value.map((x) => (x.priority === priority ? { ...x, ...change } : x)));
  const durationColumn = (
    key: 'responseMinutes' | 'diagnosisMinutes' | 'resolutionMinutes',
    title: string,
  ): TableColumnsType<TargetInput>[number] => ({
    key,
    title,
    width: 170,
    render: (_, row) => (
      <DurationInput
        id={`target-${row.priority}-${key}`}
        ariaLabel={`P${row.priority} ${title}`}
        value={row[key]}
        onChange={(minutes) => minutes && set(row.priority, { [key]: minutes })}
      />
    ),
  });
  const columns: TableColumnsType<TargetInput> = [
    {
      key: 'priority',
      title: t('contracts.level.priority'),
      width: 70,
      render: (_, row) => (
        <div>
          <strong>P{row.priority}</strong>
          {errors[row.priority] && <div className="sl-error">{errors[row.priority]}</div>}
        </div>
      ),
    },
    durationColumn('responseMinutes', t('contracts.level.response')),
    durationColumn('diagnosisMinutes', t('contracts.level.diagnosis')),
    durationColumn('resolutionMinutes', t('contracts.level.resolution')),
    {
      key: 'calendar',
      title: t('contracts.level.calendar'),
      width: 170,
      render: (_, row) => (
        <Select
          size="small"
          aria-label={`P${row.priority} ${t('contracts.level.calendar')}`}
          value={row.calendarId || undefined}
          className="sl-calendar"
          onChange={(calendarId: number) => set(row.priority, { calendarId })}
          options={calendars.map((c) => ({ value: c.id, label: locale === 'en' ? c.nameEn : c.name }))}
        />
      ),
    },
    {
      key: 'pause',
      title: t('contracts.level.pauseOnVendor'),
      width: 110,
      render: (_, row) => (
        <Switch
          size="small"
          aria-label={`P${row.priority} ${t('contracts.level.pauseOnVendor')}`}
          checked={row.pauseOnVendor ?? false}
          onChange={(pauseOnVendor) => set(row.priority, { pauseOnVendor })}
        />
      ),
    },
  ];
  return (
    <Table<TargetInput>
      id="targets-editor"
      rowKey="priority"
      size="small"
      columns={columns}
      dataSource={value}
      pagination={false}
      scroll={{ x: 800 }}
    />
  );
}
