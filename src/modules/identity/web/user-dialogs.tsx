/**
 * The staff-user dialogs: add a user (username, name, e-mail, phone, roles, branch, language,
 * initial password the user must change) or change one; set a new password. Server field
 * errors appear at their fields.
 */
import { Checkbox, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { LocaleField, MIN_PASSWORD, PasswordField } from '../../../web/shell/account-fields.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { STAFF_ROLES, type StaffRole } from '../identity-roles.ts';
import { roleLabel } from './role-labels.ts';
import { useBranches, useCreateUser, useResetPassword, useUpdateUser, type User } from './users.queries.ts';

interface UserFields {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  roles: StaffRole[];
  branchId?: number | null;
  locale: 'zh-CN' | 'en';
  password: string;
}

const FIELDS = ['username', 'displayName', 'email', 'phone', 'roles', 'branchId', 'locale', 'password'];
/** A server field → the form's; an error on one role (`roles.1`) goes to the role checkboxes. */
const formField = (apiField: string) => {
  const name = apiField.replace(/\.\d+$/, '');
  return FIELDS.includes(name) ? name : undefined;
};

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export function UserFormDialog({ user, onClose }: { user?: User; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<UserFields>();
  const branches = useBranches();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const pending = create.isPending || update.isPending;

  const onError = (error: unknown) => {
    if (!showFieldErrors(form, error, t, formField)) setGeneralError(error);
  };

  const submit = (fields: UserFields) => {
    setGeneralError(null);
    const common = {
      displayName: fields.displayName.trim(),
      email: blankToNull(fields.email),
      phone: blankToNull(fields.phone),
      roles: fields.roles,
      branchId: fields.branchId ?? null,
    };
    if (user) update.mutate({ id: user.id, body: common }, { onSuccess: onClose, onError });
    else
      create.mutate(
        { ...common, username: fields.username.trim(), locale: fields.locale, password: fields.password },
        { onSuccess: onClose, onError },
      );
  };

  return (
    <Modal
      open
      title={user ? t('identity.users.editTitle', { name: user.displayName }) : t('identity.users.new')}
      okText={user ? t('identity.save') : t('identity.users.create')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'user-submit' }}
      confirmLoading={pending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Form<UserFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                email: user.email ?? '',
                phone: user.phone ?? '',
                roles: user.roles,
                branchId: user.branchId,
              }
            : { roles: [], locale: 'zh-CN' }
        }
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('identity.users.username')}
              extra={user ? undefined : t('identity.users.usernameHint')}
              rules={[{ required: true, message: t('identity.required') }]}
            >
              <Input id="user-username" disabled={Boolean(user)} autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('identity.users.displayName')}
              rules={[{ required: true, whitespace: true, message: t('identity.required') }]}
            >
              <Input id="user-display-name" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={t('identity.users.email')}
              rules={[{ type: 'email', message: t('identity.users.emailInvalid') }]}
            >
              <Input id="user-email" type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('identity.users.phone')}>
              <Input id="user-phone" type="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="roles"
          label={t('identity.users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('identity.users.rolesRequired') }]}
        >
          <Checkbox.Group className="admin-role-grid">
            {STAFF_ROLES.map((role) => (
              <Checkbox key={role} value={role}>
                {roleLabel(role, locale)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="branchId" label={t('identity.users.branch')}>
              <Select
                id="user-branch"
                allowClear
                placeholder={t('identity.users.noBranch')}
                options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              />
            </Form.Item>
          </Col>
          {!user && (
            <Col xs={24} sm={12}>
              <LocaleField label={t('identity.users.locale')} />
            </Col>
          )}
        </Row>
        {!user && (
          <PasswordField
            name="password"
            id="user-password"
            label={t('identity.users.initialPassword')}
            extra={t('identity.users.initialPasswordHint')}
            requiredMessage={t('identity.required')}
            shortMessage={t('identity.users.passwordShort', { min: MIN_PASSWORD })}
          />
        )}
      </Form>
      <ErrorAlert error={generalError} id="user-form-error" />
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();
  const [generalError, setGeneralError] = useState<unknown>(null);

  return (
    <Modal
      open
      title={t('identity.users.resetTitle', { name: user.displayName })}
      okText={t('identity.users.resetPassword')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'reset-password-submit' }}
      confirmLoading={reset.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('identity.users.resetHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ newPassword }: { newPassword: string }) => {
          setGeneralError(null);
          reset.mutate(
            { id: user.id, newPassword },
            {
              onSuccess: onClose,
              onError: (error) => {
                if (!showFieldErrors(form, error, t, ['newPassword'])) setGeneralError(error);
              },
            },
          );
        }}
      >
        <PasswordField
          name="newPassword"
          id="reset-password"
          label={t('identity.users.newPassword')}
          requiredMessage={t('identity.required')}
          shortMessage={t('identity.users.passwordShort', { min: MIN_PASSWORD })}
        />
      </Form>
      <ErrorAlert error={generalError} />
    </Modal>
  );
}
