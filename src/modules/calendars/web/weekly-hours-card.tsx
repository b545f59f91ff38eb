/**
 * The weekly hours editor: 7×24 switch, per weekday several open intervals (a lunch break is
 * two intervals), and the hours of a make-up working day (调休). Checked as the server checks
 * (sorted, not overlapping, 00:00–24:00); the server's field errors land on their day.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import {
  DEFAULT_WEEKLY_HOURS,
  findIntervalProblem,
  ISO_WEEKDAYS,
  OFFICE_HOURS,
  type IsoWeekday,
} from '../calendar-hours.ts';
import { useUpdateCalendar, type CalendarDetail } from './calendars.queries.ts';

type Interval = [string, string];
type RowKey = IsoWeekday | 'workday';
const ROWS: readonly RowKey[] = [...ISO_WEEKDAYS, 'workday'];

interface HoursState {
  alwaysOpen: boolean;
  rows: Record<RowKey, Interval[]>;
}

function stateOf(calendar: CalendarDetail): HoursState {
  const rows = Object.fromEntries(
    ISO_WEEKDAYS.map((d) => [d, calendar.weeklyHours[d].map(([s, e]) => [s, e] as Interval)]),
  ) as Record<RowKey, Interval[]>;
  rows.workday = calendar.workdayHours.map(([s, e]) => [s, e] as Interval);
  return { alwaysOpen: calendar.alwaysOpen, rows };
}

/** The server's field (body.weeklyHours.3.1, body.workdayHours.0) → the row it belongs to. */
function rowOfField(field: string): RowKey | undefined {
  const weekly = /^body\.weeklyHours\.([1-7])/.exec(field);
  if (weekly) return weekly[1] as IsoWeekday;
  return field.startsWith('body.workdayHours') ? 'workday' : undefined;
}

