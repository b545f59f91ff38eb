/**
 * Attachment plumbing: the content-addressed store (durable, deduplicated, size-limited while
 * streaming), the content sniffer and its allow-list, and upload/download through Fastify.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { AppError } from '../../src/platform/http/app-error.ts';
import { createHttpServer, type HttpServer } from '../../src/platform/http/http-server.ts';
import { LocalFileStore, type StoredFile } from '../../src/platform/files/file-store.ts';
import { sniffType } from '../../src/platform/files/sniff-type.ts';
import { readMultipartFiles, registerMultipart } from '../../src/platform/files/multipart.ts';
import { contentDisposition, sendStoredFile } from '../../src/platform/files/send-stored-file.ts';

// ---- real files of each kind, built byte by byte ----

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 red PNG. */
function makePng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a correct cross-reference table. */
function makePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A zip of stored (uncompressed) entries, as `zip -0` writes it. */
function makeZip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A classic libpcap capture holding one 60-byte Ethernet frame. */
function makePcap(): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const record = Buffer.alloc(16);
  record.writeUInt32LE(1_700_000_000, 0);
  record.writeUInt32LE(60, 8);
  record.writeUInt32LE(60, 12);
  const frame = Buffer.alloc(60, 0xab);
  frame.writeUInt16BE(0x0800, 12); // IPv4
  return Buffer.concat([header, record, frame]);
}

/** A pcapng section header block, as Wireshark starts every capture. */
function makePcapng(): Buffer {
  const block = Buffer.alloc(28);
  block.writeUInt32LE(0x0a0d0d0a, 0);
  block.writeUInt32LE(28, 4);
  block.writeUInt32LE(0x1a2b3c4d, 8);
  block.writeUInt16LE(1, 12);
  block.writeBigInt64LE(-1n, 16);
  block.writeUInt32LE(28, 24);
  return block;
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
const PE = (() => {
  const dos = Buffer.alloc(128);
  dos.write('MZ', 0, 'latin1');
  dos.writeUInt32LE(0x80, 0x3c); // e_lfanew
  return Buffer.concat([dos, Buffer.from('PE\0\0', 'latin1'), Buffer.alloc(20)]);
})();
const OLE = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
const LOG = Buffer.from(
  '2024-05-01 10:00:01 [ERROR] 核心交换机 CE6881 端口 10GE1/0/1 down\n'.repeat(40) + '\x1b[31mred\x1b[0m\n',
);
// "错误 日志" in GBK, as a Chinese Windows box writes it.
const GBK_LOG = Buffer.concat([Buffer.from('b4edcef320c8d5d6be', 'hex'), Buffer.from(' line 1\r\n')]);
const EML = Buffer.from(
  'Received: from mx.example.com\r\nFrom: 张三 <zhang@example.com>\r\nTo: tac@example.com\r\n' +
    'Subject: =?UTF-8?B?5pWF6Zqc?=\r\nDate: Wed, 1 May 2024 10:00:00 +0800\r\nMIME-Version: 1.0\r\n\r\nbody\r\n',
);

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const chunked = (data: Buffer, size = 16 * 1024) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    })(),
  );

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, `expected AppError, got ${String(error)}`);
  return error;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

let tmp: string;
before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tacdesk-files-'));
});
after(() => fs.rm(tmp, { recursive: true, force: true }));

async function freshStore(): Promise<LocalFileStore> {
  return LocalFileStore.open({ dataDir: await fs.mkdtemp(path.join(tmp, 'data-')) });
}

