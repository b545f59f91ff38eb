/**
 * A calendar's year: twelve month grids (Monday first) where public holidays, make-up working
 * days (调休) and closed weekdays stand out, the same days as a table, the dialog that makes a
 * date a holiday or a make-up working day (or lets it follow the week again), and the import
 * of a year's notice from a text file.
 */
import { UploadOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { FieldError } from '../../../web/api/api-error.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import type { DayKind, IsoWeekday } from '../calendar-hours.ts';
import {
  useImportCalendarDays,
  useRemoveCalendarDay,
  useSetCalendarDay,
  type CalendarDay,
  type CalendarDetail,
} from './calendars.queries.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** ISO weekday '1' (Monday) … '7' (Sunday) of a calendar date. */
export const isoWeekdayOf = (iso: string): IsoWeekday => {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return String(day === 0 ? 7 : day) as IsoWeekday;
};
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const KIND_LABELS: Record<DayKind, MessageKey> = {
  holiday: 'calendars.kind.holiday',
  workday: 'calendars.kind.workday',
};

export const dayName = (d: CalendarDay, locale: string) =>
  locale === 'en' ? (d.nameEn ?? d.name) : (d.name ?? d.nameEn);

export function YearGrid({
  calendar,
  onPick,
}: {
  calendar: CalendarDetail;
  onPick?: (date: string) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const year = calendar.year;
  const days = new Map(calendar.days.map((d) => [d.date, d]));
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className="cal-year" id="calendar-year">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const firstWeekday = Number(isoWeekdayOf(isoOf(year, month, 1)));
        const cells: (string | null)[] = [
          ...Array.from({ length: firstWeekday - 1 }, () => null),
          ...Array.from({ length: daysInMonth(year, month) }, (_, d) => isoOf(year, month, d + 1)),
        ];
        return (
          <section
            key={month}
            className="cal-month"
            aria-label={t(`calendars.month.${month}` as 'calendars.month.1')}
          >
            <div className="cal-month__title">{t(`calendars.month.${month}` as 'calendars.month.1')}</div>
            <div className="cal-month__grid">
              {(['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => (
                <div key={d} className="cal-month__head">
                  {t(`calendars.weekdayMin.${d}` as 'calendars.weekdayMin.1')}
                </div>
              ))}
              {cells.map((date, i) => {
                if (!date) return <div key={`blank-${i}`} />;
                const special = days.get(date);
                const closed = !calendar.alwaysOpen && calendar.weeklyHours[isoWeekdayOf(date)].length === 0;
                const className = [
                  'cal-day',
                  special?.kind === 'holiday' && 'cal-day--holiday',
                  special?.kind === 'workday' && 'cal-day--workday',
                  !special && closed && 'cal-day--closed',
                  date === today && 'cal-day--today',
                ]
                  .filter(Boolean)
                  .join(' ');
                const label = special
                  ? `${date} ${t(KIND_LABELS[special.kind])}${dayName(special, locale) ? `：${dayName(special, locale)}` : ''}`
                  : date;
                const content = (
                  <button
                    type="button"
                    className={className}
                    data-date={date}
                    aria-label={label}
                    disabled={!onPick}
                    onClick={() => onPick?.(date)}
                  >
                    {Number(date.slice(8))}
                    {special?.kind === 'workday' && (
                      <span className="cal-day__mark">{t('calendars.kind.workdayMark')}</span>
                    )}
                    {special?.kind === 'holiday' && (
                      <span className="cal-day__mark">{t('calendars.kind.holidayMark')}</span>
                    )}
                  </button>
                );
                return special ? (
                  <Tooltip key={date} title={label}>
                    {content}
                  </Tooltip>
                ) : (
                  <span key={date}>{content}</span>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}

export function DaysTable({
  calendar,
  onPick,
}: {
  calendar: CalendarDetail;
  onPick?: (date: string) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const columns: TableColumnsType<CalendarDay> = [
    { key: 'date', title: t('calendars.day.date'), dataIndex: 'date', width: 120, className: 'cal-mono' },
    {
      key: 'weekday',
      title: t('calendars.day.weekday'),
      width: 80,
      render: (_, d) => t(`calendars.weekdayShort.${isoWeekdayOf(d.date)}` as 'calendars.weekdayShort.1'),
    },
    {
      key: 'kind',
      title: t('calendars.day.kind'),
      width: 130,
      render: (_, d) => <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{t(KIND_LABELS[d.kind])}</Tag>,
    },
    { key: 'name', title: t('calendars.day.name'), render: (_, d) => dayName(d, locale) ?? '—' },
    ...(onPick
      ? [
          {
            key: 'edit',
            title: '',
            width: 80,
            render: (_: unknown, d: CalendarDay) => (
              <Button type="link" size="small" onClick={() => onPick(d.date)}>
                {t('calendars.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<CalendarDay>
      id="calendar-days-table"
      rowKey="date"
      size="small"
      columns={columns}
      dataSource={calendar.days}
      pagination={false}
      scroll={{ x: 560 }}
      locale={{ emptyText: t('calendars.day.empty', { year: calendar.year }) }}
    />
  );
}

interface DayFields {
  kind: DayKind;
  name?: string;
  nameEn?: string;
}

export function DayDialog({
  calendar,
  date,
  onClose,
}: {
  calendar: CalendarDetail;
  date: string;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DayFields>();
  const existing = calendar.days.find((d) => d.date === date);
  const set = useSetCalendarDay(calendar.id);
  const remove = useRemoveCalendarDay(calendar.id);
  const [error, setError] = useState<unknown>(null);
  const weekday = isoWeekdayOf(date);
  const openByWeek = calendar.alwaysOpen || calendar.weeklyHours[weekday].length > 0;

  const submit = (f: DayFields) => {
    setError(null);
    set.mutate(
      { date, kind: f.kind, name: f.name?.trim() || null, nameEn: f.nameEn?.trim() || null },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['kind', 'name', 'nameEn'])) setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('calendars.day.title', {
        date,
        weekday: t(`calendars.weekday.${weekday}` as 'calendars.weekday.1'),
      })}
      okText={t('calendars.save')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'day-submit' }}
      confirmLoading={set.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <div className="cal-dialog-footer">
          {existing ? (
            <Popconfirm
              title={t('calendars.day.removeConfirm')}
              okText={t('calendars.day.remove')}
              cancelText={t('dialog.cancel')}
              onConfirm={() => remove.mutate(date, { onSuccess: onClose, onError: setError })}
            >
              <Button danger loading={remove.isPending} id="day-remove">
                {t('calendars.day.remove')}
              </Button>
            </Popconfirm>
          ) : (
            <span />
          )}
          <span>
            <CancelBtn /> <OkBtn />
          </span>
        </div>
      )}
    >
      <Typography.Paragraph type="secondary">
        {openByWeek ? t('calendars.day.weekOpen') : t('calendars.day.weekClosed')}
      </Typography.Paragraph>
      <Form<DayFields>
        form={form}
        layout="vertical"
        initialValues={
          existing
            ? { kind: existing.kind, name: existing.name ?? '', nameEn: existing.nameEn ?? '' }
            : { kind: openByWeek ? 'holiday' : 'workday' }
        }
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('calendars.day.kind')}>
          <Radio.Group
            id="day-kind"
            optionType="button"
            options={[
              { value: 'holiday', label: t('calendars.kind.holiday') },
              { value: 'workday', label: t('calendars.kind.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendars.day.nameZh')}>
          <Input id="day-name" maxLength={100} placeholder={t('calendars.day.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('calendars.day.nameEn')}>
          <Input id="day-name-en" maxLength={100} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

const SAMPLE = `# 国务院办公厅关于 {year} 年部分节假日安排的通知
{year}-01-01 holiday 元旦 | New Year's Day
{year}-02-07 workday 春节调休上班 | Spring Festival make-up working day`;

interface ImportFields {
  year: number;
  text: string;
  replace: boolean;
}

export function ImportDialog({
  calendar,
  onClose,
  onImported,
}: {
  calendar: CalendarDetail;
  onClose: () => void;
  onImported: (year: number) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ImportFields>();
  const importDays = useImportCalendarDays(calendar.id);
  const [error, setError] = useState<unknown>(null);
  const year = Form.useWatch('year', form) ?? calendar.year + 1;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    form.setFieldsValue({ text });
    const guessed = /(\d{4})-\d{2}-\d{2}/.exec(text)?.[1];
    if (guessed && !form.isFieldTouched('year')) form.setFieldsValue({ year: Number(guessed) });
  };

  const submit = (f: ImportFields) => {
    setError(null);
    importDays.mutate(
      { year: f.year, text: f.text, replace: f.replace },
      {
        onSuccess: () => {
          onClose();
          onImported(f.year);
        },
        onError: (e) => {
          // Bad lines come back on `text`, one field error per line: all shown there, as worded.
          const message = (x: FieldError) => (x.field === 'body.text' ? x.message : undefined);
          if (!showFieldErrors(form, e, t, ['text', 'year', 'replace'], { message })) setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('calendars.import.title')}
      okText={t('calendars.import.submit')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'import-submit' }}
      confirmLoading={importDays.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Typography.Paragraph type="secondary">{t('calendars.import.hint')}</Typography.Paragraph>
      <pre className="cal-sample">{SAMPLE.replaceAll('{year}', String(year))}</pre>
      <Form<ImportFields>
        form={form}
        layout="vertical"
        initialValues={{ year: calendar.year + 1, text: '', replace: true }}
        onFinish={submit}
      >
        <Form.Item
          name="year"
          label={t('calendars.import.year')}
          rules={[{ required: true, message: t('calendars.required') }]}
        >
          <InputNumber id="import-year" min={1970} max={2200} />
        </Form.Item>
        <Form.Item label={t('calendars.import.file')}>
          <label className="ant-btn ant-btn-default cal-file">
            <UploadOutlined /> {t('calendars.import.choose')}
            <input
              id="import-file"
              type="file"
              accept=".txt,text/plain"
              className="cal-file__input"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          </label>
        </Form.Item>
        <Form.Item
          name="text"
          label={t('calendars.import.text')}
          rules={[{ required: true, whitespace: true, message: t('calendars.import.textRequired') }]}
        >
          <Input.TextArea id="import-text" rows={8} spellCheck={false} className="cal-mono" />
        </Form.Item>
        <Form.Item name="replace" valuePropName="checked" extra={t('calendars.import.replaceHint')}>
          <Checkbox>{t('calendars.import.replace', { year })}</Checkbox>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
