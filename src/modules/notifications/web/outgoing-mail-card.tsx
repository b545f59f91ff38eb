/**
 * "邮件发送 / Outgoing mail" on the notification channels page: which server sends the mails now
 * (this page's settings, else the environment's), the SMTP form with the presets of common Chinese
 * enterprise mailboxes, a write-only password ("已设置"), and "send test mail", which tries what is
 * on the form (saved or not) and says what failed. Its own form: it is saved apart from the
 * channels below.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import {
  SMTP_DEFAULT_PORTS,
  SMTP_PRESETS,
  SMTP_SECURITY,
  type SmtpSecurity,
  type SmtpSettingsInput,
  type SmtpSettingsView,
} from '../smtp-settings.api.ts';
import { ChannelTestButton } from './channel-test-button.tsx';

const KEY = ['notification-channels', 'smtp'] as const;
type PresetKey = (typeof SMTP_PRESETS)[number]['key'] | 'custom';

interface SmtpFields {
  preset: PresetKey;
  host: string;
  port: number;
  security: SmtpSecurity;
  username?: string;
  password?: string;
  fromAddress: string;
  fromName?: string;
  replyTo?: string;
  testTo?: string;
}
const FIELDS = [
  'host',
  'port',
  'security',
  'username',
  'password',
  'fromAddress',
  'fromName',
  'replyTo',
  'testTo',
];

function initialFields(view: SmtpSettingsView): SmtpFields {
  const s = view.settings;
  if (!s) {
    const exmail = SMTP_PRESETS[0];
    return {
      preset: exmail.key,
      host: exmail.host,
      port: exmail.port,
      security: exmail.security,
      fromAddress: '',
    };
  }
  return {
    preset: SMTP_PRESETS.find((p) => p.host === s.host)?.key ?? 'custom',
    host: s.host,
    port: s.port,
    security: s.security,
    username: s.username ?? '',
    fromAddress: s.fromAddress,
    fromName: s.fromName ?? '',
    replyTo: s.replyTo ?? '',
  };
}

const typed = (v: string | undefined) => v?.trim() || null;

/** The PUT body (and the settings a test tries): a password left empty keeps the saved one. */
const inputFromFields = (f: SmtpFields): SmtpSettingsInput => ({
  host: f.host.trim(),
  port: f.port,
  security: f.security,
  username: typed(f.username),
  password: f.password || undefined,
  fromAddress: f.fromAddress.trim(),
  fromName: typed(f.fromName),
  replyTo: typed(f.replyTo),
});

export function OutgoingMailCard() {
  const t = useT();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<SmtpSettingsView>('/api/notification-channels/smtp', signal),
  });
  return (
    <Card className="channel-card" size="small" title={t('notifications.smtp.title')} id="smtp-card">
      <Typography.Paragraph type="secondary">{t('notifications.smtp.intro')}</Typography.Paragraph>
      {settings.isPending ? (
        <Skeleton active />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <OutgoingMailForm key={JSON.stringify(settings.data)} view={settings.data} />
      )}
    </Card>
  );
}

