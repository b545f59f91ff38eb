/**
 * The group robots and webhooks of the channels form: one card each with its key (its name in
 * the outbox), kind, language, the events and priorities it hears of, its URL and secret. A stored
 * URL is shown with its credentials masked and kept unless a new one is typed; the same for the
 * secret, which can also be removed (a webhook always needs one: it signs with it). A saved one can
 * send a test message.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Select,
  Typography,
  type FormInstance,
  type FormListFieldData,
} from 'antd';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { TARGET_CHANNELS, TARGET_EVENTS } from '../channels.api.ts';
import type { ChannelFormValues, TargetFields } from './channel-form.ts';
import { ChannelTestButton } from './channel-test-button.tsx';

const URL_EXAMPLES: Record<TargetFields['channel'], string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  webhook: 'https://…',
};

const NEW_TARGET: TargetFields = {
  key: '',
  channel: 'dingtalk',
  name: '',
  locale: 'zh-CN',
  events: ['case.opened', 'case.escalated'],
  priorities: [1, 2],
  url: '',
  secret: '',
  removeSecret: false,
};

export function ChannelTargetsCard({ form }: { form: FormInstance<ChannelFormValues> }) {
  const t = useT();
  return (
    <Card className="channel-card" size="small" title={t('notifications.channels.targets')}>
      <Typography.Paragraph type="secondary">{t('notifications.channels.targetsHint')}</Typography.Paragraph>
      <Form.List name="targets">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <TargetCard key={field.key} form={form} field={field} onRemove={() => remove(field.name)} />
            ))}
            <Button id="channels-add-target" icon={<PlusOutlined />} onClick={() => add({ ...NEW_TARGET })}>
              {t('notifications.channels.addTarget')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function TargetCard({
  form,
  field,
  onRemove,
}: {
  form: FormInstance<ChannelFormValues>;
  field: FormListFieldData;
  onRemove: () => void;
}) {
  const t = useT();
  // `preserve`: also what the target keeps without a field (its stored URL, whether a secret is set).
  const target = (Form.useWatch(['targets', field.name], { form, preserve: true }) ??
    NEW_TARGET) as TargetFields;
  const required = [{ required: true, whitespace: true, message: t('notifications.channels.required') }];
  const id = (name: string) => `target-${field.name}-${name}`;
  const hasSecret = target.channel !== 'wecom';

  return (
    <Card
      className="channel-target"
      size="small"
      type="inner"
      title={target.name || t('notifications.channels.newTarget')}
      extra={
        <Popconfirm
          title={t('notifications.channels.removeTargetConfirm')}
          okText={t('notifications.channels.removeTarget')}
          okButtonProps={{ danger: true }}
          cancelText={t('dialog.cancel')}
          onConfirm={onRemove}
        >
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('notifications.channels.removeTarget')}
          />
        </Popconfirm>
      }
    >
      <div className="channel-grid">
        <Form.Item
          name={[field.name, 'name']}
          label={t('notifications.channels.targetName')}
          rules={required}
        >
          <Input
            id={id('name')}
            maxLength={100}
            placeholder={t('notifications.channels.targetNamePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name={[field.name, 'key']}
          label={t('notifications.channels.targetKey')}
          extra={t('notifications.channels.targetKeyHint')}
          rules={[
            ...required,
            { pattern: /^[A-Za-z0-9_-]+$/, message: t('notifications.channels.targetKeyPattern') },
          ]}
        >
          <Input id={id('key')} maxLength={40} placeholder="tac-dingtalk" />
        </Form.Item>
        <Form.Item name={[field.name, 'channel']} label={t('notifications.channels.targetChannel')}>
          <Select
            id={id('channel')}
            options={TARGET_CHANNELS.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name={[field.name, 'locale']} label={t('notifications.channels.targetLocale')}>
          <Select
            id={id('locale')}
            options={[
              { value: 'zh-CN', label: t('locale.zh-CN') },
              { value: 'en', label: t('locale.en') },
            ]}
          />
        </Form.Item>
      </div>
      <Form.Item
        name={[field.name, 'url']}
        label={t('notifications.channels.targetUrl')}
        extra={
          target.storedUrl
            ? t('notifications.channels.urlKeep', { url: target.storedUrl })
            : t('notifications.channels.urlExample', { url: URL_EXAMPLES[target.channel] })
        }
        rules={target.storedUrl ? [] : required}
      >
        <Input id={id('url')} autoComplete="off" maxLength={2000} />
      </Form.Item>
      {hasSecret && (
        <div className="channel-grid">
          <Form.Item
            name={[field.name, 'secret']}
            label={t(`notifications.channels.secret.${target.channel === 'webhook' ? 'webhook' : 'robot'}`)}
            extra={
              target.storedSecret
                ? t('notifications.channels.secretKeep')
                : t(`notifications.channels.secretHint.${target.channel}`)
            }
            rules={target.channel === 'webhook' && !target.storedSecret ? required : []}
          >
            <Input.Password
              id={id('secret')}
              autoComplete="new-password"
              disabled={target.removeSecret}
              placeholder={target.storedSecret ? t('notifications.channels.secretSet') : undefined}
            />
          </Form.Item>
          {target.storedSecret && target.channel !== 'webhook' && (
            <Form.Item name={[field.name, 'removeSecret']} valuePropName="checked" label=" ">
              <Checkbox id={id('remove-secret')}>{t('notifications.channels.removeSecret')}</Checkbox>
            </Form.Item>
          )}
        </div>
      )}
      <div className="channel-grid">
        <Form.Item
          name={[field.name, 'events']}
          label={t('notifications.channels.targetEvents')}
          rules={[{ required: true, message: t('notifications.channels.pickOne') }]}
        >
          <Checkbox.Group
            options={TARGET_EVENTS.map((e) => ({ value: e, label: t(`notifications.channels.event.${e}`) }))}
          />
        </Form.Item>
        <Form.Item
          name={[field.name, 'priorities']}
          label={t('notifications.channels.targetPriorities')}
          rules={[{ required: true, message: t('notifications.channels.pickOne') }]}
        >
          <Checkbox.Group options={[1, 2, 3, 4].map((p) => ({ value: p, label: `P${p}` }))} />
        </Form.Item>
      </div>
      <ChannelTestButton
        id={id('test')}
        body={() => ({ channel: target.channel, key: target.key })}
        disabledReason={target.storedUrl ? undefined : t('notifications.test.saveFirst')}
      />
    </Card>
  );
}
