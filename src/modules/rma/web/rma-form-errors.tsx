/**
 * How the RMA dialogs show a failed write: the server's field errors (`body.serial`) at the form's
 * fields, a 409 as "the RMA moved on meanwhile", anything else as the translated error.
 */
import { Alert, type FormInstance } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey, Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';

/**
 * Puts the error's field messages on the form's fields (aliases map an API field to a form field)
 * and answers whether any landed; when none did, the caller shows the error as a whole.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  t: Translate,
  aliases: Record<string, string> = {},
): boolean {
  if (!isApiError(error)) return false;
  const matched = error.fieldErrors
    .map((e) => {
      const name = e.field.replace(/^body\./, '');
      return { name: aliases[name] ?? name, message: e.message };
    })
    .filter((e) => fields.includes(e.name));
  if (matched.length === 0) return false;
  form.setFields(
    matched.map((e) => ({ name: e.name, errors: [t('error.fieldInvalid', { message: e.message })] })),
  );
  return true;
}

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
