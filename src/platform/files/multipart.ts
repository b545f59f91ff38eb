/**
 * File uploads: multipart/form-data parts stream straight into the file store, never buffered
 * whole in memory. The owning module's route records the returned files in its own table.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type Multipart } from '@fastify/multipart';
import { AppError, invalidField } from '../http/app-error.ts';
import type { FileStore, StoredFile } from './file-store.ts';

export interface MultipartLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Files per request (default 10). */
  maxFiles?: number;
  /** Non-file fields per request (default 50). */
  maxFields?: number;
  /** Bytes per non-file field (default 64 KiB). */
  maxFieldBytes?: number;
}

/** One uploaded file: what the store made of it plus what the client called it. */
export interface ReceivedFile extends StoredFile {
  fieldName: string;
  /** The client's file name, for the owning module to keep (and pass back as `downloadName`). */
  declaredName: string;
  /** The client's Content-Type, for logs only. */
  declaredType: string;
}

/** The files of a multipart request plus its other fields. */
export interface MultipartUpload {
  files: ReceivedFile[];
  /** Strings, or parsed values of parts sent as application/json; validate them with zod. */
  fields: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    fileUploadLimits: Required<MultipartLimits>;
  }
}

const MULTIPART_ERRORS: Record<string, AppError['code']> = {
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_PROTO_VIOLATION: 'validation_failed',
  FST_INVALID_JSON_FIELD_ERROR: 'validation_failed',
  FST_MP_PREMATURE_CLOSE: 'validation_failed',
};

/** The same refusals in zh-CN. */
const MULTIPART_ZH: Record<string, string> = {
  FST_REQ_FILE_TOO_LARGE: '文件太大',
  FST_FILES_LIMIT: '文件数量超过上限',
  FST_FIELDS_LIMIT: '表单字段数量超过上限',
  FST_PARTS_LIMIT: '表单内容超过上限',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '请求不是 multipart/form-data 格式',
  FST_PROTO_VIOLATION: '上传内容格式有误',
  FST_INVALID_JSON_FIELD_ERROR: '字段不是有效的 JSON',
  FST_MP_PREMATURE_CLOSE: '上传未完成，连接已中断',
};

/**
 * Accepts multipart/form-data on `app` and the routes it encapsulates. Register it inside the
 * plugin of the routes that take uploads to keep it off every other route.
 */
export async function registerMultipart(app: FastifyInstance, limits: MultipartLimits): Promise<void> {
  const resolved: Required<MultipartLimits> = {
    maxFiles: 10,
    maxFields: 50,
    maxFieldBytes: 64 * 1024,
    ...limits,
  };
  await app.register(multipart, {
    limits: {
      // One byte of slack: the store itself refuses at maxBytes + 1, deleting its temp file.
      fileSize: resolved.maxBytes + 1,
      files: resolved.maxFiles,
      fields: resolved.maxFields,
      fieldSize: resolved.maxFieldBytes,
      parts: resolved.maxFiles + resolved.maxFields,
      headerPairs: 100,
    },
  });
  app.decorate('fileUploadLimits', resolved);
}

/**
 * Reads every part of a multipart request, storing each file in `store` as it streams in.
 * Refusals are AppErrors naming the form field; files stored before one is refused stay in the
 * store unreferenced (content-addressed, so harmless until a sweep of unreferenced files).
 */
export async function readMultipartFiles(
  request: FastifyRequest,
  store: FileStore,
  options: { maxBytes?: number; maxFiles?: number } = {},
): Promise<MultipartUpload> {
  const limits = request.server.fileUploadLimits;
  if (!limits) throw new Error('registerMultipart was not called for this route');
  const maxBytes = Math.min(options.maxBytes ?? limits.maxBytes, limits.maxBytes);
  const maxFiles = Math.min(options.maxFiles ?? limits.maxFiles, limits.maxFiles);
  const upload: MultipartUpload = { files: [], fields: {} };
  const parts = request.parts();
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (error) {
      throw multipartError(error, 'body', true);
    }
    if (next.done) break;
    const part = next.value;
    const field = `body.${part.fieldname}`;
    if (part.type === 'field') {
      if (part.fieldnameTruncated || part.valueTruncated) {
        throw new AppError('payload_too_large', `${field}: longer than ${limits.maxFieldBytes} bytes`, {
          zh: `表单字段 ${part.fieldname} 超过 ${limits.maxFieldBytes} 字节的上限`,
        });
      }
      if (Object.hasOwn(upload.fields, part.fieldname))
        throw invalidField(field, 'given more than once', '重复提交了此项');
      upload.fields[part.fieldname] = part.value;
      continue;
    }
    // A form's empty file input is sent as a part with no file name and no content.
    if (!part.filename) {
      part.file.resume();
      continue;
    }
    if (upload.files.length >= maxFiles) {
      part.file.destroy();
      throw new AppError('payload_too_large', `at most ${maxFiles} files per request`, {
        zh: `每次最多上传 ${maxFiles} 个文件`,
      });
    }
    try {
      const stored = await store.put(part.file, {
        maxBytes,
        declaredName: part.filename,
        declaredType: part.mimetype,
      });
      upload.files.push({
        ...stored,
        fieldName: part.fieldname,
        declaredName: part.filename,
        declaredType: part.mimetype,
      });
    } catch (error) {
      // An error of the part's own stream is the request body's fault (cut off, malformed).
      throw multipartError(error, field, error === part.file.errored, part.filename);
    }
  }
  return upload;
}

// Names the field in the message and in `errors`, the way schema failures do. A malformed body
// is the client's fault (400); storage failures stay what they are.
function multipartError(error: unknown, field: string, fromBody: boolean, fileName?: string): unknown {
  const errorCode =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const code = error instanceof AppError ? error.code : MULTIPART_ERRORS[errorCode];
  const resolved = code ?? (fromBody ? 'validation_failed' : undefined);
  if (!resolved || (error instanceof AppError && error.status >= 500)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // The store's refusals carry their zh-CN wording (fileRefused); a cut-off body has none of its own.
  const zh =
    error instanceof AppError
      ? (error.zh ?? error.fieldErrors?.[0]?.zh)
      : (MULTIPART_ZH[errorCode] ?? '上传内容不完整或格式有误');
  const named = fileName === undefined ? field : `${field} (${fileName})`;
  return new AppError(resolved, `${named}: ${message}`, {
    // The reason as a toast shows it names the file: one upload may carry several.
    ...(zh !== undefined ? { zh: fileName === undefined ? zh : `文件 ${fileName}：${zh}` } : {}),
    fieldErrors: [{ field, message, zh }],
    cause: error,
  });
}
