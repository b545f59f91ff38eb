/** How an error reads to a person: the translated message for its code, never the server's English. */
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { isApiError } from './api-error.ts';
import type { ErrorCode } from './error-codes.ts';

/** The message key of an error code; typed so that a code without a message fails to compile. */
export function errorMessageKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}

/** The code an unknown thrown value stands for: ApiErrors keep theirs, anything else is a client bug. */
export function errorCodeOf(error: unknown): ErrorCode {
  return isApiError(error) ? error.code : 'internal';
}

/** One line for a toast or an alert, with the error reference when the server gave one. */
export function describeError(error: unknown, t: Translate): { message: string; reference?: string } {
  const message = t(errorMessageKey(errorCodeOf(error)));
  const errorId = isApiError(error) ? error.errorId : undefined;
  return errorId ? { message, reference: t('error.reference', { errorId }) } : { message };
}
