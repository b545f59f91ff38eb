/** The one error type the web client throws for a failed API call, built from an RFC 9457 body. */
import { codeForStatus, isErrorCode, type ErrorCode } from './error-codes.ts';

/** A field's problem; `message` in the reader's language (the server's `text`) when it gave one. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  text?: string;
  errors?: Array<FieldError & { text?: string }>;
  errorId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  /** The server's reason in the reader's language, when it gave one (a conflict's cause). */
  readonly text: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  /** Set on 5xx answers; the server logs it, so a user can quote it to an administrator. */
  readonly errorId: string | undefined;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = isErrorCode(problem.code) ? problem.code : codeForStatus(status);
    this.detail = problem.detail;
    this.text = typeof problem.text === 'string' && problem.text ? problem.text : undefined;
    this.fieldErrors = Array.isArray(problem.errors)
      ? problem.errors
          .filter(isFieldError)
          .map((e) => ({ field: e.field, message: typeof e.text === 'string' ? e.text : e.message }))
      : [];
    this.errorId = typeof problem.errorId === 'string' ? problem.errorId : undefined;
  }
}

function isFieldError(value: unknown): value is FieldError & { text?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldError).field === 'string' &&
    typeof (value as FieldError).message === 'string'
  );
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
