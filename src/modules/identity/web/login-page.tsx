/** The login page: username and password, the product's promise beside it on wide screens. */
import { CheckCircleFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useRef } from 'react';
import type { InputRef } from 'antd';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { BrandMark } from '../../../web/shell/brand-mark.tsx';
import { LanguageSwitch } from '../../../web/shell/language-switch.tsx';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { useLoginMutation } from './session.queries.ts';

interface LoginFields {
  username: string;
  password: string;
}

const HERO_POINTS: MessageKey[] = ['login.heroPoint.cases', 'login.heroPoint.sla', 'login.heroPoint.portal'];

export function LoginPage() {
  const t = useT();
  const { locale, chosenBeforeLogin } = useLocale();
  const [form] = Form.useForm<LoginFields>();
  const passwordRef = useRef<InputRef>(null);
  const login = useLoginMutation();

  const submit = (fields: LoginFields) => {
    login.mutate(
      { ...fields, locale: chosenBeforeLogin ? locale : undefined },
      {
        onError: () => {
          // Keep the username, clear the password and put the cursor there for the next try.
          form.setFieldValue('password', '');
          passwordRef.current?.focus();
        },
      },
    );
  };

  return (
    <div className="login-page">
      <header className="login-page__bar">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main className="login-page__main">
        <div className="login-panel">
          <section className="login-hero" aria-labelledby="login-hero-title">
            <BrandMark inverse />
            <h2 id="login-hero-title" className="login-hero__title">
              {t('login.heroTitle')}
            </h2>
            <ul className="login-hero__points">
              {HERO_POINTS.map((key) => (
                <li key={key}>
                  <CheckCircleFilled aria-hidden="true" />
                  <span>{t(key)}</span>
                </li>
              ))}
            </ul>
          </section>
          <Card className="login-card" variant="borderless">
            <Typography.Title level={1} className="login-card__title">
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
            <div className="login-card__error">
              {login.isError && <ErrorAlert id="login-error" error={login.error} />}
            </div>
            <Form<LoginFields>
              form={form}
              name="login"
              layout="vertical"
              requiredMark={false}
              onFinish={submit}
              size="large"
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined aria-hidden />}
                  autoComplete="username"
                  autoFocus
                  autoCapitalize="none"
                  spellCheck={false}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  ref={passwordRef}
                  prefix={<LockOutlined aria-hidden />}
                  autoComplete="current-password"
                />
              </Form.Item>
              <Button id="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
                {t('login.submit')}
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" className="login-card__help">
              {t('login.forgotPassword')}
            </Typography.Paragraph>
          </Card>
        </div>
      </main>
      <footer className="login-page__footer">{t('app.footer')}</footer>
    </div>
  );
}
