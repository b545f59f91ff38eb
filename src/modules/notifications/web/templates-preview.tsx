/**
 * The live preview beside the template editor: optionally a real case (by number) instead of the
 * sample data, the subject, and the mail's HTML in a sandboxed frame (no scripts, no same origin:
 * whatever the HTML held could not reach the console) next to the plain text; a robot message as
 * text. Lives inside the editor's form, whose `caseNumber` field it renders.
 */
import { Card, Form, Input, Spin, Tabs, Typography } from 'antd';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageTemplatePreview } from '../message-templates.api.ts';

export function TemplatePreview(props: {
  preview: MessageTemplatePreview | undefined;
  loading: boolean;
  chat: boolean;
}) {
  const t = useT();
  const { preview } = props;
  const text = (
    <pre className="templates-text" id="template-preview-text">
      {preview?.text}
    </pre>
  );
  return (
    <Card
      size="small"
      className="templates-preview"
      title={t('msgTemplates.preview')}
      extra={props.loading ? <Spin size="small" /> : null}
    >
      <Form.Item name="caseNumber" label={t('msgTemplates.previewCase')}>
        <Input
          id="template-preview-case"
          allowClear
          maxLength={40}
          placeholder={t('msgTemplates.previewCasePlaceholder')}
        />
      </Form.Item>
      {preview && (
        <>
          <Typography.Paragraph>
            <Typography.Text type="secondary">{t('msgTemplates.previewSubject')}</Typography.Text>
            <Typography.Text strong id="template-preview-subject">
              {preview.subject}
            </Typography.Text>
          </Typography.Paragraph>
          {preview.html === null || props.chat ? (
            text
          ) : (
            <Tabs
              size="small"
              items={[
                {
                  key: 'html',
                  label: t('msgTemplates.previewHtml'),
                  children: (
                    <iframe
                      id="template-preview-html"
                      className="templates-frame"
                      title={t('msgTemplates.previewFrame')}
                      sandbox=""
                      srcDoc={preview.html}
                    />
                  ),
                },
                { key: 'text', label: t('msgTemplates.previewText'), children: text },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
