/**
 * Turns every failure into an RFC 9457 problem+json body with a stable `code`. Input errors
 * name the field; unexpected errors are logged with the request id and answered as a bare 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from './app-error.ts';
import { ERROR_TITLES } from './error-titles.ts';
import { schemaIssueZh } from './schema-issue-zh.ts';

/** A field error as answered: `message` in English, `text` in the reader's language. */
export interface FieldErrorBody {
  field: string;
  message: string;
  text: string;
}

function presentFieldError(e: FieldError, locale: 'zh-CN' | 'en'): FieldErrorBody {
  return { field: e.field, message: e.message, text: locale === 'zh-CN' ? (e.zh ?? e.message) : e.message };
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  /** The reason in the reader's language, when the refusal has one a person should read. */
  text?: string;
  instance?: string;
  errors?: FieldErrorBody[];
  errorId?: string;
}

/** zh-CN unless the caller prefers English (user setting first, then Accept-Language). */
export function preferredLocale(request: FastifyRequest): 'zh-CN' | 'en' {
  const userLocale = request.auth?.locale;
  if (userLocale) return userLocale;
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
};

/** What an unreadable body is, in zh-CN. */
const FASTIFY_BODY_ZH: Record<string, string> = {
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度与内容不符',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容为空',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求内容不是有效的 JSON',
};

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const fieldErrors = error.validation.map((v) => {
      const tail = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const message = v.message ?? 'invalid';
      const zh = schemaIssueZh(v.keyword, v.params, message) ?? undefined;
      return { field: tail ? `${where}.${tail}` : where, message, zh };
    });
    const detail = fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new AppError('validation_failed', detail, { fieldErrors });
  }
  if (error.code && FASTIFY_CODES[error.code]) {
    const code = FASTIFY_CODES[error.code]!;
    const fieldErrors =
      code === 'validation_failed'
        ? [{ field: 'body', message: error.message, zh: FASTIFY_BODY_ZH[error.code] }]
        : undefined;
    return new AppError(code, error.message, { fieldErrors });
  }
  // A race past a check-then-insert, or a reference to a row deleted meanwhile: the database
  // refused the write, so nothing changed; say so instead of a 500.
  const pgCode = (error as { code?: unknown }).code;
  if (pgCode === '23505') return new AppError('conflict', 'a record with these values already exists');
  if (pgCode === '23503') {
    return new AppError('validation_failed', 'refers to a record that does not exist', {
      fieldErrors: [
        { field: 'body', message: 'refers to a record that does not exist', zh: '引用的记录不存在' },
      ],
    });
  }
  if (error.statusCode === 429) return new AppError('rate_limited', error.message);
  if (error.statusCode === 404) return new AppError('not_found', error.message);
  return null;
}

/** The Fastify error handler. */
export function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  const locale = preferredLocale(request);
  if (!appError) {
    request.log.error({ err: error }, 'unexpected error');
    const body: ProblemBody = {
      type: 'about:blank',
      title: ERROR_TITLES.internal[locale],
      status: 500,
      code: 'internal',
      errorId: String(request.id),
    };
    return reply.status(500).type('application/problem+json').send(body);
  }
  if (appError.status >= 500) request.log.error({ err: error }, appError.message);
  const body: ProblemBody = {
    type: 'about:blank',
    title: ERROR_TITLES[appError.code][locale],
    status: ERROR_STATUS[appError.code],
    code: appError.code,
    detail: appError.message,
    ...(appError.zh !== undefined ? { text: locale === 'zh-CN' ? appError.zh : appError.message } : {}),
    instance: request.url,
    ...(appError.fieldErrors
      ? { errors: appError.fieldErrors.map((e) => presentFieldError(e, locale)) }
      : {}),
  };
  if (appError.headers) reply.headers(appError.headers);
  return reply.status(body.status).type('application/problem+json').send(body);
}
