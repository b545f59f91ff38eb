/**
 * Service levels (administrators): the list with each level's P1–P4 targets, a new level from
 * sensible defaults, and one level's page: names and active flag, the per-priority targets
 * (response, diagnosis, resolution, calendar, pause on vendor) and its escalation matrix.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type FormInstance,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { isApiError } from '../../../web/api/api-error.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { formatMinutes, localName } from './contract-display.tsx';
import { useCalendars, useServiceLevels, type ServiceLevel } from './contracts.queries.ts';
import { EscalationMatrixCard } from './escalation-matrix-editor.tsx';
import {
  useCreateServiceLevel,
  useServiceLevel,
  useUpdateServiceLevel,
  type TargetInput,
} from './service-level.queries.ts';
import { defaultTargets, TargetsEditor } from './service-level-targets.tsx';
import './service-levels.css';

/**
 * A failed save of a level: the targets' errors (body.targets.2.calendarId) by priority in the
 * targets editor, the others at the form's fields, an alert when none lands.
 */
function useLevelErrors<T>(form: FormInstance<T>, fields: readonly string[]) {
  const t = useT();
  const [byPriority, setByPriority] = useState<Partial<Record<number, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const clear = () => {
    setError(null);
    setByPriority({});
  };
  const show = (e: unknown, targets: TargetInput[]) => {
    const mine: Partial<Record<number, string>> = {};
    if (isApiError(e))
      for (const x of e.fieldErrors) {
        const message = t('error.fieldInvalid', { message: x.message });
        const index = /^body\.targets\.(\d+)/.exec(x.field)?.[1];
        if (index !== undefined) mine[targets[Number(index)]?.priority ?? 1] = message;
        else if (x.field === 'body.targets') mine[1] = message;
      }
    setByPriority(mine);
    if (!showFieldErrors(form, e, t, fields) && !Object.keys(mine).length) setError(e);
  };
  return { targetErrors: byPriority, error, clear, show };
}

export function ServiceLevelListPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <ServiceLevelList />;
}

function ServiceLevelList() {
  const t = useT();
  const { locale } = useLocale();
  const levels = useServiceLevels();
  const [creating, setCreating] = useState(false);

  const target = (level: ServiceLevel, priority: number) => {
    const x = level.targets.find((tg) => tg.priority === priority);
    return x ? (
      <span className="sl-target">
        {formatMinutes(x.responseMinutes, t)} / {formatMinutes(x.diagnosisMinutes, t)} /{' '}
        {formatMinutes(x.resolutionMinutes, t)}
      </span>
    ) : (
      '—'
    );
  };
  const columns: TableColumnsType<ServiceLevel> = [
    {
      key: 'name',
      title: t('contracts.sl.col.name'),
      width: 200,
      fixed: 'left',
      render: (_, l) => (
        <AppLink href={`/admin/service-levels/${l.id}`} className="sl-strong">
          {localName(l, locale)}
        </AppLink>
      ),
    },
    {
      key: 'code',
      title: t('contracts.sl.col.code'),
      dataIndex: 'code',
      width: 110,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    ...[1, 2, 3, 4].map((p) => ({
      key: `p${p}`,
      title: `P${p}`,
      render: (_: unknown, l: ServiceLevel) => target(l, p),
    })),
    {
      key: 'active',
      title: t('contracts.sl.col.status'),
      width: 80,
      render: (_, l) =>
        l.active ? (
          <Tag color="green">{t('contracts.sl.active')}</Tag>
        ) : (
          <Tag>{t('contracts.sl.inactive')}</Tag>
        ),
    },
  ];

  return (
    <div className="page sl-page">
      <AppLink href="/admin" className="sl-back">
        ← {t('contracts.sl.admin')}
      </AppLink>
      <header className="sl-page-header">
        <Typography.Title level={2} className="page__title">
          {t('contracts.sl.list.title')}
        </Typography.Title>
        <Button
          id="new-level-button"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
        >
          {t('contracts.sl.new')}
        </Button>
      </header>
      <Typography.Paragraph type="secondary">{t('contracts.sl.list.intro')}</Typography.Paragraph>
      {levels.isError && <ErrorAlert error={levels.error} />}
      <Table<ServiceLevel>
        id="service-level-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={levels.data ?? []}
        loading={levels.isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('contracts.sl.list.empty') }}
      />
      {creating && <NewServiceLevelDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

interface LevelFields {
  code: string;
  name: string;
  nameEn?: string;
}

function NewServiceLevelDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<LevelFields>();
  const calendars = useCalendars();
  const create = useCreateServiceLevel();
  const [targets, setTargets] = useState<TargetInput[] | null>(null);
  const shown = targets ?? defaultTargets(calendars.data ?? []);
  const errors = useLevelErrors(form, ['code', 'name', 'nameEn']);

  const submit = (f: LevelFields) => {
    errors.clear();
    create.mutate(
      { code: f.code.trim(), name: f.name.trim(), nameEn: f.nameEn?.trim() || null, targets: shown },
      {
        onSuccess: (level) => {
          onClose();
          navigate(`/admin/service-levels/${level.id}`);
        },
        onError: (e) => errors.show(e, shown),
      },
    );
  };

  return (
    <Modal
      open
      title={t('contracts.sl.new')}
      okText={t('contracts.sl.create')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'level-submit' }}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={900}
    >
      <Form<LevelFields> form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        <Space wrap align="start">
          <Form.Item
            name="code"
            label={t('contracts.sl.field.code')}
            rules={[{ required: true, whitespace: true, message: t('contracts.sl.required') }]}
          >
            <Input id="level-code" maxLength={40} spellCheck={false} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('contracts.sl.field.name')}
            rules={[{ required: true, whitespace: true, message: t('contracts.sl.required') }]}
          >
            <Input id="level-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('contracts.sl.field.nameEn')}>
            <Input id="level-name-en" maxLength={100} />
          </Form.Item>
        </Space>
      </Form>
      <Typography.Title level={5}>{t('contracts.sl.targets')}</Typography.Title>
      <TargetsEditor
        value={shown}
        onChange={setTargets}
        calendars={calendars.data ?? []}
        errors={errors.targetErrors}
      />
      <ErrorAlert error={errors.error} />
    </Modal>
  );
}

