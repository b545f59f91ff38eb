/** The dialogs of the case page's actions: reason, diagnosis, priority, assignment, vendor case. */
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../../web/api/client.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { PRIORITIES, PRIORITY_INFO } from '../case-status.ts';
import { PriorityTag } from './case-display.tsx';
import { useCaseAction, useStaffUsers, useSupportGroups, type CaseDetail } from './cases.queries.ts';

export function ReasonDialog({
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

export function DiagnosisDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
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

export function PriorityDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
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

export function AssignDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
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

export function VendorCaseDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
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
