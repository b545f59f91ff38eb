/** Puts the server's field errors (`body.username`, …) next to a form's fields. */
import type { FormInstance } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import type { Translate } from '../../../web/i18n/translate.ts';

/** Shows the errors on fields the form has; answers whether any landed (else show a general alert). */
export function showFieldErrors(form: FormInstance, error: unknown, t: Translate, fields: readonly string[]) {
  if (!isApiError(error)) return false;
  const mine = error.fieldErrors
    .map((e) => ({ name: e.field.replace(/^body\./, '').replace(/\.\d+$/, ''), message: e.message }))
    .filter((e) => fields.includes(e.name));
  form.setFields(
    mine.map((e) => ({ name: e.name, errors: [t('error.fieldInvalid', { message: e.message })] })),
  );
  return mine.length > 0;
}
