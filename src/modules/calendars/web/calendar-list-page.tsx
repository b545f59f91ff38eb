/**
 * Business calendars (administrators): 7×24, 5×8 and custom ones with their weekly hours and
 * whether the coming days' public holidays are known (the coverage warning); add a calendar
 * from a template.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Form,
  Input,
  Modal,
  Radio,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { navigate } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { DEFAULT_WEEKLY_HOURS, ISO_WEEKDAYS, OFFICE_HOURS } from '../calendar-hours.ts';
import { calendarName, CoverageTag, hoursSummary } from './calendar-display.tsx';
import { useCalendarList, useCreateCalendar, type Calendar } from './calendars.queries.ts';
import './calendars.css';

export function CalendarListPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <CalendarList />;
}

function CalendarList() {
  const t = useT();
  const { locale } = useLocale();
  const list = useCalendarList();
  const [creating, setCreating] = useState(false);
  const warnings = (list.data ?? []).filter((c) => c.active && c.coverage.warning);

  const columns: TableColumnsType<Calendar> = [
    {
      key: 'name',
      title: t('calendars.col.name'),
      render: (_, c) => (
        <AppLink href={`/admin/calendars/${c.id}`} className="cal-strong">
          {calendarName(c, locale)}
        </AppLink>
      ),
    },
    {
      key: 'code',
      title: t('calendars.col.code'),
      dataIndex: 'code',
      width: 100,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { key: 'hours', title: t('calendars.col.hours'), render: (_, c) => hoursSummary(c, t) },
    { key: 'zone', title: t('calendars.col.timeZone'), dataIndex: 'timeZone', width: 140 },
    {
      key: 'coverage',
      title: t('calendars.col.coverage'),
      width: 200,
      render: (_, c) => <CoverageTag calendar={c} />,
    },
    {
      key: 'active',
      title: t('calendars.col.status'),
      width: 90,
      render: (_, c) =>
        c.active ? <Tag color="green">{t('calendars.active')}</Tag> : <Tag>{t('calendars.inactive')}</Tag>,
    },
  ];

  return (
    <div className="page cal-page">
      <AppLink href="/admin" className="cal-back">
        ← {t('calendars.admin')}
      </AppLink>
      <header className="cal-page-header">
        <Typography.Title level={2} className="page__title">
          {t('calendars.list.title')}
        </Typography.Title>
        <Button
          id="new-calendar-button"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
        >
          {t('calendars.new')}
        </Button>
      </header>
      <Typography.Paragraph type="secondary">{t('calendars.list.intro')}</Typography.Paragraph>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="cal-alert"
          title={t('calendars.coverage.listWarning', {
            names: warnings.map((c) => calendarName(c, locale)).join('、'),
          })}
        />
      )}
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<Calendar>
        id="calendar-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('calendars.list.empty') }}
      />
      {creating && <NewCalendarDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

type Template = '5x8' | '7x24' | 'empty';
interface NewCalendarFields {
  code: string;
  name: string;
  nameEn: string;
  timeZone: string;
  template: Template;
}

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

function NewCalendarDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<NewCalendarFields>();
  const create = useCreateCalendar();
  const [error, setError] = useState<unknown>(null);

  const submit = (f: NewCalendarFields) => {
    setError(null);
    const weeklyHours = Object.fromEntries(
      ISO_WEEKDAYS.map((d) => [
        d,
        f.template === '7x24'
          ? ALL_DAY
          : f.template === '5x8'
            ? DEFAULT_WEEKLY_HOURS[d].map(([s, e]) => [s, e])
            : [],
      ]),
    ) as Record<(typeof ISO_WEEKDAYS)[number], [string, string][]>;
    create.mutate(
      {
        code: f.code.trim(),
        name: f.name.trim(),
        nameEn: f.nameEn.trim(),
        timeZone: f.timeZone.trim(),
        alwaysOpen: f.template === '7x24',
        weeklyHours,
        workdayHours: f.template === '7x24' ? ALL_DAY : OFFICE_HOURS.map(([s, e]) => [s, e]),
      },
      {
        onSuccess: (created) => {
          onClose();
          navigate(`/admin/calendars/${created.id}`);
        },
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['code', 'name', 'nameEn', 'timeZone'])) setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('calendars.new')}
      okText={t('calendars.create')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'calendar-submit' }}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<NewCalendarFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ timeZone: 'Asia/Shanghai', template: '5x8' }}
        onFinish={submit}
      >
        <Form.Item name="template" label={t('calendars.template')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: '5x8', label: t('calendars.template.5x8') },
              { value: '7x24', label: t('calendars.template.7x24') },
              { value: 'empty', label: t('calendars.template.empty') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('calendars.field.code')}
          extra={t('calendars.field.codeHint')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input id="calendar-code" autoComplete="off" spellCheck={false} maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendars.field.name')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input id="calendar-name" autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('calendars.field.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input id="calendar-name-en" autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('calendars.field.timeZone')}
          rules={[{ required: true, whitespace: true, message: t('calendars.required') }]}
        >
          <Input id="calendar-time-zone" autoComplete="off" spellCheck={false} maxLength={64} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
