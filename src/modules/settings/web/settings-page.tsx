/**
 * Installation settings (administrators): the company name shown in the header, mails and
 * reports; the hotline number the portal asks customers to phone for P1/P2 (seed 004); the
 * window after resolution in which a case may be reopened; the company logo. Saved changes are
 * audited.
 */
import { App, Button, Card, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { useInstallationSettings, type Settings } from '../../../web/app/installation-settings.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { LogoCard } from './logo-card.tsx';
import './settings.css';

interface SettingsFields {
  companyName: string;
  hotlineNumber?: string;
  caseReopenDays: number;
}
const FIELDS: readonly (keyof SettingsFields)[] = ['companyName', 'hotlineNumber', 'caseReopenDays'];

export function SettingsPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <SettingsForm />;
}

function SettingsForm() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useInstallationSettings();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SettingsFields>();
  const [error, setError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: Partial<Settings>) => api.patch<Settings>('/api/settings', body),
    onSuccess: (saved) => queryClient.setQueryData(['settings'], saved),
  });

  if (settings.isPending) return <Skeleton active className="page settings-page" />;
  if (settings.isError)
    return (
      <div className="page settings-page">
        <ErrorAlert error={settings.error} />
      </div>
    );

  const submit = (f: SettingsFields) => {
    setError(null);
    save.mutate(
      {
        companyName: f.companyName.trim(),
        hotlineNumber: f.hotlineNumber?.trim() || null,
        caseReopenDays: f.caseReopenDays,
      },
      {
        onSuccess: (saved) => {
          form.setFieldsValue({ ...saved, hotlineNumber: saved.hotlineNumber ?? '' });
          void message.success(t('settings.saved'));
        },
        onError: (e) => {
          if (!showFieldErrors(form, e, t, FIELDS)) setError(e);
        },
      },
    );
  };

  return (
    <div className="page page--form settings-page">
      <AppLink href="/admin" className="settings-back">
        ← {t('settings.admin')}
      </AppLink>
      <Typography.Title level={2} className="page__title">
        {t('settings.title')}
      </Typography.Title>
      <Card size="small">
        <Form<SettingsFields>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ ...settings.data, hotlineNumber: settings.data.hotlineNumber ?? '' }}
          onFinish={submit}
        >
          <Form.Item
            name="companyName"
            label={t('settings.companyName')}
            extra={t('settings.companyNameHint')}
            rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
          >
            <Input id="settings-company-name" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="hotlineNumber"
            label={t('settings.hotlineNumber')}
            extra={t('settings.hotlineNumberHint')}
            rules={[{ min: 3, message: t('settings.hotlineShort') }]}
          >
            <Input id="settings-hotline" type="tel" maxLength={40} placeholder="400-800-8888" />
          </Form.Item>
          <Form.Item
            name="caseReopenDays"
            label={t('settings.caseReopenDays')}
            extra={t('settings.caseReopenDaysHint')}
            rules={[{ required: true, message: t('settings.required') }]}
          >
            <InputNumber
              id="settings-reopen-days"
              min={0}
              max={365}
              precision={0}
              suffix={t('settings.days')}
            />
          </Form.Item>
          <Button id="settings-save" type="primary" htmlType="submit" loading={save.isPending}>
            {t('settings.save')}
          </Button>
        </Form>
        <ErrorAlert error={error} />
      </Card>
      <LogoCard />
    </div>
  );
}
