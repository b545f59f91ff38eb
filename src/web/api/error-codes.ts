/**
 * The closed set of error codes the server puts in its problem+json bodies (ARCHITECTURE.md
 * "HTTP and contracts"). Each has an `error.<code>` message in both languages.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** For answers without a usable body (a proxy's 502 page, a dropped connection): the code the status implies. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 423) return 'account_locked';
  if (status === 429) return 'rate_limited';
  if (status === 0 || status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}
