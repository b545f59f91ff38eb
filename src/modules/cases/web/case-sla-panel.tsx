/**
 * The SLA clocks (response, diagnosis, resolution) and the escalation schedule of one case:
 * what fired, what was acknowledged, what is pending and when.
 */
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  PauseCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { api } from '../../../web/api/client.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../identity/identity-roles.ts';
import type { Me } from '../../identity/identity.api.ts';
import { formatDateTime, formatMinutes } from './case-display.tsx';
import {
  useCaseAction,
  useCaseSla,
  useStaffUsers,
  useSupportGroups,
  type EscalationStep,
  type SlaClock,
  type SupportGroup,
  type User,
} from './cases.queries.ts';

/** Who the server lets acknowledge a fired step besides its recipients (acknowledge-escalation.ts). */
const ACKNOWLEDGING_ROLES: readonly StaffRole[] = [
  'admin',
  'manager1',
  'manager2',
  'manager3',
  'regional_manager',
  'hotline_operator',
  'duty_engineer',
];

type Action = EscalationStep['actions'][number];

/** One escalation action in words: "通知 Manager1、二线工程师", "向上游厂商开案"… */
export function describeAction(
  action: Action,
  t: Translate,
  locale: 'zh-CN' | 'en',
  groups: readonly SupportGroup[] | undefined,
): string {
  switch (action.kind) {
    case 'notify': {
      const roles = action.roles.map((role) =>
        (STAFF_ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as StaffRole][locale] : role,
      );
      return t('escalation.action.notify', { who: roles.join(locale === 'en' ? ', ' : '、') });
    }
    case 'reassign_group': {
      const group = groups?.find((g) => g.id === action.groupId);
      const name = group
        ? locale === 'en' && group.nameEn
          ? group.nameEn
          : group.name
        : `#${action.groupId}`;
      return t('escalation.action.reassignGroup', { group: name });
    }
    case 'raise_priority':
      return t('escalation.action.raisePriority', { priority: `P${action.to}` });
    case 'require_vendor_case':
      return t('escalation.action.vendorCase');
  }
}

export function userName(users: readonly User[] | undefined, id: number | null | undefined): string {
  if (id === null || id === undefined) return '—';
  return users?.find((u) => u.id === id)?.displayName ?? `#${id}`;
}

