/**
 * How the RMA dialogs show a failed write that no field took (the server's field errors go to the
 * fields through the shell's `showFieldErrors`): a 409 as "the RMA moved on meanwhile", anything
 * else as the translated error.
 */
import { Alert } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';

/** The error of a dialog's write that no field took; a 409 is explained by `conflict`. */
export function StepProblem({
  error,
  conflict = ['rma.error.conflictTitle', 'rma.error.conflictDetail'],
}: {
  error: unknown;
  conflict?: [MessageKey, MessageKey];
}) {
  const t = useT();
  if (!error) return null;
  if (isApiError(error, 'conflict'))
    return (
      <Alert
        id="rma-step-conflict"
        type="warning"
        showIcon
        title={t(conflict[0])}
        description={t(conflict[1])}
      />
    );
  return <ErrorAlert id="rma-step-error" error={error} />;
}
