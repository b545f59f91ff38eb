/**
 * The customer's side of an RMA on the portal's case page (seed 004: "TAC 工程师需要先填写备件申请表，
 * 并请客户确认"): a spare request waiting for the customer reads as a clear notice with the part and
 * the unit's serial and a "确认更换" button (optional note); afterwards, and for the case's other
 * RMAs, where the replacement stands in the customer's words. Only what the contact may see and do
 * (`abilities.steps`); the vendor's numbers stay out of it.
 */
import { CheckCircleOutlined, ToolOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { groupOfState, type RmaStateGroup } from '../rma-status.ts';
import { StepProblem } from './rma-form-errors.tsx';
import { useCaseRmas, useRmaStep, type Rma } from './rma.queries.ts';
import './rma.css';

/** Where the replacement stands, as the customer reads it. */
const PROGRESS: Record<RmaStateGroup, MessageKey> = {
  waiting_customer: 'rma.portal.progress.waiting_customer',
  waiting_part: 'rma.portal.progress.waiting_part',
  to_replace: 'rma.portal.progress.to_replace',
  faulty_return: 'rma.portal.progress.replaced',
  closed: 'rma.portal.progress.replaced',
  cancelled: 'rma.portal.progress.cancelled',
};

export function PortalRmaNotice({ caseId }: { caseId: number }) {
  const rmas = useCaseRmas(caseId);
  // The list is the customer's extra; a failure to read it leaves the rest of the page alone.
  const items = (rmas.data ?? []).filter((r) => r.state !== 'cancelled');
  if (items.length === 0) return null;
  return (
    <div className="portal-rma" id="portal-rma">
      {items.map((rma) =>
        rma.abilities.steps.includes('confirm') ? (
          <PendingRma key={rma.id} rma={rma} />
        ) : (
          <RmaProgress key={rma.id} rma={rma} />
        ),
      )}
    </div>
  );
}

function PendingRma({ rma }: { rma: Rma }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Alert
        type="warning"
        showIcon
        icon={<ToolOutlined />}
        className="portal-rma__notice"
        data-rma={rma.number}
        id={`portal-rma-pending-${rma.id}`}
        title={t('rma.portal.pendingTitle')}
        description={
          <Space orientation="vertical" size={4}>
            <span>
              {t('rma.portal.pendingDetail', {
                serial: rma.faultySerial,
                part: `${rma.part.partNumber} ${rma.part.name}`,
              })}
            </span>
            <Typography.Text type="secondary">
              {t('rma.portal.pendingNumber', { number: rma.number, time: formatDateTime(rma.createdAt) })}
            </Typography.Text>
          </Space>
        }
        action={
          <Button
            type="primary"
            id="portal-rma-confirm"
            icon={<CheckCircleOutlined />}
            onClick={() => setConfirming(true)}
          >
            {t('rma.portal.confirm')}
          </Button>
        }
      />
      {confirming && <ConfirmDialog rma={rma} onClose={() => setConfirming(false)} />}
    </>
  );
}

function ConfirmDialog({ rma, onClose }: { rma: Rma; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const confirm = useRmaStep(rma);
  const [problem, setProblem] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('rma.portal.confirmTitle')}
      okText={t('rma.portal.confirm')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'portal-rma-confirm-ok' }}
      confirmLoading={confirm.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ note }) => {
          setProblem(null);
          confirm.mutate(
            { step: 'confirm', body: { note: note?.trim() || null } },
            {
              onSuccess: () => {
                void message.success(t('rma.portal.confirmed'));
                onClose();
              },
              onError: setProblem,
            },
          );
        }}
      >
        <Typography.Paragraph>
          {t('rma.portal.confirmText', {
            serial: rma.faultySerial,
            part: `${rma.part.partNumber} ${rma.part.name}`,
          })}
        </Typography.Paragraph>
        <Form.Item name="note" label={t('rma.portal.note')}>
          <Input.TextArea
            id="portal-rma-note"
            autoSize={{ minRows: 2 }}
            maxLength={1000}
            placeholder={t('rma.portal.notePlaceholder')}
          />
        </Form.Item>
        <StepProblem error={problem} conflict={['rma.portal.conflictTitle', 'rma.portal.conflictDetail']} />
      </Form>
    </Modal>
  );
}

function RmaProgress({ rma }: { rma: Rma }) {
  const t = useT();
  const group = groupOfState(rma.state);
  return (
    <Alert
      type={group === 'closed' || group === 'faulty_return' ? 'success' : 'info'}
      showIcon
      className="portal-rma__notice"
      data-rma={rma.number}
      data-state={rma.state}
      id={`portal-rma-${rma.id}`}
      title={t('rma.portal.progressTitle', {
        number: rma.number,
        part: `${rma.part.partNumber} ${rma.part.name}`,
      })}
      description={
        <Space orientation="vertical" size={0}>
          <span className="portal-rma__state">{t(PROGRESS[group])}</span>
          {rma.confirmedAt && (
            <Typography.Text type="secondary">
              {t('rma.portal.confirmedAt', {
                time: formatDateTime(rma.confirmedAt),
                who: rma.confirmedBy ?? '—',
              })}
            </Typography.Text>
          )}
        </Space>
      }
    />
  );
}
