/** How an error reads to a person: the server's reason in their language, else the message for its code. */
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

/**
 * One line for a toast or an alert: the server's reason in the reader's language when it gave one
 * (why a conflict), else the sentence for the error's code; with the error reference if any.
 */
export function describeError(error: unknown, t: Translate): { message: string; reference?: string } {
  const message = (isApiError(error) && error.text) || t(errorMessageKey(errorCodeOf(error)));
  const errorId = isApiError(error) ? error.errorId : undefined;
  return errorId ? { message, reference: t('error.reference', { errorId }) } : { message };
}
