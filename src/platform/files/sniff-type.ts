/**
 * What an uploaded file really is, judged from its first bytes, and whether a TAC accepts it.
 * The client's declared type is never trusted and its file name can only refuse (an executable
 * extension) or pick between subtypes of a container the content already proved: a zip named
 * `.docx` is served as a Word document, an OLE file named `.xls` as an Excel one.
 */
import { fileTypeFromBuffer } from 'file-type';
import { AppError, type ErrorCode } from '../http/app-error.ts';

/** How many leading bytes the sniffer looks at; the store holds this much in memory per upload. */
export const SNIFF_BYTES = 64 * 1024;

/** The media type to serve a file with and the extension its download name must end in. */
export interface SniffedType {
  /** With `; charset=…` for text, so the browser decodes GBK logs correctly. */
  mediaType: string;
  extension: string;
}

export interface SniffInput {
  declaredName: string;
  /** Only quoted in the refusal message. */
  declaredType?: string;
  /** True when `head` is the whole file, not a prefix cut at SNIFF_BYTES. */
  complete: boolean;
}

const ACCEPTED =
  'accepted: images (png, jpeg, gif, webp, bmp, tiff), pdf, office documents, archives, packet captures, text and mail';
const ACCEPTED_ZH =
  '可上传：图片（png、jpeg、gif、webp、bmp、tiff）、PDF、Office 文档、压缩包、抓包文件、文本和邮件';

/**
 * A refused file, worded in English and zh-CN. Its field error names `file`; an upload names
 * its form field instead (multipart.ts).
 */
export function fileRefused(code: ErrorCode, message: string, zh: string): AppError {
  return new AppError(code, message, { zh, fieldErrors: [{ field: 'file', message, zh }] });
}

// Binary formats proven by magic numbers (keys are `file-type` extensions).
const BINARY: Record<string, SniffedType> = {
  png: { mediaType: 'image/png', extension: 'png' },
  jpg: { mediaType: 'image/jpeg', extension: 'jpg' },
  gif: { mediaType: 'image/gif', extension: 'gif' },
  webp: { mediaType: 'image/webp', extension: 'webp' },
  bmp: { mediaType: 'image/bmp', extension: 'bmp' },
  // What fax servers and scanners deliver (multi-page, CCITT Group 4).
  tif: { mediaType: 'image/tiff', extension: 'tif' },
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  zip: { mediaType: 'application/zip', extension: 'zip' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
  },
  '7z': { mediaType: 'application/x-7z-compressed', extension: '7z' },
  rar: { mediaType: 'application/vnd.rar', extension: 'rar' },
  gz: { mediaType: 'application/gzip', extension: 'gz' },
  'tar.gz': { mediaType: 'application/gzip', extension: 'gz' },
  tar: { mediaType: 'application/x-tar', extension: 'tar' },
  // sosreport and many vendors' log bundles are .tar.xz / .tar.bz2 / .tar.zst.
  xz: { mediaType: 'application/x-xz', extension: 'xz' },
  bz2: { mediaType: 'application/x-bzip2', extension: 'bz2' },
  zst: { mediaType: 'application/zstd', extension: 'zst' },
  pcap: { mediaType: 'application/vnd.tcpdump.pcap', extension: 'pcap' },
};

const PCAPNG: SniffedType = { mediaType: 'application/x-pcapng', extension: 'pcapng' };

// An OLE compound file is also what .msi installers are made of, so only office names pass.
const OLE_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  msg: 'application/vnd.ms-outlook',
};

// Text extensions kept as given; any other text gets `.txt`. Values are media types.
const TEXT_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  out: 'text/plain',
  cfg: 'text/plain',
  conf: 'text/plain',
  ini: 'text/plain',
  md: 'text/plain',
  yaml: 'text/plain',
  yml: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'application/xml',
};

// Download names whose extension is in one group may stand for each other.
const EXTENSION_GROUPS = [['jpg', 'jpeg', 'jpe'], ['gz', 'tgz'], ['eml'], Object.keys(TEXT_BY_EXTENSION)];

// Executables, installers, shortcuts, scripts, and markup a browser would run.
const REFUSED_EXTENSIONS = new Set(
  (
    'exe com scr pif cpl msi msp mst dll sys ocx drv efi bat cmd ps1 psm1 psd1 ps1xml sh bash zsh csh ' +
    'ksh command js mjs cjs jse vbs vbe wsf wsh hta jar apk ipa app deb rpm dmg pkg lnk url scf reg inf ' +
    'msc gadget html htm xhtml xht shtml mht mhtml svg svgz php asp aspx jsp py pyw pl rb'
  ).split(' '),
);

