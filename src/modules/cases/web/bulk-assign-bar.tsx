/**
 * Bulk assignment on the case queue: with rows ticked, a toolbar offers "分派给…"; the dialog picks
 * an engineer from the staff directory and assigns every ticked case (each checked by the server
 * on its own), then the bar says how many were assigned and why the others were not.
 */
import { isErrorCode } from '../../../web/api/error-codes.ts';
import { errorMessageKey } from '../../../web/api/error-message.ts';
import { UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { useStaffUsers, type CaseListItem } from './cases.queries.ts';
import { useBulkAssignMutation, type BulkAssignResult } from './queue-tools.queries.ts';

interface Outcome {
  result: BulkAssignResult;
  /** Case numbers by id, as the rows showed them when they were sent. */
  numbers: Map<number, string>;
}

export function BulkAssignBar({
  selected,
  onClear,
  onAssigned,
}: {
  selected: CaseListItem[];
  onClear: () => void;
  /** The request was answered (the outcome stays on the bar); the ids the server assigned. */
  onAssigned: (ids: number[]) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (selected.length === 0 && !outcome) return null;
  return (
    <div className="bulk-assign" id="bulk-assign-bar" role="region" aria-label={t('queueTools.bulk.assign')}>
      {selected.length > 0 && (
        <Space wrap className="bulk-assign__toolbar">
          <Typography.Text strong id="bulk-assign-count">
            {t('queueTools.bulk.selected', { count: selected.length })}
          </Typography.Text>
          <Button
            id="bulk-assign-button"
            type="primary"
            icon={<UserSwitchOutlined />}
            onClick={() => {
              setOutcome(null);
              setOpen(true);
            }}
          >
            {t('queueTools.bulk.assign')}
          </Button>
          <Button onClick={onClear}>{t('queueTools.bulk.clear')}</Button>
        </Space>
      )}
      {outcome && <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      {open && (
        <BulkAssignDialog
          cases={selected}
          onClose={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            setOutcome({ result, numbers: new Map(selected.map((c) => [c.id, c.number])) });
            onAssigned(result.items.filter((i) => i.ok).map((i) => i.id));
          }}
        />
      )}
    </div>
  );
}

function OutcomeAlert({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const t = useT();
  const ok = outcome.result.items.filter((i) => i.ok).length;
  const failed = outcome.result.items.filter((i) => !i.ok);
  // In the reader's language: the common refusals in words of their own, any other by its code's
  // message (the server's detail is English).
  const reason = (error: { code: string; message: string } | undefined) => {
    const code = error?.code ?? 'internal';
    if (['conflict', 'forbidden', 'not_found'].includes(code))
      return t(`queueTools.bulk.reason.${code}` as MessageKey);
    return t('queueTools.bulk.reason.other', {
      message: t(errorMessageKey(isErrorCode(code) ? code : 'internal')),
    });
  };
  return (
    <Alert
      id="bulk-assign-outcome"
      className="bulk-assign__outcome"
      showIcon
      closable
      onClose={onClose}
      type={failed.length === 0 ? 'success' : ok === 0 ? 'error' : 'warning'}
      title={
        failed.length === 0
          ? t('queueTools.bulk.allDone', { count: ok })
          : ok === 0
            ? t('queueTools.bulk.noneDone', { failed: failed.length })
            : t('queueTools.bulk.partial', { ok, failed: failed.length })
      }
      description={
        failed.length > 0 && (
          <ul className="bulk-assign__failures">
            {failed.map((item) => (
              <li key={item.id}>
                {t('queueTools.bulk.failure', {
                  number: outcome.numbers.get(item.id) ?? `#${item.id}`,
                  reason: reason(item.error),
                })}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

function BulkAssignDialog({
  cases,
  onClose,
  onDone,
}: {
  cases: CaseListItem[];
  onClose: () => void;
  onDone: (result: BulkAssignResult) => void;
}) {
  const t = useT();
  const staff = useStaffUsers();
  const assign = useBulkAssignMutation();
  const [form] = Form.useForm<{ assigneeId: number; reason?: string }>();
  const [fieldErrorsShown, setFieldErrorsShown] = useState(false);
  return (
    <Modal
      open
      title={t('queueTools.bulk.title', { count: cases.length })}
      okText={t('queueTools.bulk.submit')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'bulk-assign-submit' }}
      confirmLoading={assign.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ assigneeId, reason }) => {
          setFieldErrorsShown(false);
          assign.mutate(
            { caseIds: cases.map((c) => c.id), assigneeId, reason: reason?.trim() || undefined },
            {
              onSuccess: onDone,
              onError: (error) =>
                setFieldErrorsShown(showFieldErrors(form, error, t, ['assigneeId', 'reason'])),
            },
          );
        }}
      >
        <Form.Item
          name="assigneeId"
          label={t('queueTools.bulk.engineer')}
          rules={[{ required: true, message: t('queueTools.bulk.engineerRequired') }]}
        >
          <Select
            id="bulk-assign-engineer"
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isPending}
            placeholder={t('queueTools.bulk.engineerPlaceholder')}
            autoFocus
            options={(staff.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName} (${u.username})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('queueTools.bulk.reason')}>
          <Input.TextArea id="bulk-assign-reason" autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      </Form>
      {assign.isError && !fieldErrorsShown && <ErrorAlert error={assign.error} id="bulk-assign-error" />}
    </Modal>
  );
}
