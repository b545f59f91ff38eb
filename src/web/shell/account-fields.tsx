/**
 * The form fields a new account shares, whether a staff user or a contact's portal login: the
 * password an administrator sets (at least MIN_PASSWORD characters, as the server requires) and
 * the account's interface language. Each module keeps its own labels and messages.
 */
import { Form, Input, Radio } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { SUPPORTED_LOCALES } from '../i18n/translate.ts';

/** The shortest password the server takes. */
export const MIN_PASSWORD = 10;

/** A password set for someone else: required, at least MIN_PASSWORD characters, never autofilled. */
export function PasswordField(props: {
  name: string;
  id: string;
  label: ReactNode;
  extra?: ReactNode;
  requiredMessage: string;
  shortMessage: string;
}) {
  return (
    <Form.Item
      name={props.name}
      label={props.label}
      extra={props.extra}
      rules={[
        { required: true, message: props.requiredMessage },
        { min: MIN_PASSWORD, message: props.shortMessage },
      ]}
    >
      <Input.Password id={props.id} autoComplete="new-password" />
    </Form.Item>
  );
}

/** The account's interface language; each language is named in itself. */
export function LocaleField({ name = 'locale', label }: { name?: string; label: ReactNode }) {
  const t = useT();
  return (
    <Form.Item name={name} label={label}>
      <Radio.Group
        optionType="button"
        options={SUPPORTED_LOCALES.map((value) => ({ value, label: t(`locale.${value}`) }))}
      />
    </Form.Item>
  );
}