// Leading elements that make browsers treat a document as HTML (WHATWG MIME sniffing).
const HTML_ELEMENTS = new Set(
  'html head body script iframe h1 div font table a style title b br p'.split(' '),
);

/** The lower-case extension of a file name ('' if none); trailing dots and spaces ignored as Windows does. */
export function extensionOf(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[. ]+$/, '');
  const dot = base.lastIndexOf('.');
  // A bare ".exe" is still an executable's name to Windows.
  return dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Refuses names of executables, scripts and browser-run markup before any byte is stored. */
export function checkDeclaredName(declaredName: string): void {
  const extension = extensionOf(declaredName);
  if (REFUSED_EXTENSIONS.has(extension)) {
    throw fileRefused(
      'unsupported_media_type',
      `.${extension} files are not accepted (${ACCEPTED})`,
      `不接受 .${extension} 文件（${ACCEPTED_ZH}）`,
    );
  }
}

/** Whether a download name's extension already says what the file is (else `.extension` is appended). */
export function extensionMatches(file: SniffedType, name: string): boolean {
  const given = extensionOf(name);
  if (given === file.extension) return true;
  return EXTENSION_GROUPS.some((group) => group.includes(given) && group.includes(file.extension));
}

/** Detects the real type of `head`; throws AppError('unsupported_media_type') naming it if refused. */
export async function sniffType(head: Uint8Array, input: SniffInput): Promise<SniffedType> {
  checkDeclaredName(input.declaredName);
  const declaredExtension = extensionOf(input.declaredName);
  if (isPcapng(head)) return PCAPNG;
  const found = await fileTypeFromBuffer(head);
  if (found?.ext === 'cfb') {
    const mediaType = OLE_BY_EXTENSION[declaredExtension];
    if (mediaType) return { mediaType, extension: declaredExtension };
    throw refuse('application/x-ole-storage (an OLE file not named .doc, .xls, .ppt or .msg)', input);
  }
  if (declaredExtension === 'zip' && isZip(head)) {
    // Jar, epub, OpenDocument and macro-enabled Office files are zips too: named .zip, one is
    // opened as an archive, never run, so the name decides.
    return BINARY.zip!;
  }
  if (found?.ext === 'zip' && ['docx', 'xlsx', 'pptx'].includes(declaredExtension)) {
    // Office may write [Content_Types].xml after the first 64 KiB; the name picks the subtype.
    return BINARY[declaredExtension]!;
  }
  const binary = found && BINARY[found.ext];
  if (binary && (found.ext !== 'bmp' || isBmp(head))) return binary;
  // Some magic numbers are short printable strings ("BM", "ID3", "{\rtf", "<?xml"): text that
  // matches one is still judged as text, which also runs the markup check on XML.
  const text = sniffText(head, input, declaredExtension);
  if (text) return text;
  throw refuse(
    found ? `${found.mime} (${found.ext})` : 'application/octet-stream (unrecognised binary)',
    input,
  );
}

function refuse(detected: string, input: SniffInput): AppError {
  const declared = input.declaredType ? `, declared ${input.declaredType}` : '';
  const declaredZh = input.declaredType ? `（声明为 ${input.declaredType}）` : '';
  return fileRefused(
    'unsupported_media_type',
    `content is ${detected}${declared}; ${ACCEPTED}`,
    `文件内容是 ${detected}${declaredZh}，不在可上传的类型之内；${ACCEPTED_ZH}`,
  );
}

function isPcapng(head: Uint8Array): boolean {
  // Section header block type, then the byte-order magic 0x1A2B3C4D in either order.
  const magic = head.length >= 12 ? Buffer.from(head.subarray(8, 12)).toString('hex') : '';
  return (
    head[0] === 0x0a &&
    head[1] === 0x0d &&
    head[2] === 0x0d &&
    head[3] === 0x0a &&
    /^(1a2b3c4d|4d3c2b1a)$/.test(magic)
  );
}

function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1;
}

function isBmp(head: Uint8Array): boolean {
  // "BM" alone starts plenty of log lines; a real bitmap has a known DIB header size at offset 14.
  if (head.length < 18) return false;
  const dibSize = Buffer.from(head.buffer, head.byteOffset, head.length).readUInt32LE(14);
  return [12, 40, 52, 56, 64, 108, 124].includes(dibSize);
}

