/**
 * Add or change a mailbox. A preset (Tencent Exmail, Aliyun Qiye, NetEase Qiye, QQ Mail) fills in
 * the server, port and security and says whether the provider wants an authorisation code; the
 * password is write-only (left empty on a change: kept). "Test connection" tries the form's
 * settings before they are saved (a saved mailbox's password when none is typed).
 */
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import {
  AFTER_PROCESSING,
  DEFAULT_PORTS,
  MAILBOX_PRESETS,
  MAILBOX_SECURITY,
  type MailboxSecurity,
} from '../mailboxes.api.ts';
import { ConnectionTestResult } from './connection-test-result.tsx';
import { useCreateMailbox, useTestMailbox, useUpdateMailbox, type Mailbox } from './mailboxes.queries.ts';

type PresetKey = (typeof MAILBOX_PRESETS)[number]['key'] | 'custom';

interface MailboxFields {
  preset: PresetKey;
  name: string;
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  password?: string;
  folder: string;
  afterProcessing: 'seen' | 'move';
  moveToFolder?: string;
  pollIntervalSeconds: number;
  active: boolean;
}

const FIELDS = [
  'name',
  'host',
  'port',
  'security',
  'username',
  'password',
  'folder',
  'afterProcessing',
  'moveToFolder',
  'pollIntervalSeconds',
  'active',
] as const;

function initialFields(mailbox: Mailbox | undefined): MailboxFields {
  if (!mailbox) {
    const exmail = MAILBOX_PRESETS[0];
    return {
      preset: exmail.key,
      name: '',
      host: exmail.host,
      port: exmail.port,
      security: exmail.security,
      username: '',
      folder: 'INBOX',
      afterProcessing: 'seen',
      pollIntervalSeconds: 60,
      active: true,
    };
  }
  return {
    preset: MAILBOX_PRESETS.find((p) => p.host === mailbox.host)?.key ?? 'custom',
    name: mailbox.name,
    host: mailbox.host,
    port: mailbox.port,
    security: mailbox.security,
    username: mailbox.username,
    folder: mailbox.folder,
    afterProcessing: mailbox.afterProcessing,
    moveToFolder: mailbox.moveToFolder ?? undefined,
    pollIntervalSeconds: mailbox.pollIntervalSeconds,
    active: mailbox.active,
  };
}

