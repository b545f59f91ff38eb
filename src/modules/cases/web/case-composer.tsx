/** The case composer: public reply, internal note or phone-call log (Ctrl+Enter sends). */
import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Radio, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { useCaseAction, type CaseDetail } from './cases.queries.ts';

type ComposerKind = 'reply' | 'note' | 'call';

interface ComposerFields {
  body: string;
  direction: 'inbound' | 'outbound';
  durationMinutes: number;
  visibility: 'public' | 'internal';
  diagnosed: boolean;
}

export function CaseComposer({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const [form] = Form.useForm<ComposerFields>();
  const kinds = (['reply', 'note', 'call'] as const).filter((kind) =>
    kind === 'reply' ? kase.abilities.reply : kind === 'note' ? kase.abilities.note : kase.abilities.logCall,
  );
  const [active, setActive] = useState<ComposerKind>(kinds[0] ?? 'reply');
  const kind = kinds.includes(active) ? active : kinds[0];
  const send = useCaseAction(
    kase.id,
    (fields: ComposerFields) =>
      api.post(
        `/api/cases/${kase.id}/entries`,
        kind === 'call'
          ? {
              kind,
              body: fields.body,
              direction: fields.direction,
              durationSeconds: Math.round((fields.durationMinutes ?? 0) * 60),
              visibility: fields.visibility,
              diagnosed: fields.diagnosed || undefined,
            }
          : { kind, body: fields.body },
      ),
    { handlesErrors: true },
  );
  if (!kind) return null;

  // Cleared as soon as it is sent, not after the timeline reloaded: what the engineer types next is
  // never wiped. A refused send puts the text back (unless something new was typed meanwhile).
  const submit = (fields: ComposerFields) => {
    form.resetFields(['body', 'durationMinutes', 'diagnosed']);
    send.mutate(fields, {
      onError: () => {
        if (!form.getFieldValue('body')) form.setFieldsValue(fields);
      },
    });
  };

  const labels: Record<ComposerKind, string> = {
    reply: t('composer.reply'),
    note: t('composer.note'),
    call: t('composer.call'),
  };
  const hint: Record<ComposerKind, string> = {
    reply: t('composer.replyHint'),
    note: t('composer.noteHint'),
    call: t('composer.callHint'),
  };

  return (
    <Card id="case-composer" size="small" className={`composer composer--${kind}`}>
      <Tabs
        activeKey={kind}
        onChange={(key) => setActive(key as ComposerKind)}
        items={kinds.map((k) => ({
          key: k,
          label: (
            <span id={`composer-tab-${k}`}>
              {k === 'note' && <LockOutlined />} {labels[k]}
            </span>
          ),
        }))}
      />
      <Form<ComposerFields>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ direction: 'inbound', durationMinutes: 5, visibility: 'internal', diagnosed: false }}
        onFinish={submit}
      >
        {kind === 'call' && (
          <Space wrap size={[16, 0]}>
            <Form.Item name="direction" label={t('composer.direction')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'inbound', label: t('composer.inbound') },
                  { value: 'outbound', label: t('composer.outbound') },
                ]}
              />
            </Form.Item>
            <Form.Item name="durationMinutes" label={t('composer.duration')}>
              <InputNumber min={0} max={1440} step={1} suffix={t('composer.minutesUnit')} />
            </Form.Item>
            <Form.Item name="visibility" label={t('composer.visibility')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'internal', label: t('timeline.internal') },
                  { value: 'public', label: t('timeline.public') },
                ]}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item
          name="body"
          extra={hint[kind]}
          rules={[{ required: true, whitespace: true, message: t('composer.bodyRequired') }]}
        >
          <Input.TextArea
            id="composer-body"
            aria-label={labels[kind]}
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={50000}
            placeholder={labels[kind]}
            onKeyDown={(event) => {
              // Ctrl/Cmd+Enter sends, as in mail clients.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.submit();
            }}
          />
        </Form.Item>
        {send.isError && <ErrorAlert error={send.error} />}
        <Space wrap className="composer__actions">
          {kind === 'call' && (
            <Form.Item name="diagnosed" valuePropName="checked" noStyle>
              <Checkbox>{t('composer.diagnosed')}</Checkbox>
            </Form.Item>
          )}
          <Button id="composer-submit" type="primary" htmlType="submit" loading={send.isPending}>
            {kind === 'reply'
              ? t('composer.sendReply')
              : kind === 'note'
                ? t('composer.saveNote')
                : t('composer.saveCall')}
          </Button>
          <Typography.Text type="secondary">{t('composer.shortcut')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