export function ServiceLevelDetailPage() {
  const me = useMe();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[3]);
  if (!me.abilities.administer) return <NotFoundPage />;
  return <ServiceLevelDetail id={id} />;
}

function ServiceLevelDetail({ id }: { id: number }) {
  const t = useT();
  const { locale } = useLocale();
  const level = useServiceLevel(id);
  if (level.isPending) return <Skeleton active className="page sl-page" />;
  if (level.isError) {
    if (isApiError(level.error, 'not_found')) return <NotFoundPage />;
    return (
      <div className="page sl-page">
        <ErrorAlert error={level.error} />
      </div>
    );
  }
  const l = level.data;
  return (
    <div className="page sl-page">
      <AppLink href="/admin/service-levels" className="sl-back">
        ← {t('contracts.sl.list.title')}
      </AppLink>
      <header className="sl-page-header">
        <Typography.Title level={2} className="page__title">
          {localName(l, locale)} <Typography.Text code>{l.code}</Typography.Text>{' '}
          {!l.active && <Tag>{t('contracts.sl.inactive')}</Tag>}
        </Typography.Title>
      </header>
      <Space orientation="vertical" size={16} className="page__stack">
        <LevelCard key={JSON.stringify(l)} level={l} />
        <EscalationMatrixCard serviceLevelId={l.id} editable />
      </Space>
    </div>
  );
}

function LevelCard({ level }: { level: ServiceLevel }) {
  const t = useT();
  const { message } = App.useApp();
  const calendars = useCalendars();
  const update = useUpdateServiceLevel(level.id);
  const [form] = Form.useForm<{ name: string; nameEn?: string; active: boolean }>();
  const initialTargets = level.targets.map((x) => ({ ...x }));
  const [targets, setTargets] = useState<TargetInput[]>(initialTargets);
  const errors = useLevelErrors(form, ['name', 'nameEn', 'active']);

  const submit = (f: { name: string; nameEn?: string; active: boolean }) => {
    errors.clear();
    const targetsChanged = JSON.stringify(targets) !== JSON.stringify(initialTargets);
    update.mutate(
      {
        name: f.name.trim(),
        nameEn: f.nameEn?.trim() || null,
        active: f.active,
        ...(targetsChanged && { targets }),
      },
      {
        onSuccess: () => void message.success(t('contracts.sl.saved')),
        onError: (e) => errors.show(e, targets),
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('contracts.sl.targets')}
      extra={
        <Button
          id="level-save"
          type="primary"
          size="small"
          loading={update.isPending}
          onClick={() => form.submit()}
        >
          {t('contracts.sl.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="inline"
        className="sl-level-form"
        initialValues={{ name: level.name, nameEn: level.nameEn ?? '', active: level.active }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('contracts.sl.field.name')}
          rules={[{ required: true, whitespace: true, message: t('contracts.sl.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('contracts.sl.field.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="active" label={t('contracts.sl.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <TargetsEditor
        value={targets}
        onChange={setTargets}
        calendars={calendars.data ?? []}
        errors={errors.targetErrors}
      />
      <Typography.Paragraph type="secondary" className="sl-note">
        {t('contracts.sl.targetsNote')}
      </Typography.Paragraph>
      <ErrorAlert error={errors.error} />
    </Card>
  );
}