export function MailboxDialog({ mailbox, onClose }: { mailbox?: Mailbox; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<MailboxFields>();
  const [error, setError] = useState<unknown>(null);
  const create = useCreateMailbox();
  const update = useUpdateMailbox();
  const test = useTestMailbox();
  const presetKey = Form.useWatch('preset', form);
  const preset = MAILBOX_PRESETS.find((p) => p.key === presetKey);
  const afterProcessing = Form.useWatch('afterProcessing', form);
  const required = [{ required: true, whitespace: true, message: t('mailboxes.required') }];

  const choosePreset = (key: PresetKey) => {
    const chosen = MAILBOX_PRESETS.find((p) => p.key === key);
    if (chosen) form.setFieldsValue({ host: chosen.host, port: chosen.port, security: chosen.security });
  };
  const chooseSecurity = (security: MailboxSecurity) => {
    // The port follows the mode unless someone typed an unusual one.
    const port = form.getFieldValue('port') as number | undefined;
    if (port === undefined || Object.values(DEFAULT_PORTS).includes(port))
      form.setFieldValue('port', DEFAULT_PORTS[security]);
  };

  const body = (f: MailboxFields) => ({
    name: f.name.trim(),
    host: f.host.trim(),
    port: f.port,
    security: f.security,
    username: f.username.trim(),
    // Left out (undefined is not sent): a change keeps the stored password.
    password: f.password || undefined,
    folder: f.folder.trim() || 'INBOX',
    afterProcessing: f.afterProcessing,
    moveToFolder: f.afterProcessing === 'move' ? f.moveToFolder?.trim() || null : null,
    pollIntervalSeconds: f.pollIntervalSeconds,
    active: f.active,
  });

  const onError = (e: unknown) => {
    if (!showFieldErrors(form, e, t, FIELDS)) setError(e);
  };
  const submit = (f: MailboxFields) => {
    setError(null);
    if (mailbox) update.mutate({ id: mailbox.id, body: body(f) }, { onSuccess: onClose, onError });
    else create.mutate({ ...body(f), password: f.password ?? '' }, { onSuccess: onClose, onError });
  };
  const tryConnection = async () => {
    setError(null);
    await form.validateFields(['host', 'port', 'username', ...(mailbox ? [] : ['password' as const])]);
    const { host, port, security, username, password, folder } = body(
      form.getFieldsValue(true) as MailboxFields,
    );
    test.mutate(
      { settings: { host, port, security, username, password, folder, mailboxId: mailbox?.id } },
      { onError },
    );
  };

  return (
    <Modal
      open
      title={mailbox ? t('mailboxes.editTitle', { name: mailbox.name }) : t('mailboxes.new')}
      okText={mailbox ? t('mailboxes.save') : t('mailboxes.create')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'mailbox-submit' }}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Form<MailboxFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialFields(mailbox)}
        onFinish={submit}
      >
        <Form.Item name="preset" label={t('mailboxes.preset')}>
          <Radio.Group
            id="mailbox-preset"
            optionType="button"
            onChange={(e) => choosePreset(e.target.value as PresetKey)}
            options={[...MAILBOX_PRESETS.map((p) => p.key), 'custom' as const].map((key) => ({
              value: key,
              label: t(`mailboxes.preset.${key}`),
            }))}
          />
        </Form.Item>
        {preset?.authCode && (
          <Alert type="info" showIcon className="mailbox-hint" title={t('mailboxes.hint.authCode')} />
        )}
        {preset?.needsId && (
          <Alert type="info" showIcon className="mailbox-hint" title={t('mailboxes.hint.needsId')} />
        )}
        <Form.Item name="name" label={t('mailboxes.col.name')} rules={required}>
          <Input id="mailbox-name" maxLength={100} placeholder={t('mailboxes.namePlaceholder')} />
        </Form.Item>
        <div className="mailbox-grid">
          <Form.Item name="host" label={t('mailboxes.host')} rules={required} className="mailbox-grid__wide">
            <Input
              id="mailbox-host"
              maxLength={253}
              onChange={() => form.setFieldValue('preset', 'custom')}
            />
          </Form.Item>
          <Form.Item name="security" label={t('mailboxes.security')}>
            <Select
              id="mailbox-security"
              onChange={chooseSecurity}
              options={MAILBOX_SECURITY.map((s) => ({ value: s, label: t(`mailboxes.security.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="port"
            label={t('mailboxes.port')}
            rules={[{ required: true, message: t('mailboxes.required') }]}
          >
            <InputNumber id="mailbox-port" min={1} max={65535} precision={0} />
          </Form.Item>
        </div>
        <div className="mailbox-grid">
          <Form.Item
            name="username"
            label={t('mailboxes.username')}
            rules={required}
            className="mailbox-grid__wide"
          >
            <Input
              id="mailbox-username"
              maxLength={320}
              autoComplete="off"
              placeholder="support@example.com"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={preset?.authCode ? t('mailboxes.authCode') : t('mailboxes.password')}
            extra={mailbox ? t('mailboxes.passwordKeep') : undefined}
            rules={mailbox ? [] : [{ required: true, message: t('mailboxes.required') }]}
            className="mailbox-grid__wide"
          >
            <Input.Password
              id="mailbox-password"
              autoComplete="new-password"
              maxLength={500}
              placeholder={mailbox ? t('mailboxes.passwordSet') : undefined}
            />
          </Form.Item>
        </div>
        <div className="mailbox-grid">
          <Form.Item name="folder" label={t('mailboxes.folder')}>
            <Input id="mailbox-folder" maxLength={200} placeholder="INBOX" />
          </Form.Item>
          <Form.Item name="afterProcessing" label={t('mailboxes.afterProcessing')}>
            <Select
              id="mailbox-after"
              options={AFTER_PROCESSING.map((a) => ({ value: a, label: t(`mailboxes.after.${a}`) }))}
            />
          </Form.Item>
          {afterProcessing === 'move' && (
            <Form.Item name="moveToFolder" label={t('mailboxes.moveToFolder')} rules={required}>
              <Input id="mailbox-move-folder" maxLength={200} placeholder="TACdesk" />
            </Form.Item>
          )}
        </div>
        <Space size={32} wrap>
          <Form.Item name="pollIntervalSeconds" label={t('mailboxes.pollInterval')}>
            <InputNumber
              id="mailbox-interval"
              min={30}
              max={86400}
              step={30}
              precision={0}
              suffix={t('mailboxes.seconds')}
            />
          </Form.Item>
          <Form.Item name="active" label={t('mailboxes.active')} valuePropName="checked">
            <Switch id="mailbox-active" />
          </Form.Item>
        </Space>
      </Form>
      <Space orientation="vertical" className="mailbox-full">
        <Button
          id="mailbox-test"
          onClick={() => void tryConnection().catch(() => undefined)}
          loading={test.isPending}
        >
          {t('mailboxes.test')}
        </Button>
        {test.data && !test.isPending && <ConnectionTestResult id="mailbox-test-result" result={test.data} />}
        <ErrorAlert error={error} />
      </Space>
    </Modal>
  );
}
