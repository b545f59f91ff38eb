/** Rejecting a quarantined mail: the reason is asked for and kept with the record; nothing is opened. */
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { useSettleMail } from './mail-intake.queries.ts';

export function RejectMailButton({ mailId }: { mailId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const settle = useSettleMail(mailId);
  const [error, setError] = useState<unknown>(null);

  const submit = ({ reason }: { reason: string }) => {
    setError(null);
    settle.mutate(
      { action: 'reject', reason: reason.trim() },
      {
        onSuccess: () => {
          setOpen(false);
          void message.success(t('mail.reject.done'));
        },
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['reason'])) setError(e);
        },
      },
    );
  };

  return (
    <>
      <Button id="mail-reject" danger onClick={() => setOpen(true)}>
        {t('mail.reject.button')}
      </Button>
      <Modal
        open={open}
        title={t('mail.reject.title')}
        okText={t('mail.reject.button')}
        okButtonProps={{ danger: true, id: 'mail-reject-submit' }}
        cancelText={t('dialog.cancel')}
        confirmLoading={settle.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('mail.reject.reason')}
            rules={[{ required: true, whitespace: true, message: t('mail.reject.reasonRequired') }]}
          >
            <Input.TextArea
              id="mail-reject-reason"
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('mail.reject.placeholder')}
            />
          </Form.Item>
        </Form>
        <ErrorAlert error={error} />
      </Modal>
    </>
  );
}