function sniffText(head: Uint8Array, input: SniffInput, declaredExtension: string): SniffedType | null {
  const decoded = decodeText(head, input.complete);
  if (!decoded) return null;
  const start = decoded.text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 4096);
  if (start.startsWith('#!')) throw refuse('text/x-shellscript (a script starting with #!)', input);
  if (/^@echo\s+off/i.test(start)) throw refuse('application/x-bat (a batch script)', input);
  const markup = markupKind(start);
  if (markup) throw refuse(markup, input);
  if (looksLikeMail(start)) return { mediaType: 'message/rfc822', extension: 'eml' };
  const charset = `; charset=${decoded.charset}`;
  let mediaType = TEXT_BY_EXTENSION[declaredExtension];
  // A name can say JSON or XML only if the content could be; otherwise it is plain text.
  if (mediaType === 'application/json' && !/^[[{]/.test(start)) mediaType = undefined;
  if (mediaType === 'application/xml' && !start.startsWith('<')) mediaType = undefined;
  if (mediaType) return { mediaType: mediaType + charset, extension: declaredExtension };
  if (start.startsWith('<?xml')) return { mediaType: 'application/xml' + charset, extension: 'xml' };
  return { mediaType: 'text/plain' + charset, extension: 'txt' };
}

// Tab, line feed, vertical tab, form feed, carriage return, backspace and ESC (ANSI colours).
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x08, 0x1b]);

function decodeText(head: Uint8Array, complete: boolean): { text: string; charset: string } | null {
  // A cut-off head may end inside a multi-byte character: `stream` keeps it pending, not an error.
  const decode = (charset: string) => {
    try {
      return new TextDecoder(charset, { fatal: true }).decode(head, { stream: !complete });
    } catch {
      return null;
    }
  };
  let text: string | null = null;
  let charset = 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) charset = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) charset = 'utf-16be';
  if (charset !== 'utf-8') text = decode(charset);
  else if (!head.includes(0)) {
    text = decode('utf-8');
    if (text === null) {
      // Chinese Windows writes logs and CSV exports in GBK; GB18030 is its superset.
      charset = 'gb18030';
      text = decode(charset);
    }
  }
  if (text === null || text.includes('\0')) return null;
  // Text has few control characters outside TEXT_CONTROLS.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !TEXT_CONTROLS.has(c)) || c === 0x7f) controls++;
  }
  return controls * 100 > text.length ? null : { text, charset };
}

function markupKind(start: string): string | null {
  let rest = start;
  // Skip an XML declaration, processing instructions and comments before the first element.
  for (;;) {
    rest = rest.trimStart();
    const close = rest.startsWith('<?') ? '?>' : rest.startsWith('<!--') ? '-->' : null;
    if (!close) break;
    const end = rest.indexOf(close);
    if (end === -1) return null;
    rest = rest.slice(end + close.length);
  }
  const doctype = /^<!doctype\s+([a-z]+)/i.exec(rest)?.[1]?.toLowerCase();
  if (doctype === 'html') return 'text/html';
  if (doctype === 'svg') return 'image/svg+xml';
  if (doctype) rest = rest.slice(rest.indexOf('>') + 1).trimStart();
  const tag = /^<([a-z][\w.-]*:)?([a-z][\w.-]*)([^>]*)/i.exec(rest);
  if (!tag) return null;
  const name = tag[2]!.toLowerCase();
  const attributes = tag[3] ?? '';
  if (name === 'svg' || attributes.includes('http://www.w3.org/2000/svg')) return 'image/svg+xml';
  if (HTML_ELEMENTS.has(name) || attributes.includes('http://www.w3.org/1999/xhtml')) return 'text/html';
  return null;
}

function looksLikeMail(start: string): boolean {
  // RFC 5322: header fields up to the first empty line, including From and at least one more.
  const headerBlock = start.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = headerBlock.split(/\r?\n/);
  if (lines.length < 2 || !lines.every((l) => /^[!-9;-~]+:/.test(l) || /^[ \t]/.test(l))) return false;
  const names = new Set(lines.map((l) => l.split(':', 1)[0]!.toLowerCase()));
  return (
    names.has('from') &&
    ['date', 'subject', 'message-id', 'received', 'mime-version'].some((n) => names.has(n))
  );
}
