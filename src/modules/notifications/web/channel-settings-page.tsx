/**
 * Notification channels (administrators): outgoing mail (its own form, outgoing-mail-card.tsx), the
 * SMS provider (Aliyun or Tencent Cloud) with its template mapping, the group robots (WeCom,
 * DingTalk, Feishu) and outgoing webhooks, and the hosts allowed although they resolve to private
 * addresses. Secrets and robot URLs are write-only: the page says whether one is set and takes a
 * new one; the server's field errors (a refused URL, a missing secret) show at their fields. Each
 * saved robot, the SMS provider and the mail server can send a test message.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import type { ChannelSettingsInput, ChannelSettingsView } from '../channels.api.ts';
import { channelFormField, formFromView, inputFromForm, type ChannelFormValues } from './channel-form.ts';
import { ChannelTargetsCard } from './channel-targets-card.tsx';
import { NotificationsHeader } from './notifications-header.tsx';
import { OutgoingMailCard } from './outgoing-mail-card.tsx';
import { SmsSettingsCard } from './sms-settings-card.tsx';
import './notifications.css';

const KEY = ['notification-channels'] as const;

export function ChannelSettingsPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <ChannelSettings />;
}

function ChannelSettings() {
  const t = useT();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<ChannelSettingsView>('/api/notification-channels', signal),
  });
  return (
    <div className="page notif-page">
      <NotificationsHeader title={t('notifications.channels.title')} />
      <OutgoingMailCard />
      <Typography.Paragraph type="secondary">{t('notifications.channels.intro')}</Typography.Paragraph>
      {settings.isPending ? (
        <Skeleton active />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        // Keyed by the saved answer: after a save the form starts again from what is stored.
        <ChannelForm key={JSON.stringify(settings.data)} view={settings.data} />
      )}
    </div>
  );
}

function ChannelForm({ view }: { view: ChannelSettingsView }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChannelFormValues>();
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: ChannelSettingsInput) =>
      api.put<ChannelSettingsView>('/api/notification-channels', body),
    meta: { handlesErrors: true },
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
  });

  // The whole store, not onFinish's values: those hold only the fields on screen (not the
  // SMS fields while SMS is off, nor what a target keeps without a field).
  const submit = () => {
    setError(null);
    save.mutate(inputFromForm(form.getFieldsValue(true) as ChannelFormValues), {
      onSuccess: () => void message.success(t('notifications.channels.saved')),
      onError: (e) => {
        if (!showFieldErrors(form, e, t, channelFormField)) setError(e);
      },
    });
  };

  return (
    <Form<ChannelFormValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={formFromView(view)}
      onFinish={submit}
      onFinishFailed={() => void message.warning(t('notifications.channels.checkFields'))}
      scrollToFirstError
    >
      <SmsSettingsCard form={form} stored={view.sms} />
      <ChannelTargetsCard form={form} />
      <Card className="channel-card" size="small" title={t('notifications.channels.allowedHosts')}>
        <Typography.Paragraph type="secondary">
          {t('notifications.channels.allowedHostsHint')}
        </Typography.Paragraph>
        <Form.Item name="allowedHosts" className="channel-hosts">
          <Select
            id="channels-allowed-hosts"
            mode="tags"
            tokenSeparators={[',', ' ']}
            suffixIcon={null}
            notFoundContent={null}
            placeholder={t('notifications.channels.allowedHostsPlaceholder')}
          />
        </Form.Item>
      </Card>
      <ErrorAlert error={error} id="channels-error" />
      <div className="channel-actions">
        <Button id="channels-save" type="primary" htmlType="submit" loading={save.isPending}>
          {t('notifications.channels.save')}
        </Button>
        <Button onClick={() => form.resetFields()} disabled={save.isPending}>
          {t('notifications.channels.reset')}
        </Button>
      </div>
    </Form>
  );
}
