/**
 * The case timeline, oldest first, with internal entries on a tinted background and a 内部 tag.
 */
import {
  AlertOutlined,
  ApiOutlined,
  EditOutlined,
  FileOutlined,
  LinkOutlined,
  LockOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  SwapOutlined,
  ToolOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { type ReactNode } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import type { CaseState, Channel } from '../case-status.ts';
import { formatDateTime, formatMinutes, stateLabel } from './case-display.tsx';
import { describeAction, userName } from './case-sla-panel.tsx';
import {
  useCaseEntries,
  useStaffUsers,
  useSupportGroups,
  type CaseEntry,
  type EscalationStep,
  type SupportGroup,
  type User,
} from './cases.queries.ts';

/** The entry's `data` as the server writes it per kind (case-timeline.ts callers); all optional. */
interface EntryData {
  from?: CaseState | { assigneeId: number | null; groupId: number | null };
  to?: CaseState | { assigneeId: number | null; groupId: number | null };
  reopen?: boolean;
  byCustomerReply?: boolean;
  priority?: number | { from: number; to: number };
  diagnosis?: boolean;
  direction?: 'inbound' | 'outbound';
  durationSeconds?: number;
  accepted?: boolean;
  transfer?: boolean;
  assigneeId?: number | null;
  groupId?: number | null;
  channel?: Channel;
  entitlement?: { covered: boolean; reason: string; contract: string | null };
  elapsedMinutes?: number;
  late?: boolean;
  actions?: EscalationStep['actions'];
  recipients?: number[];
  vendor?: string;
  vendorCaseNumber?: string | null;
  status?: string;
  number?: string;
  kind?: string;
  attachments?: { id: number; fileName: string; size: number }[];
  /** A faxed request's pages: where and when the fax came from. */
  fax?: { number: string | null; receivedAt: string | null };
  /** RMA entries (rma module): the RMA number, the step and its facts. */
  rma?: string;
  step?: string;
  source?: 'branch_stock' | 'vendor';
  warehouse?: string;
  serial?: string | null;
  faultySerial?: string;
  vendorRmaNumber?: string;
  route?: 'direct' | 'via_hq';
  returnDueAt?: string;
  oldSerial?: string;
  newSerial?: string;
  waybill?: string;
}

interface Lookups {
  users: readonly User[] | undefined;
  groups: readonly SupportGroup[] | undefined;
  /** The customer portal: no contract or visibility details, which are the service centre's business. */
  customer?: boolean;
}

function groupName(
  groups: readonly SupportGroup[] | undefined,
  id: number | null | undefined,
  locale: string,
) {
  if (id === null || id === undefined) return null;
  const group = groups?.find((g) => g.id === id);
  return group ? (locale === 'en' && group.nameEn ? group.nameEn : group.name) : `#${id}`;
}

/** What happened, in one line, for the entries the system writes. */
function summarize(entry: CaseEntry, t: Translate, locale: 'zh-CN' | 'en', lookups: Lookups): ReactNode {
  const data = (entry.data ?? {}) as EntryData;
  const target = (who: { assigneeId: number | null; groupId: number | null } | undefined) => {
    if (!who) return '—';
    const parts = [
      who.assigneeId ? userName(lookups.users, who.assigneeId) : null,
      groupName(lookups.groups, who.groupId, locale),
    ].filter(Boolean);
    return parts.length ? parts.join(' / ') : t('cases.unassigned');
  };
  switch (entry.kind) {
    case 'opened': {
      const entitlement = data.entitlement;
      return (
        <>
          {t('timeline.opened', {
            channel: data.channel ? t(`channel.${data.channel}`) : '—',
            priority: `P${typeof data.priority === 'number' ? data.priority : '?'}`,
          })}
          {entitlement && !lookups.customer && (
            <Tag color={entitlement.covered ? 'green' : 'orange'} className="timeline__inline-tag">
              {entitlement.covered
                ? t('timeline.covered', { contract: entitlement.contract ?? '—' })
                : t('entitlement.notCovered')}
            </Tag>
          )}
        </>
      );
    }
    case 'state_change':
      if (data.priority && typeof data.priority === 'object')
        return t('timeline.priorityChanged', { from: `P${data.priority.from}`, to: `P${data.priority.to}` });
      if (typeof data.from === 'string' && typeof data.to === 'string')
        return t(
          data.reopen
            ? 'timeline.reopened'
            : data.byCustomerReply
              ? 'timeline.stateByCustomer'
              : 'timeline.stateChanged',
          {
            from: stateLabel(data.from, locale),
            to: stateLabel(data.to, locale),
          },
        );
      return t('timeline.kind.state_change');
    case 'assignment':
      if (data.accepted) return t('timeline.accepted');
      if (data.to && typeof data.to === 'object')
        return t(data.transfer ? 'timeline.transferred' : 'timeline.assigned', {
          from: target(typeof data.from === 'object' ? data.from : undefined),
          to: target(data.to),
        });
      return t('timeline.assigned', {
        from: '—',
        to: target({ assigneeId: data.assigneeId ?? null, groupId: data.groupId ?? null }),
      });
    case 'escalation':
      return (
        <>
          {t('timeline.escalated', { elapsed: formatMinutes(data.elapsedMinutes ?? 0, t) })}
          {data.late && (
            <Tag color="red" className="timeline__inline-tag">
              {t('escalation.late')}
            </Tag>
          )}
          <div>
            {(data.actions ?? []).map((action, index) => (
              <div key={index}>{describeAction(action, t, locale, lookups.groups)}</div>
            ))}
          </div>
          {data.recipients && data.recipients.length > 0 && (
            <Typography.Text type="secondary">
              {t('escalation.recipients', {
                names: data.recipients
                  .map((id) => userName(lookups.users, id))
                  .join(locale === 'en' ? ', ' : '、'),
              })}
            </Typography.Text>
          )}
        </>
      );
    case 'vendor_update':
      return t('timeline.vendor', {
        vendor: data.vendor ?? '—',
        number: data.vendorCaseNumber ?? '—',
        status: data.status ? t(`vendorCase.status.${data.status as 'requested' | 'open' | 'closed'}`) : '—',
      });
    case 'link':
      return t('timeline.linked', { number: data.number ?? '—' });
    case 'merge':
      return t('timeline.merged', { number: data.number ?? '—' });
    case 'attachment': {
      const files = (data.attachments ?? []).map((a) => a.fileName).join(locale === 'en' ? ', ' : '、');
      if (!data.fax) return t('timeline.attached', { files });
      return t('timeline.faxReceived', {
        files,
        number: data.fax.number ?? '—',
        at: data.fax.receivedAt ? formatDateTime(data.fax.receivedAt) : '—',
      });
    }
    case 'rma':
      return summarizeRma(data, t);
    case 'call':
      return t(data.direction === 'outbound' ? 'timeline.callOutbound' : 'timeline.callInbound', {
        duration: formatMinutes((data.durationSeconds ?? 0) / 60, t),
      });
    default:
      return null;
  }
}

/** One line per RMA step (src/modules/rma: the step names are the rma-status.ts steps). */
function summarizeRma(data: EntryData, t: Translate): ReactNode {
  const rma = data.rma ?? 'RMA';
  const due = data.returnDueAt ? formatDateTime(data.returnDueAt) : '—';
  switch (data.step) {
    case 'request':
      return t('timeline.rma.request', { rma, serial: data.faultySerial ?? '—' });
    case 'confirm':
      return t('timeline.rma.confirm', { rma });
    case 'fulfil':
      return data.source === 'branch_stock'
        ? t('timeline.rma.fulfilStock', { rma, warehouse: data.warehouse ?? '—', serial: data.serial ?? '—' })
        : t('timeline.rma.fulfilVendor', { rma, warehouse: data.warehouse ?? '—' });
    case 'open_vendor_rma':
      return t('timeline.rma.vendorRma', {
        rma,
        number: data.vendorRmaNumber ?? '—',
        route: t(`timeline.rma.route.${data.route ?? 'via_hq'}`),
      });
    case 'receive_part':
      return t('timeline.rma.receivePart', { rma, serial: data.serial ?? '—', due });
    case 'replace':
      return t('timeline.rma.replace', { rma, from: data.oldSerial ?? '—', to: data.newSerial ?? '—' });
    case 'receive_faulty':
      return t('timeline.rma.receiveFaulty', { rma, serial: data.serial ?? '—' });
    case 'return_to_vendor':
      return t(data.late ? 'timeline.rma.returnedLate' : 'timeline.rma.returned', {
        rma,
        waybill: data.waybill ?? '—',
      });
    case 'cancel':
      return t('timeline.rma.cancel', { rma });
    case 'return_due_soon':
      return t('timeline.rma.dueSoon', { rma, due });
    case 'return_overdue':
      return t('timeline.rma.overdue', { rma, due });
    default:
      return rma;
  }
}

const KIND_ICONS: Record<string, ReactNode> = {
  reply: <MessageOutlined />,
  note: <EditOutlined />,
  call: <PhoneOutlined />,
  state_change: <SwapOutlined />,
  assignment: <UserSwitchOutlined />,
  escalation: <AlertOutlined />,
  vendor_update: <ApiOutlined />,
  link: <LinkOutlined />,
  merge: <LinkOutlined />,
  attachment: <FileOutlined />,
  opened: <PlusCircleOutlined />,
  rma: <ToolOutlined />,
};

const KNOWN_KINDS = Object.keys(KIND_ICONS);

/** `audience="customer"`: the portal's view (public entries only come from the server anyway). */
export function CaseTimeline({
  caseId,
  audience = 'staff',
}: {
  caseId: number;
  audience?: 'staff' | 'customer';
}) {
  const t = useT();
  const { locale } = useLocale();
  const entries = useCaseEntries(caseId);
  const customer = audience === 'customer';
  const users = useStaffUsers(!customer);
  const groups = useSupportGroups(!customer);
  const lookups = { users: users.data, groups: groups.data, customer };

  if (entries.isError) return <ErrorAlert error={entries.error} />;
  if (entries.data?.length === 0) return <Empty description={t('timeline.empty')} />;

  return (
    <div id="case-timeline">
      <Timeline
        className="case-timeline"
        items={(entries.data ?? []).map((entry) => {
          const internal = entry.visibility === 'internal';
          const data = (entry.data ?? {}) as EntryData;
          const kind = KNOWN_KINDS.includes(entry.kind) ? entry.kind : 'note';
          return {
            key: entry.id,
            color: entry.kind === 'escalation' ? 'red' : internal ? 'gray' : 'blue',
            icon: KIND_ICONS[kind],
            content: (
              <div
                className={`timeline-entry timeline-entry--${entry.kind}${internal ? ' timeline-entry--internal' : ''}`}
                data-kind={entry.kind}
                data-visibility={entry.visibility}
              >
                <div className="timeline-entry__meta">
                  <strong className="timeline-entry__kind">{t(`timeline.kind.${kind as 'note'}`)}</strong>
                  {data.diagnosis && <Tag color="green">{t('timeline.diagnosis')}</Tag>}
                  {internal ? (
                    <Tag icon={<LockOutlined />} color="gold" className="timeline-entry__internal-tag">
                      {t('timeline.internal')}
                    </Tag>
                  ) : (
                    !customer && (
                      <Tag color="blue" variant="outlined">
                        {t('timeline.public')}
                      </Tag>
                    )
                  )}
                  <span className="timeline-entry__author">
                    {entry.author.kind === 'system' ? t('timeline.system') : entry.author.label}
                    {entry.author.kind === 'contact' && ` · ${t('timeline.customer')}`}
                    {customer && entry.author.kind === 'staff' && ` · ${t('timeline.serviceCentre')}`}
                  </span>
                  <time className="timeline-entry__time" dateTime={entry.createdAt}>
                    {formatDateTime(entry.createdAt)}
                  </time>
                </div>
                {summarize(entry, t, locale, lookups) && (
                  <div className="timeline-entry__summary">{summarize(entry, t, locale, lookups)}</div>
                )}
                {entry.body && <div className="timeline-entry__body">{entry.body}</div>}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
