/**
 * The sanitised HTML as the quarantine viewer shows it: small inline images carried in the HTML
 * itself as `data:` URIs.
 *
 * Why on the server: the viewer renders the mail in `<iframe sandbox="" srcdoc>`, an opaque
 * origin, so an image that points at our download URL is a cross-site request there — the session
 * cookie (SameSite) is not sent and `Cross-Origin-Resource-Policy: same-origin` blocks the answer.
 * Loosening either, or the sandbox, would let the mail's markup reach the console; the console's
 * CSP already allows `data:` images and those need no request at all. Done per read rather than
 * stored, so the stored HTML stays the one sanitised form (and the database small); only the
 * mail's own raster images the HTML already points at are embedded, within a size budget — a
 * larger one stays a link, listed with the attachments.
 */
import type { FileStore } from '../../../platform/files/file-store.ts';

/** Raster types a browser shows in an <img>; never SVG, a document that may carry script. */
const SHOWN_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);
/** Per image and per mail: a screenshot or a signature logo fits, a photo album does not. */
export const INLINE_IMAGE_MAX_BYTES = 1024 * 1024;
export const INLINE_IMAGES_MAX_TOTAL_BYTES = 4 * 1024 * 1024;

export interface DisplayAttachment {
  /** Null when the file was not kept. */
  sha256: string | null;
  /** The URL the sanitised HTML points at. */
  downloadUrl: string | null;
  mediaType: string;
  size: number;
}

/** `html` with each embeddable image's `src="<download URL>"` replaced by its `data:` URI. */
export async function mailDisplayHtml(
  html: string,
  attachments: readonly DisplayAttachment[],
  files: FileStore,
): Promise<string> {
  let budget = INLINE_IMAGES_MAX_TOTAL_BYTES;
  let out = html;
  for (const a of attachments) {
    const type = a.mediaType.split(';')[0]!.trim().toLowerCase();
    if (!a.sha256 || !a.downloadUrl || !SHOWN_TYPES.has(type)) continue;
    if (a.size > INLINE_IMAGE_MAX_BYTES || a.size > budget) continue;
    // sanitize-mail-html.ts writes the URL as the whole attribute; text holding it is escaped (&quot;).
    const attribute = `src="${a.downloadUrl}"`;
    if (!out.includes(attribute)) continue;
    const bytes = await readAll(files, a.sha256);
    budget -= bytes.length;
    out = out.replaceAll(attribute, `src="data:${type};base64,${bytes.toString('base64')}"`);
  }
  return out;
}

async function readAll(files: FileStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await files.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
