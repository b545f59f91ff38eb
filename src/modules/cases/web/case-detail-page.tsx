/**
 * One case for the engineer: header (number, title, priority, state, customer, owner, hold),
 * actions the server allows (abilities), SLA clocks and escalation schedule, the timeline with
 * the composer, vendor cases and attachments. Every action refetches the case afterwards.
 */
import {
  ArrowLeftOutlined,
  CheckOutlined,
  DownloadOutlined,
  ExperimentOutlined,
  FlagOutlined,
  LockOutlined,
  PlusOutlined,
  UploadOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type DescriptionsProps,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { api } from '../../../web/api/client.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { useCsrfToken, useMe } from '../../../web/app/current-session.ts';
import { useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { PRIORITIES, PRIORITY_INFO, STATE_INFO, type CaseState } from '../case-status.ts';
import { formatBytes, formatDateTime, PriorityTag, StateTag } from './case-display.tsx';
import { CaseSlaPanel } from './case-sla-panel.tsx';
import { CaseComposer, CaseTimeline } from './case-timeline.tsx';
import {
  uploadAttachments,
  useCase,
  useCaseAction,
  useCaseAttachments,
  useContacts,
  useSites,
  useStaffUsers,
  useSupportGroups,
  useVendorCases,
  type CaseDetail,
} from './cases.queries.ts';
import './cases.css';

type Dialog =
  | { kind: 'transition'; to: CaseState }
  | { kind: 'assign' }
  | { kind: 'priority' }
  | { kind: 'diagnosis' }
  | { kind: 'vendorCase' };

export function CaseDetailPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[2]);
  const kase = useCase(id);

  if (kase.isPending) return <PageLoading />;
  if (kase.isError) {
    return isApiError(kase.error, 'not_found') ? (
      <Result
        status="404"
        title={t('caseDetail.notFound')}
        extra={<AppLink href="/cases">{t('caseDetail.backToQueue')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={kase.error} />
    );
  }
  return <CaseDetail kase={kase.data} />;
}

function CaseDetail({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const open = STATE_INFO[kase.state].open;
  // No ability flags for these yet: the server lets staff who may write notes do them on open cases.
  const mayWork = kase.abilities.note && open;

  const transition = useCaseAction(kase.id, (body: { to: CaseState; reason?: string }) =>
    api.post(`/api/cases/${kase.id}/transitions`, body),
  );
  const accept = useCaseAction(kase.id, () => api.post(`/api/cases/${kase.id}/accept`));

  const transitionLabel = (to: CaseState) =>
    to === 'in_progress' && !open ? t('caseAction.reopen') : t(`caseAction.to.${to}`);

  return (
    <div className="page page--wide case-detail">
      <AppLink href="/cases" className="case-detail__back">
        <ArrowLeftOutlined /> {t('caseDetail.backToQueue')}
      </AppLink>
      <CaseHeader kase={kase} />
      <Card size="small" className="case-actions" id="case-actions">
        <Space wrap>
          {kase.abilities.transitions.map(({ to, needsReason }) => (
            <Button
              key={to}
              id={`transition-${to}`}
              type={to === 'resolved' || (to === 'in_progress' && open) ? 'primary' : 'default'}
              danger={to === 'cancelled'}
              loading={transition.isPending && transition.variables?.to === to}
              onClick={() =>
                needsReason ? setDialog({ kind: 'transition', to }) : transition.mutate({ to })
              }
            >
              {transitionLabel(to)}
            </Button>
          ))}
          {kase.abilities.accept && (
            <Button
              id="accept-case"
              icon={<CheckOutlined />}
              loading={accept.isPending}
              onClick={() => accept.mutate(undefined)}
            >
              {t('caseAction.accept')}
            </Button>
          )}
          {kase.abilities.assign && (
            <Button
              id="assign-case"
              icon={<UserSwitchOutlined />}
              onClick={() => setDialog({ kind: 'assign' })}
            >
              {kase.assignee || kase.group ? t('caseAction.transfer') : t('caseAction.assign')}
            </Button>
          )}
          {mayWork && (
            <Button
              id="record-diagnosis"
              icon={<ExperimentOutlined />}
              onClick={() => setDialog({ kind: 'diagnosis' })}
            >
              {t('caseAction.diagnosis')}
            </Button>
          )}
          {mayWork && (
            <Button
              id="change-priority"
              icon={<FlagOutlined />}
              onClick={() => setDialog({ kind: 'priority' })}
            >
              {t('caseAction.priority')}
            </Button>
          )}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <Card size="small" title={t('caseDetail.description')}>
              <div className="case-detail__description">{kase.description}</div>
            </Card>
            <CaseComposer kase={kase} />
            <Card size="small" title={t('timeline.title')}>
              <CaseTimeline caseId={kase.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <CaseSlaPanel caseId={kase.id} me={me} />
            <VendorCasesCard kase={kase} onAdd={() => setDialog({ kind: 'vendorCase' })} />
            <AttachmentsCard kase={kase} />
          </Space>
        </Col>
      </Row>
      {dialog?.kind === 'transition' && (
        <ReasonDialog
          title={transitionLabel(dialog.to)}
          label={t('caseAction.reason')}
          required
          onClose={close}
          submit={(reason) => transition.mutateAsync({ to: dialog.to, reason })}
        />
      )}
      {dialog?.kind === 'diagnosis' && <DiagnosisDialog kase={kase} onClose={close} />}
      {dialog?.kind === 'priority' && <PriorityDialog kase={kase} onClose={close} />}
      {dialog?.kind === 'assign' && <AssignDialog kase={kase} onClose={close} />}
      {dialog?.kind === 'vendorCase' && <VendorCaseDialog kase={kase} onClose={close} />}
    </div>
  );
}

function CaseHeader({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const sites = useSites(kase.organisation.id);
  const contacts = useContacts(kase.organisation.id);
  const site = sites.data?.find((s) => s.id === kase.siteId);
  const contact = contacts.data?.find((c) => c.id === kase.contact?.id);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: t('caseDetail.customer'), children: kase.organisation.name },
    { key: 'site', label: t('caseDetail.site'), children: site?.name ?? none },
    {
      key: 'contact',
      label: t('caseDetail.contact'),
      children: kase.contact
        ? [kase.contact.name, contact?.mobile ?? contact?.phone].filter(Boolean).join(' · ')
        : none,
    },
    {
      key: 'owner',
      label: t('caseDetail.owner'),
      children: kase.owner ? (
        <span>
          {kase.owner.name} {!kase.ownerAccepted && <Tag>{t('caseDetail.notAccepted')}</Tag>}
        </span>
      ) : (
        none
      ),
    },
    {
      key: 'assignee',
      label: t('caseDetail.assignee'),
      children: [kase.assignee?.name, kase.group?.name].filter(Boolean).join(' / ') || (
        <Typography.Text type="warning">{t('cases.unassigned')}</Typography.Text>
      ),
    },
    { key: 'channel', label: t('caseDetail.channel'), children: t(`channel.${kase.channel}`) },
    { key: 'serial', label: t('caseDetail.serial'), children: kase.assetSerial ?? none },
    { key: 'opened', label: t('caseDetail.openedAt'), children: formatDateTime(kase.openedAt) },
  ];

  return (
    <header className="case-header">
      <div className="case-header__line">
        <Typography.Text copyable className="case-header__number" id="case-number">
          {kase.number}
        </Typography.Text>
        <PriorityTag priority={kase.priority} long />
        <StateTag state={kase.state} />
        {kase.commercialHold && (
          <Tag color="warning" icon={<LockOutlined />} id="commercial-hold-tag">
            {t('cases.commercialHold')}
          </Tag>
        )}
      </div>
      <Typography.Title level={2} className="page__title case-header__title">
        {kase.title}
      </Typography.Title>
      {kase.commercialHold && (
        <Alert type="warning" showIcon title={t('caseDetail.holdExplained')} className="case-header__hold" />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={items}
        className="case-header__facts"
        title={undefined}
        key={locale}
      />
    </header>
  );
}

function ReasonDialog({
  title,
  label,
  required,
  onClose,
  submit,
}: {
  title: string;
  label: string;
  required: boolean;
  onClose: () => void;
  submit: (reason: string | undefined) => Promise<unknown>;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const [pending, setPending] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      confirmLoading={pending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          setPending(true);
          try {
            await submit(reason?.trim() || undefined);
            onClose();
          } catch {
            // Reported by the query client's toast; the dialog stays open for another try.
          } finally {
            setPending(false);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={label}
          rules={
            required ? [{ required: true, whitespace: true, message: t('caseAction.reasonRequired') }] : []
          }
        >
          <Input.TextArea id="reason-input" autoSize={{ minRows: 3 }} maxLength={2000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DiagnosisDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
  const t = useT();
  const diagnose = useCaseAction(kase.id, (summary: string) =>
    api.post(`/api/cases/${kase.id}/diagnosis`, { summary }),
  );
  return (
    <ReasonDialog
      title={t('caseAction.diagnosis')}
      label={t('caseAction.diagnosisSummary')}
      required
      onClose={onClose}
      submit={(summary) => diagnose.mutateAsync(summary ?? '')}
    />
  );
}

function PriorityDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ priority: number; reason: string }>();
  const change = useCaseAction(
    kase.id,
    (body: { priority: number; reason: string }) => api.post(`/api/cases/${kase.id}/priority`, body),
    { handlesErrors: true },
  );
  return (
    <Modal
      open
      title={t('caseAction.priority')}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      confirmLoading={change.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ priority: kase.priority }}
        onFinish={(fields) => change.mutate(fields, { onSuccess: onClose })}
      >
        <Form.Item name="priority" label={t('newCase.priority')}>
          <Radio.Group className="priority-picker priority-picker--compact">
            {PRIORITIES.map((p) => (
              <Radio key={p} value={p} className="priority-picker__option">
                <span className="priority-picker__head">
                  <PriorityTag priority={p} /> <strong>{PRIORITY_INFO[p].label[locale]}</strong>
                </span>
                <span className="priority-picker__definition">{PRIORITY_INFO[p].definition[locale]}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('caseAction.reason')}
          rules={[{ required: true, whitespace: true, message: t('caseAction.reasonRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        {change.isError && <ErrorAlert error={change.error} />}
      </Form>
    </Modal>
  );
}

function AssignDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const staff = useStaffUsers();
  const groups = useSupportGroups();
  const [form] = Form.useForm<{ assigneeId?: number; groupId?: number; reason?: string }>();
  const groupId = Form.useWatch('groupId', form);
  const assign = useCaseAction(
    kase.id,
    (body: { assigneeId: number | null; groupId: number | null; reason?: string }) =>
      api.post(`/api/cases/${kase.id}/assign`, body),
    { handlesErrors: true },
  );
  const group = groups.data?.find((g) => g.id === groupId);
  return (
    <Modal
      open
      title={kase.assignee || kase.group ? t('caseAction.transfer') : t('caseAction.assign')}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      confirmLoading={assign.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ assigneeId: kase.assignee?.id, groupId: kase.group?.id }}
        onFinish={(fields) =>
          assign.mutate(
            {
              assigneeId: fields.assigneeId ?? null,
              groupId: fields.groupId ?? null,
              reason: fields.reason?.trim() || undefined,
            },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="groupId" label={t('newCase.group')}>
          <Select
            allowClear
            options={(groups.data ?? []).map((g) => ({
              value: g.id,
              label: locale === 'en' && g.nameEn ? g.nameEn : g.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="assigneeId"
          label={t('newCase.assignee')}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (!value && !getFieldValue('groupId')) throw new Error(t('caseAction.assignRequired'));
              },
            }),
          ]}
          dependencies={['groupId']}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(staff.data ?? [])
              // With a group picked, its members come first.
              .toSorted(
                (a, b) => Number(group?.memberIds.includes(b.id)) - Number(group?.memberIds.includes(a.id)),
              )
              .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('caseAction.reasonOptional')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        {assign.isError && <ErrorAlert error={assign.error} />}
      </Form>
    </Modal>
  );
}

function VendorCaseDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{
    vendor: string;
    vendorCaseNumber?: string;
    status: string;
    notes?: string;
  }>();
  const add = useCaseAction(
    kase.id,
    (body: { vendor: string; vendorCaseNumber?: string; status: string; notes?: string }) =>
      api.post(`/api/cases/${kase.id}/vendor-cases`, body),
    { handlesErrors: true },
  );
  return (
    <Modal
      open
      title={t('vendorCase.add')}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: 'open' }}
        onFinish={(fields) =>
          add.mutate(
            {
              ...fields,
              vendorCaseNumber: fields.vendorCaseNumber?.trim() || undefined,
              notes: fields.notes || undefined,
            },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item
          name="vendor"
          label={t('vendorCase.vendor')}
          rules={[{ required: true, whitespace: true, message: t('vendorCase.vendorRequired') }]}
        >
          <Input maxLength={100} placeholder="Cisco / Huawei / H3C …" />
        </Form.Item>
        <Form.Item name="vendorCaseNumber" label={t('vendorCase.number')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="status" label={t('vendorCase.statusLabel')}>
          <Radio.Group
            optionType="button"
            options={(['requested', 'open', 'closed'] as const).map((s) => ({
              value: s,
              label: t(`vendorCase.status.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('vendorCase.notes')} extra={t('vendorCase.notesHint')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
        {add.isError && <ErrorAlert error={add.error} />}
      </Form>
    </Modal>
  );
}

function VendorCasesCard({ kase, onAdd }: { kase: CaseDetail; onAdd: () => void }) {
  const t = useT();
  const vendorCases = useVendorCases(kase.id);
  return (
    <Card
      size="small"
      title={t('vendorCase.title')}
      id="vendor-cases"
      extra={
        kase.abilities.manageVendorCases && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            {t('vendorCase.add')}
          </Button>
        )
      }
    >
      {vendorCases.isError ? (
        <ErrorAlert error={vendorCases.error} />
      ) : (
        <List
          size="small"
          loading={vendorCases.isPending}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vendorCase.none')} />,
          }}
          dataSource={vendorCases.data ?? []}
          renderItem={(v) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <strong>{v.vendor}</strong>
                    <span>{v.vendorCaseNumber ?? t('vendorCase.noNumber')}</span>
                    <Tag color={v.status === 'closed' ? 'default' : v.status === 'open' ? 'blue' : 'gold'}>
                      {t(`vendorCase.status.${v.status}`)}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    {formatDateTime(v.openedAt)}
                    {v.notes && <div className="vendor-case__notes">{v.notes}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function AttachmentsCard({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const csrfToken = useCsrfToken();
  const attachments = useCaseAttachments(kase.id);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [visibility, setVisibility] = useState<'public' | 'internal'>('internal');
  const upload = useCaseAction(
    kase.id,
    (selected: File[]) => uploadAttachments(kase.id, selected, visibility, csrfToken),
    { handlesErrors: true },
  );
  const mayUpload = kase.state !== 'cancelled' && kase.mergedIntoId === null && kase.abilities.reply;

  return (
    <Card size="small" title={t('attachments.title')} id="case-attachments">
      <List
        size="small"
        loading={attachments.isPending}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} />,
        }}
        dataSource={attachments.data ?? []}
        renderItem={(a) => (
          <List.Item
            className={a.visibility === 'internal' ? 'attachment attachment--internal' : 'attachment'}
            actions={[
              <a
                key="download"
                href={`/api/attachments/${a.id}/download`}
                aria-label={t('attachments.download')}
              >
                <DownloadOutlined />
              </a>,
            ]}
          >
            <Space wrap size={4}>
              <a href={`/api/attachments/${a.id}/download`}>{a.fileName}</a>
              <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
              {a.visibility === 'internal' && (
                <Tag color="gold" icon={<LockOutlined />}>
                  {t('timeline.internal')}
                </Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
      {mayUpload && (
        <div className="attachments__upload">
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              setFiles((current) => [...current, file]);
              return false;
            }}
            onRemove={(file) => setFiles((current) => current.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<UploadOutlined />}>{t('attachments.choose')}</Button>
          </Upload>
          {files.length > 0 && (
            <Space wrap className="attachments__send">
              <Radio.Group
                size="small"
                optionType="button"
                value={visibility}
                onChange={(event) => setVisibility(event.target.value as 'public' | 'internal')}
                options={[
                  { value: 'internal', label: t('timeline.internal') },
                  { value: 'public', label: t('timeline.public') },
                ]}
              />
              <Button
                type="primary"
                size="small"
                loading={upload.isPending}
                onClick={() =>
                  upload.mutate(
                    files.map((f) => f as unknown as File),
                    { onSuccess: () => setFiles([]) },
                  )
                }
              >
                {t('attachments.upload', { count: files.length })}
              </Button>
            </Space>
          )}
          {upload.isError && <ErrorAlert error={upload.error} />}
        </div>
      )}
    </Card>
  );
}
