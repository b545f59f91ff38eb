/**
 * The editor of one template in one language: subject (a robot message's title) and body, the
 * template's placeholders as chips inserted at the cursor of the field last used, save, reset to
 * the default, and the live preview of what is typed (asked a moment after typing stops). The
 * server checks the text for the preview as for a save, so its field errors appear while typing.
 */
import { App, Button, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import type { MessageTemplate, MessageTemplatePreviewInput } from '../message-templates.api.ts';
import { TemplatePreview } from './templates-preview.tsx';
import { useResetMessageTemplate, useSaveMessageTemplate, useTemplatePreview } from './templates-queries.ts';

interface Fields {
  subject: string;
  body: string;
  caseNumber?: string;
}
const FIELDS = ['subject', 'body', 'caseNumber'] as const;
const PREVIEW_PAUSE_MS = 400;

/** `value` once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const json = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(json) as T), ms);
    return () => clearTimeout(timer);
  }, [json, ms]);
  return settled;
}

export function TemplateEditor({ entry, locale }: { entry: MessageTemplate; locale: 'zh-CN' | 'en' }) {
  const t = useT();
  const { message } = App.useApp();
  const text = entry.locales.find((l) => l.locale === locale)!;
  const [form] = Form.useForm<Fields>();
  const save = useSaveMessageTemplate();
  const reset = useResetMessageTemplate();
  const [error, setError] = useState<unknown>(null);
  const subjectRef = useRef<InputRef>(null);
  const bodyRef = useRef<TextAreaRef>(null);
  const [lastField, setLastField] = useState<'subject' | 'body'>('body');

  const subject = Form.useWatch('subject', form) ?? text.subject;
  const body = Form.useWatch('body', form) ?? text.body;
  const caseNumber = Form.useWatch('caseNumber', form) ?? '';
  const ref = { kind: entry.kind, key: entry.key, locale };
  const settled = useSettled<MessageTemplatePreviewInput>(
    { ...ref, subject, body, ...(caseNumber.trim() ? { caseNumber: caseNumber.trim() } : {}) },
    PREVIEW_PAUSE_MS,
  );
  const preview = useTemplatePreview(settled.subject && settled.body ? settled : null);
  const dirty = subject !== text.subject || body !== text.body;

  // The server's verdict on the text shown where it belongs; cleared once it renders again.
  useEffect(() => {
    if (preview.isError) showFieldErrors(form, preview.error, t, FIELDS);
    else if (preview.isSuccess) form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
  }, [form, t, preview.isError, preview.isSuccess, preview.error, preview.dataUpdatedAt]);

  /** Puts `{{name}}` where the cursor was in the field last used, and the cursor after it. */
  const insert = (name: string) => {
    const el =
      lastField === 'subject' ? subjectRef.current?.input : bodyRef.current?.resizableTextArea?.textArea;
    const value = form.getFieldValue(lastField) as string;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    form.setFieldValue(lastField, value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = (f: Fields) => {
    setError(null);
    save.mutate(
      { ...ref, subject: f.subject, body: f.body },
      {
        onSuccess: () => void message.success(t('msgTemplates.saved')),
        onError: (e) => {
          if (!showFieldErrors(form, e, t, FIELDS)) setError(e);
        },
      },
    );
  };

  const isChat = entry.kind === 'chat';
  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      initialValues={{ subject: text.subject, body: text.body, caseNumber: '' }}
      onFinish={submit}
    >
      <Form.Item
        name="subject"
        label={t(isChat ? 'msgTemplates.chatTitle' : 'msgTemplates.subject')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input
          id="template-subject"
          ref={subjectRef}
          maxLength={300}
          onFocus={() => setLastField('subject')}
        />
      </Form.Item>
      <Form.Item name="body" label={t('msgTemplates.body')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea
          id="template-body"
          ref={bodyRef}
          autoSize={{ minRows: 5, maxRows: 16 }}
          maxLength={10_000}
          onFocus={() => setLastField('body')}
        />
      </Form.Item>
      <Typography.Text type="secondary">{t('msgTemplates.placeholders')}</Typography.Text>
      <div className="templates-chips" id="template-placeholders">
        {entry.placeholders.map((name) => (
          <Tag.CheckableTag key={name} checked={false} onChange={() => insert(name)} data-placeholder={name}>
            {`{{${name}}}`}
          </Tag.CheckableTag>
        ))}
      </div>
      <ErrorAlert error={error} id="template-error" />
      <Space wrap className="templates-actions">
        <Button
          id="template-save"
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          disabled={!dirty}
        >
          {t('msgTemplates.save')}
        </Button>
        <Popconfirm
          title={t('msgTemplates.resetConfirm')}
          onConfirm={() =>
            reset.mutate(ref, {
              onSuccess: () => void message.success(t('msgTemplates.resetDone')),
              onError: setError,
            })
          }
          disabled={!text.overridden}
        >
          <Button id="template-reset" disabled={!text.overridden} loading={reset.isPending}>
            {t('msgTemplates.reset')}
          </Button>
        </Popconfirm>
        {dirty && <Typography.Text type="warning">{t('msgTemplates.unsaved')}</Typography.Text>}
      </Space>
      <TemplatePreview preview={preview.data} loading={preview.isFetching} chat={isChat} />
    </Form>
  );
}