describe('LocalFileStore', () => {
  test('round trip: a log with a Chinese name is stored under its SHA-256 and read back', async () => {
    const store = await freshStore();
    const stored = await store.put(chunked(LOG, 100), {
      maxBytes: 1 << 20,
      declaredName: '核心交换机日志.log',
    });
    assert.deepEqual(stored, {
      sha256: sha256(LOG),
      size: LOG.length,
      mediaType: 'text/plain; charset=utf-8',
      extension: 'log',
    });
    const h = stored.sha256;
    assert.deepEqual(await filesUnder(store.root), [path.join(h.slice(0, 2), h.slice(2, 4), h)]);
    assert.deepEqual(Buffer.concat(await (await store.open(h)).toArray()), LOG);
    assert.deepEqual(await store.stat(h), { sha256: h, size: LOG.length });
    assert.equal(await store.exists(h), true);
    assert.equal(await store.exists('0'.repeat(64)), false);
    assert.equal((await refusal(store.open('0'.repeat(64)))).code, 'not_found');
    assert.equal((await refusal(store.open('../../etc/passwd'))).code, 'not_found');
  });

  test('the same content twice is stored once', async () => {
    const store = await freshStore();
    const png = makePng();
    const a = await store.put(chunked(png, 7), { maxBytes: 1 << 20, declaredName: 'a.png' });
    const b = await store.put(Readable.from([png]), { maxBytes: 1 << 20, declaredName: '截图.png' });
    const [c, d] = await Promise.all(
      ['c.png', 'd.png'].map((n) => store.put(chunked(png, 3), { maxBytes: 1 << 20, declaredName: n })),
    );
    assert.deepEqual([b, c, d], [a, a, a]);
    assert.equal((await filesUnder(store.root)).length, 1, 'one file, no temp files left');
  });

  test('the size limit stops the upload mid-stream and leaves nothing behind', async () => {
    const store = await freshStore();
    let pulled = 0;
    let sourceClosed = false;
    const source = Readable.from(
      (function* () {
        try {
          for (let i = 0; i < 160; i++) {
            pulled++;
            yield Buffer.alloc(64 * 1024, 'x');
          }
        } finally {
          sourceClosed = true;
        }
      })(),
    );
    const error = await refusal(store.put(source, { maxBytes: 1 << 20, declaredName: 'huge.log' }));
    assert.equal(error.code, 'payload_too_large');
    assert.equal(error.status, 413);
    assert.ok(pulled <= 20, `stopped after ${pulled} of 160 chunks`);
    assert.ok(sourceClosed && source.destroyed, 'the source is released');
    assert.deepEqual(await filesUnder(store.root), [], 'no file and no temp file');
    // Exactly at the limit is accepted.
    const exact = Buffer.alloc(1 << 20, 'y');
    assert.equal(
      (await store.put(chunked(exact), { maxBytes: 1 << 20, declaredName: 'ok.log' })).size,
      1 << 20,
    );
  });

  test('an empty file is refused', async () => {
    const store = await freshStore();
    const error = await refusal(store.put(Readable.from([]), { maxBytes: 100, declaredName: 'a.txt' }));
    assert.equal(error.code, 'validation_failed');
  });

  test('crash safety: the content is only ever visible whole, under its final name', async () => {
    const store = await freshStore();
    const content = Buffer.concat([makePdf(), Buffer.alloc(200_000, '%')]);
    const h = sha256(content);
    const source = new PassThrough();
    const putting = store.put(source, { maxBytes: 1 << 20, declaredName: '报告.pdf' });
    source.write(content.subarray(0, 100_000));
    // Mid-upload: the bytes sit in a temp file; nothing is under the final name.
    for (let i = 0; i < 50 && (await filesUnder(store.tempDir)).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const temps = await filesUnder(store.tempDir);
    assert.equal(temps.length, 1);
    assert.match(temps[0]!, /\.part$/);
    assert.equal(await store.exists(h), false);
    await assert.rejects(fs.access(store.pathOf(h)));
    source.end(content.subarray(100_000));
    const stored = await putting;
    assert.equal(stored.sha256, h);
    assert.equal(stored.mediaType, 'application/pdf');
    // The final file is the renamed temp file: the same inode, whole, and the temp name is gone.
    assert.deepEqual(await filesUnder(store.tempDir), []);
    assert.equal(sha256(await fs.readFile(store.pathOf(h))), h);

    // A client that disconnects mid-upload leaves nothing.
    const broken = new PassThrough();
    const failing = store.put(broken, { maxBytes: 1 << 20, declaredName: 'cut.pdf' });
    broken.write(content.subarray(0, 70_000));
    setTimeout(() => broken.destroy(new Error('aborted')), 10);
    await assert.rejects(failing, /aborted/);
    assert.deepEqual(await filesUnder(store.tempDir), []);
    assert.deepEqual(await filesUnder(store.root), [path.relative(store.root, store.pathOf(h))]);
  });

  test('a temp file left by a crash is swept when the store opens, never renamed into place', async () => {
    const dataDir = await fs.mkdtemp(path.join(tmp, 'data-'));
    const store = await LocalFileStore.open({ dataDir });
    const stale = path.join(store.tempDir, 'crashed.part');
    const fresh = path.join(store.tempDir, 'in-progress.part');
    await fs.writeFile(stale, 'half an upload');
    await fs.writeFile(fresh, 'another process is still writing');
    const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await fs.utimes(stale, old, old);
    await LocalFileStore.open({ dataDir });
    assert.deepEqual(await filesUnder(store.root), [path.join('.tmp', 'in-progress.part')]);
  });
});

describe('sniffType', () => {
  const sniff = (head: Buffer, declaredName: string) => sniffType(head, { declaredName, complete: true });

  test('accepts what a TAC receives, by content', async () => {
    const docx = makeZip({
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-' +
        'officedocument.wordprocessingml.document.main+xml"/></Types>',
      'word/document.xml': '<w:document/>',
    });
    const cases: [Buffer, string, string, string][] = [
      [makePng(), 'screen.png', 'image/png', 'png'],
      [makePng(), '截图.jpg', 'image/png', 'png'], // the content wins over the name
      [makePdf(), '报告.pdf', 'application/pdf', 'pdf'],
      [makeZip({ 'logs/syslog.log': LOG }), 'diag.zip', 'application/zip', 'zip'],
      [docx, '方案.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
      [
        makeZip({ 'a.txt': 'a' }),
        'sheet.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'xlsx',
      ],
      [Buffer.concat([OLE]), 'old.xls', 'application/vnd.ms-excel', 'xls'],
      [zlib.gzipSync(LOG), 'messages.gz', 'application/gzip', 'gz'],
      [makePcap(), 'capture.pcap', 'application/vnd.tcpdump.pcap', 'pcap'],
      [makePcapng(), 'capture.pcapng', 'application/x-pcapng', 'pcapng'],
      [LOG, '日志.log', 'text/plain; charset=utf-8', 'log'],
      [LOG, 'messages.2', 'text/plain; charset=utf-8', 'txt'],
      [GBK_LOG, 'error.log', 'text/plain; charset=gb18030', 'log'],
      [Buffer.from('a,b\n1,2\n'), 'export.csv', 'text/csv; charset=utf-8', 'csv'],
      [Buffer.from('{"a":1}'), 'dump.json', 'application/json; charset=utf-8', 'json'],
      [Buffer.from('<?xml version="1.0"?><config/>'), 'running.xml', 'application/xml; charset=utf-8', 'xml'],
      [Buffer.from('BMC agent log: started\n'), 'bmc.log', 'text/plain; charset=utf-8', 'log'],
      [EML, '来信.eml', 'message/rfc822', 'eml'],
    ];
    for (const [content, name, mediaType, extension] of cases) {
      assert.deepEqual(await sniff(content, name), { mediaType, extension }, name);
    }
  });

  test('a cut-off head ending inside a UTF-8 character is still text', async () => {
    const head = Buffer.from('日志'.repeat(10)).subarray(0, 29);
    const type = await sniffType(head, { declaredName: 'a.log', complete: false });
    assert.equal(type.mediaType, 'text/plain; charset=utf-8');
  });

  test('refuses executables, scripts and browser-run markup, naming what was detected', async () => {
    const cases: [Buffer, string, RegExp][] = [
      [ELF, 'firmware.log', /application\/x-elf/],
      [PE, 'manual.pdf', /application\/x-msdownload/],
      [Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'readme.txt', /text\/html/],
      [Buffer.from('\uFEFF  <html><body>hi</body></html>'), 'page.log', /text\/html/],
      [
        Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
        'a.xml',
        /image\/svg\+xml/,
      ],
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'fix.txt', /shellscript/],
      [OLE, 'setup.bin', /application\/x-ole-storage/],
      [Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x10]), 'blob.dat', /application\/octet-stream/],
      [makePng(), 'tool.exe', /\.exe files are not accepted/],
      [LOG, 'run.ps1', /\.ps1/],
      [LOG, 'clean.bat . ', /\.bat/],
    ];
    for (const [content, name, message] of cases) {
      const error = await refusal(
        sniffType(content, { declaredName: name, declaredType: 'text/plain', complete: true }),
      );
      assert.equal(error.code, 'unsupported_media_type', name);
      assert.equal(error.status, 415);
      assert.match(error.message, message, name);
    }
  });

  test('an executable name is refused before a byte is read', async () => {
    const store = await freshStore();
    const source = new PassThrough();
    source.write(PE);
    const error = await refusal(store.put(source, { maxBytes: 1 << 20, declaredName: 'setup.exe' }));
    assert.equal(error.code, 'unsupported_media_type');
    assert.ok(source.destroyed);
    assert.deepEqual(await filesUnder(store.root), []);
  });

  test('a refused type stops a large upload at the sniffed head', async () => {
    const store = await freshStore();
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield i === 0
            ? Buffer.concat([ELF, Buffer.alloc(64 * 1024 - ELF.length)])
            : Buffer.alloc(64 * 1024);
        }
      })(),
    );
    const error = await refusal(store.put(source, { maxBytes: 50 << 20, declaredName: 'core.log' }));
    assert.equal(error.code, 'unsupported_media_type');
    assert.ok(pulled <= 2, `stopped after ${pulled} chunks`);
    assert.deepEqual(await filesUnder(store.root), []);
  });
});

