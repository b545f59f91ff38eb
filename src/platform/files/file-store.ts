/**
 * Where attachment bytes live. Content-addressed by SHA-256, so the same file attached to ten
 * cases is stored once and a stored file never changes. Which case a file belongs to, its name
 * and who may read it are the owning module's rows; the store only knows bytes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../http/app-error.ts';
import { SNIFF_BYTES, checkDeclaredName, fileRefused, sniffType, type SniffedType } from './sniff-type.ts';

/** 25 MiB: enough for screenshots, PDFs and most log bundles, small enough for mail relays. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** A stored file as the owning module records it. */
export interface StoredFile {
  sha256: string;
  size: number;
  /** Sniffed from the content (with `; charset=` for text), never the client's claim. */
  mediaType: string;
  /** The extension a download name must end in (appended when it does not). */
  extension: string;
}

export interface PutOptions {
  /** Refuse with payload_too_large as soon as the stream passes this many bytes. */
  maxBytes: number;
  /** The client's file name: executables' names are refused; it may pick an office subtype. */
  declaredName: string;
  /** The client's Content-Type: only quoted in refusals, never trusted. */
  declaredType?: string;
}

/** Size of a stored file, as found on storage. */
export interface FileStat {
  sha256: string;
  size: number;
}

/** Attachment storage; `LocalFileStore` on disk today, an S3-compatible bucket past one machine. */
export interface FileStore {
  /** Streams `source` into the store; nothing is visible unless the whole file was accepted. */
  put(source: Readable, options: PutOptions): Promise<StoredFile>;
  /** The content of a stored file; AppError('not_found') when absent. */
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<FileStat | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_DIR = '.tmp';
// Long enough that no upload still in progress (25 MiB over a slow link) is swept.
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** Files under `<dataDir>/files/ab/cd/abcd…`, written to `.tmp/`, fsync'd, then renamed into place. */
export class LocalFileStore implements FileStore {
  readonly root: string;
  readonly tempDir: string;

  constructor(options: { dataDir: string }) {
    this.root = path.join(options.dataDir, 'files');
    this.tempDir = path.join(this.root, TEMP_DIR);
  }

  /** Creates the directories and removes temp files left by a crash mid-upload. */
  static async open(options: { dataDir: string }): Promise<LocalFileStore> {
    const store = new LocalFileStore(options);
    await fs.mkdir(store.tempDir, { recursive: true, mode: 0o700 });
    await store.sweepTempFiles(STALE_TEMP_MS);
    return store;
  }

  /** Removes temp files older than `olderThanMs`: uploads a crash interrupted. Returns how many. */
  async sweepTempFiles(olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.tempDir).catch(() => [])) {
      const file = path.join(this.tempDir, name);
      const info = await fs.stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs >= olderThanMs) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Path of a stored file; only for tests and backups, everything else goes through the store. */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw notFound('file');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, options: PutOptions): Promise<StoredFile> {
    const tempPath = path.join(this.tempDir, `${crypto.randomUUID()}.part`);
    let file: fs.FileHandle;
    try {
      // Refuse an executable's name before reading a byte of it.
      checkDeclaredName(options.declaredName);
      await fs.mkdir(this.tempDir, { recursive: true, mode: 0o700 });
      file = await fs.open(tempPath, 'wx', 0o600);
    } catch (error) {
      source.destroy();
      throw storageError(error);
    }
    let closed = false;
    try {
      const hash = crypto.createHash('sha256');
      const head: Buffer[] = [];
      let size = 0;
      let type: SniffedType | null = null;
      for await (const chunk of source as AsyncIterable<Buffer | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (size > options.maxBytes) {
          throw fileRefused(
            'payload_too_large',
            `file is larger than ${options.maxBytes} bytes`,
            `文件超过 ${options.maxBytes} 字节的上限`,
          );
        }
        hash.update(bytes);
        if (!type) {
          head.push(bytes);
          // Sniff as soon as the head is in, so a refused type stops the upload early.
          if (size >= SNIFF_BYTES) {
            type = await sniffType(Buffer.concat(head, SNIFF_BYTES), { ...options, complete: false });
            head.length = 0;
          }
        }
        await writeAll(file, bytes);
      }
      if (size === 0) throw fileRefused('validation_failed', 'file is empty', '文件是空的');
      type ??= await sniffType(Buffer.concat(head), { ...options, complete: true });
      await file.sync();
      closed = true;
      await file.close();
      const sha256 = hash.digest('hex');
      await this.commit(tempPath, sha256, size);
      return { sha256, size, ...type };
    } catch (error) {
      source.destroy();
      if (!closed) await file.close().catch(() => {});
      await fs.rm(tempPath, { force: true });
      throw storageError(error);
    }
  }

  async open(sha256: string): Promise<Readable> {
    try {
      const file = await fs.open(this.pathOf(sha256), 'r');
      return file.createReadStream();
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw notFound('file');
      throw error;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<FileStat | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const info = await fs.stat(this.pathOf(sha256)).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return null;
      throw error;
    });
    return info ? { sha256, size: info.size } : null;
  }

  private async commit(tempPath: string, sha256: string, size: number): Promise<void> {
    const finalPath = this.pathOf(sha256);
    const dir = path.dirname(finalPath);
    const firstCreated = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const existing = await fs.stat(finalPath).catch(() => null);
    if (existing?.size === size) {
      // Same content already stored (the name is its hash). A size mismatch would mean a damaged
      // copy, which the rename below replaces.
      await fs.rm(tempPath, { force: true });
      return;
    }
    // rename(2) is atomic: readers see no file or the whole fsync'd file, never a partial one.
    await fs.rename(tempPath, finalPath);
    // The rename, and any shard directory just created, are durable only once their parent
    // directories are fsync'd.
    const toSync = [dir];
    const stop = firstCreated ? path.dirname(firstCreated) : dir;
    for (let d = dir; d !== stop && d !== path.dirname(d);) toSync.push((d = path.dirname(d)));
    for (const d of toSync) await syncDir(d);
  }
}

async function writeAll(file: fs.FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function storageError(error: unknown): unknown {
  if (isCode(error, 'ENOSPC') || isCode(error, 'EDQUOT')) {
    return new AppError('unavailable', 'attachment storage is full', {
      cause: error,
      zh: '附件存储空间已满，请联系系统管理员',
    });
  }
  return error;
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