export function WeeklyHoursCard({ calendar }: { calendar: CalendarDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [state, setState] = useState<HoursState>(() => stateOf(calendar));
  const [serverErrors, setServerErrors] = useState<Partial<Record<RowKey, string>>>({});
  const [generalError, setGeneralError] = useState<unknown>(null);
  const update = useUpdateCalendar(calendar.id);
  const editable = calendar.abilities.update;
  const dirty = JSON.stringify(state) !== JSON.stringify(stateOf(calendar));

  const problems: Partial<Record<RowKey, string>> = {};
  for (const row of ROWS) {
    const problem = findIntervalProblem(state.rows[row]);
    if (problem) problems[row] = t('calendars.hours.badInterval', { n: problem.index + 1 });
  }
  const valid = Object.keys(problems).length === 0;

  const setRow = (row: RowKey, intervals: Interval[]) => {
    setState((s) => ({ ...s, rows: { ...s.rows, [row]: intervals } }));
    setServerErrors((e) => ({ ...e, [row]: undefined }));
  };

  const save = () => {
    setGeneralError(null);
    setServerErrors({});
    const weeklyHours = Object.fromEntries(ISO_WEEKDAYS.map((d) => [d, state.rows[d]])) as Record<
      IsoWeekday,
      Interval[]
    >;
    update.mutate(
      { alwaysOpen: state.alwaysOpen, weeklyHours, workdayHours: state.rows.workday },
      {
        onSuccess: (saved) => {
          setState(stateOf(saved));
          void message.success(t('calendars.hours.saved'));
        },
        onError: (error) => {
          const byRow: Partial<Record<RowKey, string>> = {};
          if (isApiError(error))
            for (const e of error.fieldErrors) {
              const row = rowOfField(e.field);
              if (row) byRow[row] = t('error.fieldInvalid', { message: e.message });
            }
          if (Object.keys(byRow).length) setServerErrors(byRow);
          else setGeneralError(error);
        },
      },
    );
  };

  const rowLabel = (row: RowKey) =>
    row === 'workday'
      ? t('calendars.hours.makeUpDay')
      : t(`calendars.weekday.${row}` as 'calendars.weekday.1');

  return (
    <Card
      size="small"
      title={t('calendars.hours.title')}
      extra={
        editable && (
          <Space>
            <Button
              size="small"
              disabled={!dirty}
              onClick={() => {
                setState(stateOf(calendar));
                setServerErrors({});
              }}
            >
              {t('calendars.hours.undo')}
            </Button>
            <Button
              id="hours-save"
              size="small"
              type="primary"
              disabled={!dirty || !valid}
              loading={update.isPending}
              onClick={save}
            >
              {t('calendars.save')}
            </Button>
          </Space>
        )
      }
    >
      <div className="cal-always-open">
        <Switch
          id="calendar-always-open"
          checked={state.alwaysOpen}
          disabled={!editable}
          onChange={(alwaysOpen) => setState((s) => ({ ...s, alwaysOpen }))}
        />{' '}
        <label htmlFor="calendar-always-open">{t('calendars.hours.alwaysOpen')}</label>
        <Typography.Text type="secondary" className="cal-always-open__hint">
          {t('calendars.hours.alwaysOpenHint')}
        </Typography.Text>
      </div>
      {!state.alwaysOpen && (
        <>
          <div className="cal-hours">
            {ROWS.map((row) => (
              <div
                key={row}
                className={`cal-hours__row${row === 'workday' ? ' cal-hours__row--makeup' : ''}`}
              >
                <div className="cal-hours__day">{rowLabel(row)}</div>
                <div className="cal-hours__intervals">
                  {state.rows[row].length === 0 && (
                    <span className="cal-muted">{t('calendars.hours.closed')}</span>
                  )}
                  {state.rows[row].map(([start, end], i) => (
                    <Space.Compact key={i} size="small" className="cal-interval">
                      <Input
                        aria-label={t('calendars.hours.start', { day: rowLabel(row), n: i + 1 })}
                        value={start}
                        disabled={!editable}
                        placeholder="09:00"
                        className="cal-interval__time"
                        onChange={(e) =>
                          setRow(
                            row,
                            state.rows[row].map((x, j) => (j === i ? [e.target.value, x[1]] : x)),
                          )
                        }
                      />
                      <Input
                        aria-label={t('calendars.hours.end', { day: rowLabel(row), n: i + 1 })}
                        value={end}
                        disabled={!editable}
                        placeholder="18:00"
                        className="cal-interval__time"
                        onChange={(e) =>
                          setRow(
                            row,
                            state.rows[row].map((x, j) => (j === i ? [x[0], e.target.value] : x)),
                          )
                        }
                      />
                      {editable && (
                        <Button
                          aria-label={t('calendars.hours.removeInterval')}
                          icon={<DeleteOutlined />}
                          onClick={() =>
                            setRow(
                              row,
                              state.rows[row].filter((_, j) => j !== i),
                            )
                          }
                        />
                      )}
                    </Space.Compact>
                  ))}
                  {editable && (
                    <Button
                      size="small"
                      type="dashed"
                      icon={<PlusOutlined />}
                      aria-label={t('calendars.hours.addInterval', { day: rowLabel(row) })}
                      onClick={() => {
                        const last = state.rows[row].at(-1);
                        setRow(row, [...state.rows[row], last ? [last[1], '24:00'] : ['09:00', '18:00']]);
                      }}
                    />
                  )}
                  {(serverErrors[row] ?? problems[row]) && (
                    <div className="cal-hours__error" role="alert">
                      {serverErrors[row] ?? problems[row]}
                    </div>
                  )}
                </div>
              </div>
            ))}
          </div>
          {editable && (
            <Button
              size="small"
              type="link"
              onClick={() =>
                setState((s) => ({
                  ...s,
                  rows: {
                    ...(Object.fromEntries(
                      ISO_WEEKDAYS.map((d) => [
                        d,
                        DEFAULT_WEEKLY_HOURS[d].map(([a, b]) => [a, b] as Interval),
                      ]),
                    ) as Record<RowKey, Interval[]>),
                    workday: OFFICE_HOURS.map(([a, b]) => [a, b] as Interval),
                  },
                }))
              }
            >
              {t('calendars.hours.fillOffice')}
            </Button>
          )}
        </>
      )}
      <ErrorAlert error={generalError} />
    </Card>
  );
}