describe('upload and download through Fastify', () => {
  let app: HttpServer;
  let store: LocalFileStore;
  // Stands in for the owning module's attachment rows.
  const rows = new Map<string, StoredFile & { declaredName: string }>();

  before(async () => {
    store = await freshStore();
    app = await createHttpServer({
      logLevel: 'silent',
      trustProxy: false,
      authenticate: async () => null,
      checkReady: async () => {},
      version: 'test',
    });
    await app.register(async (scope) => {
      await registerMultipart(scope, { maxBytes: 1 << 20, maxFiles: 3 });
      scope.post('/attachments', async (request) => {
        const upload = await readMultipartFiles(request, store);
        for (const file of upload.files) rows.set(file.sha256, file);
        return upload;
      });
    });
    app.get('/attachments/:sha256', async (request, reply) => {
      const row = rows.get((request.params as { sha256: string }).sha256);
      if (!row) throw new AppError('not_found');
      return sendStoredFile(reply, store, row, { downloadName: row.declaredName });
    });
    await app.ready();
  });
  after(() => app.close());

  test('uploads two files and a field, then downloads with safe headers and 304', async () => {
    const png = makePng();
    const form = new FormData();
    form.append('note', '机房巡检截图');
    form.append('file', new Blob([png], { type: 'application/octet-stream' }), '机房 截图(1).png');
    form.append('file', new Blob([LOG], { type: 'text/html' }), 'show tech.txt');
    form.append('empty', new Blob([]), '');
    const upload = await app.inject({ method: 'POST', url: '/attachments', payload: form });
    assert.equal(upload.statusCode, 200, upload.body);
    const body = upload.json();
    assert.deepEqual(body.fields, { note: '机房巡检截图' });
    assert.deepEqual(
      body.files.map((f: Record<string, unknown>) => [f.declaredName, f.mediaType, f.size, f.sha256]),
      [
        ['机房 截图(1).png', 'image/png', png.length, sha256(png)],
        ['show tech.txt', 'text/plain; charset=utf-8', LOG.length, sha256(LOG)],
      ],
    );

    const download = await app.inject({ method: 'GET', url: `/attachments/${sha256(png)}` });
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, png);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['content-length'], String(png.length));
    assert.equal(
      download.headers['content-disposition'],
      `attachment; filename="__ __(1).png"; filename*=UTF-8''${encodeURIComponent('机房 截图')}%281%29.png`,
    );
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /(^|; )sandbox$/);
    assert.equal(download.headers.etag, `"${sha256(png)}"`);

    const cached = await app.inject({
      method: 'GET',
      url: `/attachments/${sha256(png)}`,
      headers: { 'if-none-match': `W/"other", "${sha256(png)}"` },
    });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.rawPayload.length, 0);
    assert.equal(cached.headers.etag, `"${sha256(png)}"`);

    const head = await app.inject({ method: 'HEAD', url: `/attachments/${sha256(png)}` });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(png.length));
    assert.equal(head.rawPayload.length, 0);

    const stale = await app.inject({
      method: 'GET',
      url: `/attachments/${sha256(png)}`,
      headers: { 'if-none-match': '"0000"' },
    });
    assert.equal(stale.statusCode, 200);
  });

  test('a download name is made to match the content', async () => {
    const form = new FormData();
    form.append('file', new Blob([LOG]), 'messages.1');
    const upload = await app.inject({ method: 'POST', url: '/attachments', payload: form });
    assert.equal(upload.statusCode, 200, upload.body);
    const download = await app.inject({ method: 'GET', url: `/attachments/${sha256(LOG)}` });
    assert.match(String(download.headers['content-disposition']), /filename="messages\.1\.txt"/);
    assert.equal(
      contentDisposition('a"b\\c.txt'),
      `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
    );
  });

  test('refusals are problem+json naming the form field', async () => {
    const exe = new FormData();
    exe.append('file', new Blob([PE], { type: 'application/pdf' }), 'invoice.pdf');
    const refused = await app.inject({ method: 'POST', url: '/attachments', payload: exe });
    assert.equal(refused.statusCode, 415);
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    const problem = refused.json();
    assert.equal(problem.code, 'unsupported_media_type');
    assert.match(problem.detail, /^body\.file \(invoice\.pdf\): content is application\/x-msdownload/);
    assert.deepEqual(problem.errors[0].field, 'body.file');
    assert.match(
      problem.errors[0].text,
      /^文件内容是 application\/x-msdownload.*（声明为 application\/pdf），不在可上传的类型之内；可上传：/,
    );
    // The reason a toast shows names the file.
    assert.match(problem.text, /^文件 invoice\.pdf：文件内容是 application\/x-msdownload/);

    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc((1 << 20) + 1, 'a')]), 'big.log');
    const tooLarge = await app.inject({ method: 'POST', url: '/attachments', payload: big });
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(tooLarge.json().code, 'payload_too_large');
    assert.equal(tooLarge.json().text, `文件 big.log：文件超过 ${1 << 20} 字节的上限`);

    const many = new FormData();
    for (let i = 0; i < 4; i++) many.append('file', new Blob([`log ${i}\n`]), `${i}.log`);
    const tooMany = await app.inject({ method: 'POST', url: '/attachments', payload: many });
    assert.equal(tooMany.statusCode, 413);
    assert.equal(tooMany.json().text, '文件数量超过上限');

    const twice = new FormData();
    twice.append('note', 'a');
    twice.append('note', 'b');
    const duplicate = await app.inject({ method: 'POST', url: '/attachments', payload: twice });
    assert.equal(duplicate.statusCode, 400);
    assert.equal(duplicate.json().errors[0].field, 'body.note');
    assert.equal(duplicate.json().errors[0].text, '重复提交了此项');

    const cut = await app.inject({
      method: 'POST',
      url: '/attachments',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.log"\r\n\r\nhalf a fi',
    });
    assert.equal(cut.statusCode, 400);
    assert.equal(cut.json().code, 'validation_failed');

    const json = await app.inject({ method: 'POST', url: '/attachments', payload: { file: 'x' } });
    assert.equal(json.statusCode, 415);
    assert.deepEqual(await filesUnder(store.tempDir), []);
  });

  test('over real HTTP an oversized upload is answered 413 and the server keeps serving', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(3 << 20, 'z')]), 'big.log');
    const response = await fetch(`${address}/attachments`, { method: 'POST', body: form });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { code: string }).code, 'payload_too_large');
    assert.equal((await fetch(`${address}/healthz`)).status, 200);
    assert.deepEqual(await filesUnder(store.tempDir), []);
  });
});