function OutgoingMailForm({ view }: { view: SmtpSettingsView }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SmtpFields>();
  const [error, setError] = useState<unknown>(null);
  const presetKey = Form.useWatch('preset', form);
  const preset = SMTP_PRESETS.find((p) => p.key === presetKey);
  const saved = (next: SmtpSettingsView) => queryClient.setQueryData(KEY, { ...view, ...next });
  const save = useMutation({
    mutationFn: (body: SmtpSettingsInput) =>
      api.put<SmtpSettingsView>('/api/notification-channels/smtp', body),
    meta: { handlesErrors: true },
  });
  const clear = useMutation({
    mutationFn: () => api.delete<SmtpSettingsView>('/api/notification-channels/smtp'),
    meta: { handlesErrors: true },
  });
  const required = [{ required: true, whitespace: true, message: t('notifications.channels.required') }];
  const passwordSet = view.settings?.passwordSet ?? false;

  const placeErrors = (e: unknown) =>
    showFieldErrors(form, e, t, (field) => {
      const name = field.replace(/^smtp\./, '');
      const mapped = name === 'to' ? 'testTo' : name;
      return FIELDS.includes(mapped) ? mapped : undefined;
    });
  const onError = (e: unknown) => {
    if (!placeErrors(e)) setError(e);
  };
  const submit = (f: SmtpFields) => {
    setError(null);
    save.mutate(inputFromFields(f), {
      onSuccess: (next) => {
        saved(next);
        void message.success(t('notifications.smtp.saved'));
      },
      onError,
    });
  };
  const choosePreset = (key: PresetKey) => {
    const chosen = SMTP_PRESETS.find((p) => p.key === key);
    if (chosen) form.setFieldsValue({ host: chosen.host, port: chosen.port, security: chosen.security });
  };
  const chooseSecurity = (security: SmtpSecurity) => {
    // The port follows the mode unless someone typed an unusual one.
    const port = form.getFieldValue('port') as number | undefined;
    if (port === undefined || Object.values(SMTP_DEFAULT_PORTS).includes(port))
      form.setFieldValue('port', SMTP_DEFAULT_PORTS[security]);
  };
  const testBody = () => {
    const f = form.getFieldsValue(true) as SmtpFields;
    const to = f.testTo?.trim() || undefined;
    // An empty form tries the server in use (the environment's, when nothing is saved).
    return f.host?.trim() && f.fromAddress?.trim()
      ? { channel: 'email' as const, to, smtp: inputFromFields(f) }
      : { channel: 'email' as const, to };
  };

  return (
    <Form<SmtpFields>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={initialFields(view)}
      onFinish={submit}
    >
      <Alert
        id="smtp-source"
        className="smtp-source"
        type={view.source === 'none' ? 'warning' : 'info'}
        showIcon
        title={t(`notifications.smtp.source.${view.source}`, {
          host: view.env ? `${view.env.host}${view.env.port ? `:${view.env.port}` : ''}` : '',
          from: view.env?.from ?? '',
        })}
      />
      <Form.Item name="preset" label={t('notifications.smtp.preset')}>
        <Radio.Group
          id="smtp-preset"
          optionType="button"
          onChange={(e) => choosePreset(e.target.value as PresetKey)}
          options={[...SMTP_PRESETS.map((p) => p.key), 'custom' as const].map((key) => ({
            value: key,
            label: t(`notifications.smtp.preset.${key}`),
          }))}
        />
      </Form.Item>
      {preset?.authCode && (
        <Alert type="info" showIcon className="smtp-hint" title={t('notifications.smtp.authCodeHint')} />
      )}
      <div className="channel-grid">
        <Form.Item name="host" label={t('notifications.smtp.host')} rules={required}>
          <Input id="smtp-host" maxLength={253} onChange={() => form.setFieldValue('preset', 'custom')} />
        </Form.Item>
        <Form.Item name="security" label={t('notifications.smtp.security')}>
          <Select
            id="smtp-security"
            onChange={chooseSecurity}
            options={SMTP_SECURITY.map((s) => ({ value: s, label: t(`notifications.smtp.security.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="port"
          label={t('notifications.smtp.port')}
          rules={[{ required: true, message: t('notifications.channels.required') }]}
        >
          <InputNumber id="smtp-port" min={1} max={65535} precision={0} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('notifications.smtp.username')}
          extra={t('notifications.smtp.usernameHint')}
        >
          <Input id="smtp-username" autoComplete="off" maxLength={320} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('notifications.smtp.password')}
          extra={passwordSet ? t('notifications.channels.secretKeep') : undefined}
        >
          <Input.Password
            id="smtp-password"
            autoComplete="new-password"
            placeholder={passwordSet ? t('notifications.channels.secretSet') : undefined}
            prefix={passwordSet ? <Tag color="green">{t('notifications.channels.set')}</Tag> : undefined}
          />
        </Form.Item>
        <Form.Item
          name="fromAddress"
          label={t('notifications.smtp.fromAddress')}
          rules={[...required, { type: 'email', message: t('error.fieldInvalid', { message: 'e-mail' }) }]}
        >
          <Input id="smtp-fromAddress" maxLength={200} placeholder="support@example.cn" />
        </Form.Item>
        <Form.Item name="fromName" label={t('notifications.smtp.fromName')}>
          <Input
            id="smtp-fromName"
            maxLength={100}
            placeholder={t('notifications.smtp.fromNamePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="replyTo"
          label={t('notifications.smtp.replyTo')}
          extra={t('notifications.smtp.replyToHint')}
        >
          <Input id="smtp-replyTo" maxLength={200} />
        </Form.Item>
      </div>
      <ErrorAlert error={error} id="smtp-error" />
      <div className="channel-test-row">
        <Form.Item name="testTo" label={t('notifications.smtp.testTo')}>
          <Input id="smtp-testTo" maxLength={200} placeholder={t('notifications.smtp.testToPlaceholder')} />
        </Form.Item>
        <ChannelTestButton
          id="smtp-test"
          label={t('notifications.smtp.test')}
          body={testBody}
          onError={placeErrors}
        />
      </div>
      <div className="smtp-actions">
        <Button id="smtp-save" type="primary" htmlType="submit" loading={save.isPending}>
          {t('notifications.smtp.save')}
        </Button>
        {view.settings && (
          <Popconfirm
            title={t('notifications.smtp.clearConfirm')}
            okText={t('notifications.smtp.clear')}
            cancelText={t('dialog.cancel')}
            onConfirm={() =>
              clear.mutate(undefined, {
                onSuccess: (next) => {
                  saved(next);
                  void message.success(t('notifications.smtp.cleared'));
                },
                onError: (e) => setError(e),
              })
            }
          >
            <Button id="smtp-clear" loading={clear.isPending}>
              {t('notifications.smtp.clear')}
            </Button>
          </Popconfirm>
        )}
      </div>
    </Form>
  );
}
