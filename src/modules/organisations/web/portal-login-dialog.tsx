/**
 * Give a contact a portal login: username (the contact's e-mail proposed), an initial password
 * told to the contact by phone, and the portal's language. Server field errors appear at their
 * fields; the rest as an alert under the form.
 */
import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { LocaleField, PasswordField } from '../../../web/shell/account-fields.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { DialogFrame } from './organisation-dialogs.tsx';
import { useGivePortalLogin, type Contact } from './organisations.queries.ts';

interface LoginFields {
  username: string;
  password: string;
  locale: 'zh-CN' | 'en';
}

export function PortalLoginDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<LoginFields>();
  const give = useGivePortalLogin();
  const [error, setError] = useState<unknown>(null);

  const submit = (f: LoginFields) => {
    setError(null);
    give.mutate(
      {
        contactId: contact.id,
        body: { username: f.username.trim(), password: f.password, locale: f.locale },
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['username', 'password', 'locale'])) setError(e);
        },
      },
    );
  };

  return (
    <DialogFrame
      title={t('organisations.portal.giveTitle', { name: contact.name })}
      okText={t('organisations.portal.give')}
      submitId="portal-login-submit"
      pending={give.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      error={error}
      width={480}
    >
      <Typography.Paragraph type="secondary">{t('organisations.portal.giveHint')}</Typography.Paragraph>
      <Form<LoginFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ username: contact.email ?? '', locale: 'zh-CN' }}
        onFinish={submit}
      >
        <Form.Item
          name="username"
          label={t('organisations.portal.username')}
          rules={[{ required: true, whitespace: true, message: t('organisations.required') }]}
        >
          <Input id="portal-username" autoComplete="off" spellCheck={false} />
        </Form.Item>
        <PasswordField
          name="password"
          id="portal-password"
          label={t('organisations.portal.password')}
          extra={t('organisations.portal.passwordHint')}
          requiredMessage={t('organisations.required')}
          shortMessage={t('organisations.portal.passwordShort')}
        />
        <LocaleField label={t('organisations.portal.locale')} />
      </Form>
    </DialogFrame>
  );
}
