/**
 * One business calendar: names and time zone, the coverage warning (import the coming year's
 * holidays in time), the weekly hours editor, and a year of public holidays and make-up
 * working days (调休) as month grids and a table; the year is in the URL (?year=2027).
 */
import { EditOutlined, LeftOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Segmented,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { isApiError } from '../../../web/api/api-error.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { calendarName, CoverageTag } from './calendar-display.tsx';
import { DayDialog, DaysTable, ImportDialog, YearGrid } from './calendar-year.tsx';
import { useCalendar, useUpdateCalendar, type CalendarDetail } from './calendars.queries.ts';
import { WeeklyHoursCard } from './weekly-hours-card.tsx';
import './calendars.css';

export function CalendarDetailPage() {
  const me = useMe();
  const { pathname, search } = useLocation();
  const id = Number(pathname.split('/')[3]);
  const year = useMemo(() => {
    const y = Number(new URLSearchParams(search).get('year'));
    return Number.isInteger(y) && y >= 1970 && y <= 2200 ? y : undefined;
  }, [search]);
  if (!me.abilities.administer) return <NotFoundPage />;
  return <CalendarPage id={id} year={year} />;
}

function CalendarPage({ id, year }: { id: number; year: number | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  const query = useCalendar(id, year);
  const [picked, setPicked] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [view, setView] = useState<'grid' | 'table'>('grid');

  if (query.isPending) return <Skeleton active className="page cal-page" />;
  if (query.isError) {
    if (isApiError(query.error, 'not_found')) return <NotFoundPage />;
    return (
      <div className="page cal-page">
        <ErrorAlert error={query.error} />
      </div>
    );
  }
  const calendar = query.data;
  const editable = calendar.abilities.update;
  const goYear = (y: number) => navigate(`/admin/calendars/${id}?year=${y}`, { replace: true });
  const holidays = calendar.days.filter((d) => d.kind === 'holiday').length;
  const workdays = calendar.days.length - holidays;

  return (
    <div className="page cal-page">
      <AppLink href="/admin/calendars" className="cal-back">
        ← {t('calendars.list.title')}
      </AppLink>
      <header className="cal-page-header">
        <div>
          <Typography.Title level={2} className="page__title">
            {calendarName(calendar, locale)} {!calendar.active && <Tag>{t('calendars.inactive')}</Tag>}
          </Typography.Title>
          <Typography.Text type="secondary">
            <Typography.Text code>{calendar.code}</Typography.Text> · {calendar.timeZone} ·{' '}
            <CoverageTag calendar={calendar} />
          </Typography.Text>
        </div>
        {editable && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('calendars.edit')}
          </Button>
        )}
      </header>
      {calendar.coverage.warning && (
        <Alert
          id="coverage-warning"
          type="warning"
          showIcon
          className="cal-alert"
          title={t('calendars.coverage.detailWarning', { years: calendar.coverage.missingYears.join(', ') })}
          description={t('calendars.coverage.warningHint')}
          action={
            editable && (
              <Button size="small" onClick={() => setImporting(true)}>
                {t('calendars.import.open')}
              </Button>
            )
          }
        />
      )}
      <Space orientation="vertical" size={16} className="page__stack">
        <WeeklyHoursCard key={`${calendar.id}:${calendar.revision}`} calendar={calendar} />
        <Card
          size="small"
          title={
            <Space wrap>
              <Button
                aria-label={t('calendars.year.previous')}
                size="small"
                icon={<LeftOutlined />}
                onClick={() => goYear(calendar.year - 1)}
              />
              <span id="calendar-year-title">{t('calendars.year.title', { year: calendar.year })}</span>
              <Button
                aria-label={t('calendars.year.next')}
                size="small"
                icon={<RightOutlined />}
                onClick={() => goYear(calendar.year + 1)}
              />
              <Typography.Text type="secondary" className="cal-year-count">
                {t('calendars.year.count', { holidays, workdays })}
              </Typography.Text>
            </Space>
          }
          extra={
            <Space wrap>
              <Segmented
                size="small"
                value={view}
                onChange={(v) => setView(v as 'grid' | 'table')}
                options={[
                  { value: 'grid', label: t('calendars.year.grid') },
                  { value: 'table', label: t('calendars.year.table') },
                ]}
              />
              {editable && (
                <Button
                  id="import-button"
                  size="small"
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                >
                  {t('calendars.import.open')}
                </Button>
              )}
            </Space>
          }
        >
          {calendar.days.length === 0 && !calendar.alwaysOpen && (
            <Alert
              type="info"
              showIcon
              className="cal-alert"
              title={t('calendars.year.noData', { year: calendar.year })}
            />
          )}
          <div className="cal-legend">
            <span className="cal-legend__item cal-day--holiday">{t('calendars.kind.holiday')}</span>
            <span className="cal-legend__item cal-day--workday">{t('calendars.kind.workday')}</span>
            <span className="cal-legend__item cal-day--closed">{t('calendars.legend.closed')}</span>
            {editable && <Typography.Text type="secondary">{t('calendars.legend.click')}</Typography.Text>}
          </div>
          {view === 'grid' ? (
            <YearGrid calendar={calendar} onPick={editable ? setPicked : undefined} />
          ) : (
            <DaysTable calendar={calendar} onPick={editable ? setPicked : undefined} />
          )}
        </Card>
      </Space>
      {picked && <DayDialog calendar={calendar} date={picked} onClose={() => setPicked(null)} />}
      {importing && (
        <ImportDialog calendar={calendar} onClose={() => setImporting(false)} onImported={goYear} />
      )}
      {editing && <CalendarEditDialog calendar={calendar} onClose={() => setEditing(false)} />}
    </div>
  );
}

interface EditFields {
  name: string;
  nameEn: string;
  timeZone: string;
  active: boolean;
}

function CalendarEditDialog({ calendar, onClose }: { calendar: CalendarDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<EditFields>();
  const update = useUpdateCalendar(calendar.id);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('calendars.editTitle')}
      okText={t('calendars.save')}
      cancelText={t('dialog.cancel')}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<EditFields>
        form={form}
        layout="vertical"
        initialValues={{
          name: calendar.name,
          nameEn: calendar.nameEn,
          timeZone: calendar.timeZone,
          active: calendar.active,
        }}
        onFinish={(f) => {
          setError(null);
          update.mutate(
            { name: f.name.trim(), nameEn: f.nameEn.trim(), timeZone: f.timeZone.trim(), active: f.active },
            {
              onSuccess: onClose,
              onError: (e) => {
                if (!showFieldErrors(form, e, t, ['name', 'nameEn', 'timeZone', 'active'])) setError(e);
              },
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('calendars.field.name')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('calendars.field.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('calendars.field.timeZone')}
          extra={t('calendars.field.timeZoneHint')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input maxLength={64} spellCheck={false} />
        </Form.Item>
        <Form.Item name="active" label={t('calendars.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