export function CaseSlaPanel({ caseId, me }: { caseId: number; me: Me }) {
  const t = useT();
  const { locale } = useLocale();
  const sla = useCaseSla(caseId);
  const users = useStaffUsers();
  const groups = useSupportGroups();
  const acknowledge = useCaseAction(caseId, (escalationId: number) =>
    api.post(`/api/escalations/${escalationId}/acknowledge`),
  );

  if (sla.isError) return <ErrorAlert error={sla.error} />;
  const data = sla.data;
  const isManager = me.roles.some((role) => ACKNOWLEDGING_ROLES.includes(role));
  const mayAcknowledge = (step: EscalationStep) =>
    step.status === 'fired' && step.id !== null && (isManager || step.recipients.includes(me.id));

  const columns: TableColumnsType<EscalationStep> = [
    {
      key: 'elapsed',
      title: t('escalation.col.elapsed'),
      dataIndex: 'elapsedMinutes',
      width: 100,
      render: (minutes: number) => `+${formatMinutes(minutes, t)}`,
    },
    {
      key: 'due',
      title: t('escalation.col.due'),
      dataIndex: 'dueAt',
      width: 140,
      render: (dueAt: string) => formatDateTime(dueAt),
    },
    {
      key: 'action',
      title: t('escalation.col.action'),
      render: (_, step) => (
        <Space orientation="vertical" size={0}>
          {step.actions.map((action, index) => (
            <span key={index}>{describeAction(action, t, locale, groups.data)}</span>
          ))}
          {step.recipients.length > 0 && (
            <Typography.Text type="secondary" className="escalation__recipients">
              {t('escalation.recipients', {
                names: step.recipients
                  .map((id) => userName(users.data, id))
                  .join(locale === 'en' ? ', ' : '、'),
              })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('escalation.col.status'),
      width: 120,
      render: (_, step) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Tag color={STEP_COLORS[step.status]} data-status={step.status}>
              {t(`escalation.status.${step.status}`)}
            </Tag>
            {step.late && <Tag color="red">{t('escalation.late')}</Tag>}
          </Space>
          {step.firedAt && (
            <Typography.Text type="secondary" className="escalation__when">
              {t('escalation.firedAt', { time: formatDateTime(step.firedAt) })}
            </Typography.Text>
          )}
          {step.acknowledgedAt && (
            <Typography.Text type="secondary" className="escalation__when">
              {t('escalation.acknowledgedBy', {
                name: userName(users.data, step.acknowledgedBy),
                time: formatDateTime(step.acknowledgedAt),
              })}
            </Typography.Text>
          )}
          {mayAcknowledge(step) && (
            <Button
              size="small"
              type="primary"
              ghost
              loading={acknowledge.isPending && acknowledge.variables === step.id}
              onClick={() => acknowledge.mutate(step.id!)}
            >
              {t('escalation.acknowledge')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" className="page__stack">
      <Card
        id="sla-clocks"
        size="small"
        title={t('sla.title')}
        loading={sla.isPending}
        extra={data?.paused ? <Tag icon={<PauseCircleOutlined />}>{t('sla.paused')}</Tag> : null}
      >
        {data && data.clocks.length === 0 && <Alert type="warning" showIcon title={t('sla.noTargets')} />}
        <div className="sla-clocks">
          {data?.clocks.map((clock) => (
            <ClockCard key={clock.kind} clock={clock} />
          ))}
        </div>
      </Card>
      <Card
        id="escalation-schedule"
        size="small"
        title={t('escalation.title')}
        extra={
          data && (
            <Typography.Text type="secondary">
              {t(`escalation.track.${trackKey(data.track)}`)}
            </Typography.Text>
          )
        }
      >
        {data && data.escalations.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('escalation.none')} />
        ) : (
          <Table<EscalationStep>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={data?.escalations ?? []}
            loading={sla.isPending}
            pagination={false}
            scroll={{ x: 520 }}
            rowClassName={(step) => `escalation-row escalation-row--${step.status}`}
          />
        )}
      </Card>
    </Space>
  );
}

const STEP_COLORS: Record<EscalationStep['status'], string> = {
  pending: 'default',
  fired: 'volcano',
  acknowledged: 'green',
  stopped: 'default',
};

function trackKey(track: string): 'priority' | 'commercial' {
  return track === 'commercial' ? 'commercial' : 'priority';
}

function ClockCard({ clock }: { clock: SlaClock }) {
  const t = useT();
  const status = clock.metAt ? 'met' : clock.breached ? 'breached' : clock.paused ? 'paused' : 'running';
  const used = clock.targetMinutes > 0 ? 1 - clock.businessMinutesLeft / clock.targetMinutes : 1;
  const icon = {
    met: <CheckCircleOutlined />,
    breached: <WarningOutlined />,
    paused: <PauseCircleOutlined />,
    running: <ClockCircleOutlined />,
  }[status];
  return (
    <div className={`sla-clock sla-clock--${status}`} data-clock={clock.kind} data-status={status}>
      <div className="sla-clock__head">
        <span className="sla-clock__name">{t(`sla.clock.${clock.kind}`)}</span>
        <Tag color={CLOCK_COLORS[status]} icon={icon}>
          {t(`sla.status.${status}`)}
        </Tag>
      </div>
      <div className="sla-clock__left">
        {status === 'met'
          ? t('sla.metAt', { time: formatDateTime(clock.metAt!) })
          : status === 'breached'
            ? t('sla.overdueBy', { time: formatMinutes(-clock.businessMinutesLeft, t) })
            : t('sla.left', { time: formatMinutes(clock.businessMinutesLeft, t) })}
      </div>
      {status !== 'met' && (
        <Progress
          percent={Math.min(100, Math.max(0, Math.round(used * 100)))}
          showInfo={false}
          size="small"
          status={status === 'breached' ? 'exception' : 'normal'}
          strokeColor={status === 'breached' ? undefined : used > 0.8 ? '#fa8c16' : undefined}
        />
      )}
      <Typography.Text type="secondary" className="sla-clock__due">
        {t('sla.dueAt', { time: formatDateTime(clock.dueAt), target: formatMinutes(clock.targetMinutes, t) })}
      </Typography.Text>
    </div>
  );
}

const CLOCK_COLORS = { met: 'success', breached: 'error', paused: 'default', running: 'processing' } as const;
