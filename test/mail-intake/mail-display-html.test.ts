/**
 * The display HTML of the quarantine viewer: which of a mail's images are carried in the HTML as
 * `data:` URIs (its own images a browser shows, within the size budget) and which stay links
 * (a TIFF scan, too large, not kept), with the files in a real attachment store on disk.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalFileStore } from '../../src/platform/files/file-store.ts';
import {
  INLINE_IMAGE_MAX_BYTES,
  mailDisplayHtml,
} from '../../src/modules/mail-intake/server/mail-display-html.ts';

/** The smallest PNG: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** A TIFF header with an empty directory: a fax scan as Chinese MFPs mail them, which <img> cannot show. */
const TIFF = Buffer.from([
  0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
]);

let dir: string;
let files: LocalFileStore;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tacdesk-display-'));
  files = await LocalFileStore.open({ dataDir: dir });
});
after(() => rm(dir, { recursive: true, force: true }));

const url = (id: number) => `/api/inbound-mail/attachments/${id}/download`;

async function stored(id: number, bytes: Buffer, name: string) {
  const file = await files.put(Readable.from([bytes]), { maxBytes: 10_000_000, declaredName: name });
  return { sha256: file.sha256, downloadUrl: url(id), mediaType: file.mediaType, size: file.size };
}

test('the mail’s own raster image is embedded wherever the HTML points at it', async () => {
  const png = await stored(1, PNG, 'shot.png');
  const html = `<p>截图：</p><img alt="截图" src="${url(1)}" /><img src="${url(1)}" />`;
  const shown = await mailDisplayHtml(html, [png], files);
  const data = `src="data:image/png;base64,${PNG.toString('base64')}"`;
  assert.equal(shown, `<p>截图：</p><img alt="截图" ${data} /><img ${data} />`);
});

test('a TIFF, an image too large, one not kept and one the HTML does not show stay as they are', async () => {
  const tiff = await stored(2, TIFF, 'fax.tif');
  assert.equal(tiff.mediaType, 'image/tiff');
  const big = { ...(await stored(3, PNG, 'big.png')), size: INLINE_IMAGE_MAX_BYTES + 1 };
  const skipped = { sha256: null, downloadUrl: null, mediaType: 'image/png', size: 10 };
  const unshown = await stored(4, PNG, 'other.png');
  // Text quoting the URL is escaped by the sanitiser, so only attributes match.
  const html = `<img src="${url(2)}" /><img src="${url(3)}" /><p>src=&quot;${url(4)}&quot;</p>`;
  assert.equal(await mailDisplayHtml(html, [tiff, big, skipped, unshown], files), html);
});
