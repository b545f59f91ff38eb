/** An error under a stock form: a refusal (409) says the server's reason, a shortage in words. */
import { Alert } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import { describeError } from '../../../web/api/error-message.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { conflictReason } from './spares-display.tsx';

export function StockErrorAlert({ error, id }: { error: unknown; id?: string }) {
  const t = useT();
  if (!error) return null;
  const { message, reference } = describeError(error, t);
  const reason =
    conflictReason(error, t) ?? (isApiError(error, 'validation_failed') ? error.detail : undefined);
  return (
    <Alert
      id={id}
      type="error"
      showIcon
      className="stock-error"
      title={reason ?? message}
      description={reason && !isApiError(error, 'conflict') ? message : reference}
    />
  );
}
