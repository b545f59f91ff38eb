/** Form helpers of the customer admin screens: server field errors at their fields, blank → null. */
import type { FormInstance } from 'antd';
import { isApiError } from '../../../web/api/api-error.ts';
import type { Translate } from '../../../web/i18n/translate.ts';

/** Shows the errors on fields the form has; answers whether any landed (else show a general alert). */
export function showFieldErrors(form: FormInstance, error: unknown, t: Translate, fields: readonly string[]) {
  if (!isApiError(error)) return false;
  const mine = error.fieldErrors
    .map((e) => ({ name: e.field.replace(/^body\./, ''), message: e.message }))
    .filter((e) => fields.includes(e.name));
  form.setFields(
    mine.map((e) => ({ name: e.name, errors: [t('error.fieldInvalid', { message: e.message })] })),
  );
  return mine.length > 0;
}

/** Optional text fields: an emptied field clears the value on the server. */
export const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
