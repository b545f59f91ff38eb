/**
 * Change one's own password. Users whose password an administrator set (`mustChangePassword`)
 * are sent here before any other page. The rules come from the contract's `passwordSchema`.
 */
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { FormRule } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import { navigate } from '../../../web/app/router.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { passwordSchema } from '../identity.api.ts';
import { useChangePasswordMutation, type ChangePasswordBody } from './me.queries.ts';
import { useMe } from './session.queries.ts';

interface PasswordFields extends ChangePasswordBody {
  confirmPassword: string;
}

const MIN_LENGTH = passwordSchema.minLength ?? 10;

/** Validates a new password with the same schema the server applies, in the user's language. */
function newPasswordRule(t: Translate): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = passwordSchema.safeParse(value ?? '');
      if (result.success) return;
      const issue = result.error.issues[0];
      if (issue?.code === 'too_big') throw new Error(t('password.tooLong', { max: Number(issue.maximum) }));
      throw new Error(t('password.tooShort', { min: MIN_LENGTH }));
    },
  };
}

export function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<PasswordFields>();
  const changePassword = useChangePasswordMutation();

  const submit = ({ currentPassword, newPassword }: PasswordFields) => {
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          navigate('/');
        },
        onError: (error) => {
          if (!isApiError(error, 'validation_failed')) return;
          // The server names fields by location (`body.currentPassword`).
          const fields = error.fieldErrors
            .map((fieldError) => ({ ...fieldError, name: fieldError.field.replace(/^body\./, '') }))
            .filter(
              (fieldError) => fieldError.name === 'currentPassword' || fieldError.name === 'newPassword',
            );
          form.setFields(
            fields.map((fieldError) => ({
              name: fieldError.name as keyof PasswordFields,
              ...(fieldError.name === 'currentPassword' ? { value: '' } : {}),
              errors: [
                fieldError.name === 'currentPassword'
                  ? t('password.currentWrong')
                  : t('error.fieldInvalid', { message: fieldError.message }),
              ],
            })),
          );
        },
      },
    );
  };

  // Field errors are shown on the fields; the banner is for everything else.
  const showBanner =
    changePassword.isError &&
    !(isApiError(changePassword.error, 'validation_failed') && changePassword.error.fieldErrors.length > 0);

  return (
    <div className="page page--form">
      <Card>
        <Typography.Title level={2} className="page__title">
          {t('password.title')}
        </Typography.Title>
        <Space orientation="vertical" size="middle" className="page__stack">
          {me.mustChangePassword && <Alert type="info" showIcon title={t('password.mustChange')} />}
          {showBanner && <ErrorAlert id="change-password-error" error={changePassword.error} />}
          <Form<PasswordFields>
            form={form}
            name="changePassword"
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
          >
            <Form.Item
              name="currentPassword"
              label={t('password.current')}
              rules={[{ required: true, message: t('password.required') }]}
            >
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('password.new')}
              extra={t('password.hint', { min: MIN_LENGTH })}
              dependencies={['currentPassword']}
              rules={[
                { required: true, message: t('password.required') },
                newPasswordRule(t),
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: unknown) => {
                    if (value && value === getFieldValue('currentPassword')) {
                      throw new Error(t('password.sameAsCurrent'));
                    }
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirmPassword"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('password.required') },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: unknown) => {
                    if (value && value !== getFieldValue('newPassword'))
                      throw new Error(t('password.mismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space wrap>
              <Button
                id="change-password-submit"
                type="primary"
                htmlType="submit"
                loading={changePassword.isPending}
              >
                {t('password.submit')}
              </Button>
              {!me.mustChangePassword && (
                <Button onClick={() => navigate('/')}>{t('password.cancel')}</Button>
              )}
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
