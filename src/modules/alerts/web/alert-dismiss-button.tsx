/**
 * Dismissing an unmatched alert that needs no case: the reason is asked for (one of the usual ones
 * with a click, or written out) and kept on the alert; nothing is opened.
 */
import { App, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { DISMISS_REASON_MAX } from '../alert-rules.ts';
import { useAlertAction } from './alerts.queries.ts';

/** The reasons people give most, offered as one click each. */
const USUAL_REASONS: MessageKey[] = [
  'alerts.dismiss.reason.test',
  'alerts.dismiss.reason.falseAlarm',
  'alerts.dismiss.reason.otherCase',
];

export function DismissAlertButton({ alertId, disabled }: { alertId: number; disabled?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const action = useAlertAction();
  const [error, setError] = useState<unknown>(null);
  const reason = Form.useWatch('reason', form);

  const submit = ({ reason }: { reason: string }) => {
    setError(null);
    action.mutate(
      { id: alertId, action: 'dismiss', body: { reason: reason.trim() } },
      {
        onSuccess: () => {
          setOpen(false);
          void message.success(t('alerts.drawer.dismissed'));
        },
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['reason'])) setError(e);
        },
      },
    );
  };

  return (
    <>
      <Button id="alert-dismiss" disabled={disabled} onClick={() => setOpen(true)}>
        {t('alerts.drawer.dismiss')}
      </Button>
      <Modal
        open={open}
        title={t('alerts.dismiss.title')}
        okText={t('alerts.drawer.dismiss')}
        okButtonProps={{ id: 'alert-dismiss-submit' }}
        cancelText={t('dialog.cancel')}
        confirmLoading={action.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item label={t('alerts.dismiss.usual')}>
            <Space size={[4, 8]} wrap id="alert-dismiss-usual">
              {USUAL_REASONS.map((key) => (
                <Tag.CheckableTag
                  key={key}
                  checked={reason === t(key)}
                  onChange={() => form.setFieldValue('reason', t(key))}
                >
                  {t(key)}
                </Tag.CheckableTag>
              ))}
            </Space>
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('alerts.dismiss.reason')}
            extra={t('alerts.drawer.dismissHint')}
            rules={[{ required: true, whitespace: true, message: t('alerts.dismiss.reasonRequired') }]}
          >
            <Input.TextArea
              id="alert-dismiss-reason"
              rows={3}
              maxLength={DISMISS_REASON_MAX}
              showCount
              placeholder={t('alerts.dismiss.placeholder')}
            />
          </Form.Item>
        </Form>
        <ErrorAlert error={error} />
      </Modal>
    </>
  );
}
