/**
 * File downloads. An attachment comes from a customer, so it is served as something the browser
 * saves rather than runs: sniffed type, nosniff, a sandboxing CSP and a download name whose
 * extension matches the content. Authorisation is the calling route's job.
 */
import type { FastifyReply } from 'fastify';
import type { FileStore, StoredFile } from './file-store.ts';
import { extensionMatches } from './sniff-type.ts';

export interface SendFileOptions {
  /** Usually the name the file was uploaded with; Chinese names survive (RFC 6266/5987). */
  downloadName: string;
  /** `inline` lets the UI show images; anything else is always an attachment. */
  disposition?: 'attachment' | 'inline';
}

/** Streams a stored file, answering 304 when the client's ETag (the SHA-256) still matches. */
export async function sendStoredFile(
  reply: FastifyReply,
  store: FileStore,
  file: StoredFile,
  options: SendFileOptions,
): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply.headers({
    etag,
    // Content never changes for an ETag, but access can be withdrawn: revalidate every time.
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
  });
  if (etagMatches(reply.request.headers['if-none-match'], etag)) return reply.code(304).send();
  const content = await store.open(file.sha256);
  const inline = options.disposition === 'inline' && file.mediaType.startsWith('image/');
  reply.headers({
    'content-type': file.mediaType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(
      downloadName(options.downloadName, file),
      inline ? 'inline' : 'attachment',
    ),
  });
  return reply.send(content);
}

/** A Content-Disposition value with an ASCII `filename` and a UTF-8 `filename*` (RFC 6266, 5987). */
export function contentDisposition(
  name: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  // encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A safe name to save a file under: no paths or control characters, the content's extension. */
export function downloadName(name: string, file: Pick<StoredFile, 'mediaType' | 'extension'>): string {
  let base = (name.split(/[/\\]/).pop() ?? '')
    .replace(/\p{Cc}/gu, '')
    .replace(/^[. ]+|[. ]+$/g, '')
    .slice(0, 180);
  if (!base) base = 'attachment';
  return extensionMatches(file, base) ? base : `${base}.${file.extension}`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // If-None-Match uses the weak comparison (RFC 9110 §13.1.2).
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
