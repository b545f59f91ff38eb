/**
 * The one error type of TACdesk. Every failure a caller can act on has a stable code from a
 * closed set; the code decides the HTTP status. Anything else is `internal` and never shown.
 */

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A field-level problem, `field` being a dotted path such as `body.roles.0`: `message` in
 * English (stable for API clients), `zh` the same in zh-CN. The answer carries both as
 * `message` and `text`, the latter in the reader's language.
 */
export interface FieldError {
  field: string;
  message: string;
  zh?: string | undefined;
}

/**
 * A refusal. `message` is the English detail; a refusal a person should read the reason of (a
 * conflict with the record's state, a rule of the domain) gives `zh`, its zh-CN wording: the
 * answer then carries `text` in the reader's language and the web shows it instead of the code's
 * generic sentence.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly zh: string | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: {
      fieldErrors?: FieldError[];
      headers?: Record<string, string>;
      cause?: unknown;
      zh?: string;
    },
  ) {
    super(message ?? code, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
    this.headers = options?.headers;
    this.zh = options?.zh;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Shorthand for the most common refusal: the record does not exist for this caller. */
export function notFound(what = 'record'): AppError {
  return new AppError('not_found', `${what} not found`);
}

/** A single invalid field, reported like a schema failure; `zh` is the message in zh-CN. */
export function invalidField(field: string, message: string, zh?: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { fieldErrors: [{ field, message, zh }] });
}
