/**
 * The customer's reply on the portal: text, files, or both. The text goes to the timeline as a
 * public reply; the files are attached (always public) right after. Ctrl+Enter sends.
 */
import { SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { api } from '../../../../web/api/client.ts';
import { useT } from '../../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../../web/shell/error-alert.tsx';
import { uploadAttachments, useCaseAction, type CaseDetail } from '../cases.queries.ts';

export function PortalReplyForm({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const [form] = Form.useForm<{ body?: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const send = useCaseAction(
    kase.id,
    async ({ body, files }: { body: string; files: File[] }) => {
      if (body) await api.post(`/api/cases/${kase.id}/entries`, { kind: 'reply', body });
      if (files.length > 0) await uploadAttachments(kase.id, files, 'public');
    },
    { handlesErrors: true },
  );

  const submit = ({ body }: { body?: string }) => {
    const text = body?.trim() ?? '';
    if (!text && files.length === 0) {
      form.setFields([{ name: 'body', errors: [t('portal.reply.empty')] }]);
      return;
    }
    send.mutate(
      { body: text, files: files.map((f) => f as unknown as File) },
      {
        onSuccess: () => {
          form.resetFields();
          setFiles([]);
        },
      },
    );
  };

  return (
    <Card size="small" title={t('portal.reply.title')} id="portal-reply" className="portal-reply">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="body" extra={t('portal.reply.hint')}>
          <Input.TextArea
            id="portal-reply-body"
            aria-label={t('portal.reply.title')}
            placeholder={t('portal.reply.placeholder')}
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={50000}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.submit();
            }}
          />
        </Form.Item>
        <Upload
          multiple
          fileList={files}
          beforeUpload={(file) => {
            setFiles((current) => [...current, file]);
            return false;
          }}
          onRemove={(file) => setFiles((current) => current.filter((f) => f.uid !== file.uid))}
        >
          <Button icon={<UploadOutlined />} id="portal-reply-files">
            {t('attachments.choose')}
          </Button>
        </Upload>
        {send.isError && <ErrorAlert error={send.error} />}
        <Space wrap className="portal-reply__actions">
          <Button
            id="portal-reply-submit"
            type="primary"
            htmlType="submit"
            icon={<SendOutlined />}
            loading={send.isPending}
          >
            {t('portal.reply.send')}
          </Button>
          <Typography.Text type="secondary" className="portal-reply__shortcut">
            {t('composer.shortcut')}
          </Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
