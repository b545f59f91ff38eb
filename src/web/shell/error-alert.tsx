/** An inline error for a form: the translated message for the error's code, plus the reference if any. */
import { Alert } from 'antd';
import { describeError } from '../api/error-message.ts';
import { useT } from '../i18n/i18n-context.tsx';

export function ErrorAlert({ error, id }: { error: unknown; id?: string }) {
  const t = useT();
  if (!error) return null;
  const { message, reference } = describeError(error, t);
  return <Alert id={id} type="error" showIcon title={message} description={reference} />;
}
