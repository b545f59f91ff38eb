/**
 * The backup file format, shared by the writer and the reader. A backup is gzip'd NDJSON:
 *
 *   {"kind":"header","format":"tacdesk-backup","version":1,"migration":…,"engine":…,"tables":[…]}
 *   {"kind":"table","table":"branch","columns":[{"name":"id","type":"bigint","codec":"int8"},…]}
 *   [1,"BJ","北京总部",true,"2026-03-01T01:30:15.123456Z",null]     one array per row
 *   …                                      tables come parents first (foreign-key order)
 *   {"kind":"end","rows":{"branch":3,…},"sha256":"…"}
 *
 * Values: null is SQL NULL; booleans and integers are JSON (int8 as a number when it is a safe
 * integer); timestamptz is ISO 8601 in UTC with microseconds; bytea is base64; everything
 * else, json/jsonb included, is PostgreSQL's text form (see `Codec`).
 *
 * The SHA-256 covers every byte (uncompressed) before the trailer line, so a file cut short or
 * edited is refused even where gzip's own CRC would not notice (a file cut at a line boundary
 * and recompressed).
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Codec } from './backup-catalog.ts';

export const BACKUP_FORMAT = 'tacdesk-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** Newest migration applied to the source; restore recreates the schema from it. */
  migration: string;
  engine: 'pglite' | 'postgres';
  serverVersion: string;
  createdAt: string;
  /** Table names in the order their sections follow (parents before children). */
  tables: string[];
}

export interface BackupColumn {
  name: string;
  /** SQL type as `format_type` spells it, for people reading the file. */
  type: string;
  codec: Codec;
}

export interface TableSection {
  kind: 'table';
  table: string;
  columns: BackupColumn[];
}

export interface BackupTrailer {
  kind: 'end';
  rows: Record<string, number>;
  sha256: string;
}

/** What `tacdesk backup` / `tacdesk restore` report. */
export interface BackupCommandSummary {
  migration: string;
  tables: number;
  rows: number;
  /** Size of the compressed backup file. */
  bytes: number;
}

/** What a backup or restore did, table by table. */
export interface BackupSummary extends BackupCommandSummary {
  rowsByTable: Record<string, number>;
}

// A row of realistic size is far below this; the cap keeps a corrupt file from eating memory.
const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** Thrown for any file that is not a complete, intact backup. */
export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

/** The target database or the backup's migration does not allow a restore. */
export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

export interface BackupLineReader {
  lines: AsyncGenerator<Buffer>;
  /** Compressed bytes consumed so far. */
  bytesRead(): number;
  /** Releases the input; safe to call at any point, also before reading. */
  close(): void;
}

/**
 * Gunzips `input` and yields its lines without the newline. A final line with no newline
 * means the file was cut short.
 */
export function readBackupLines(input: Readable): BackupLineReader {
  let bytes = 0;
  input.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const gunzip = createGunzip();
  input.once('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);

  async function* lines(): AsyncGenerator<Buffer> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
          const tail = chunk.subarray(start, nl);
          yield pending.length ? Buffer.concat([...pending, tail]) : tail;
          pending = [];
          pendingBytes = 0;
          start = nl + 1;
        }
        if (start < chunk.length) {
          pending.push(chunk.subarray(start));
          pendingBytes += chunk.length - start;
          if (pendingBytes > MAX_LINE_BYTES) {
            throw new BackupFormatError('Backup file is corrupt (line too long)');
          }
        }
      }
    } catch (error) {
      if (error instanceof BackupFormatError) throw error;
      const code = (error as { code?: string }).code;
      if (typeof code === 'string' && code.startsWith('Z_')) {
        throw new BackupFormatError(`Backup file is truncated or corrupt (${(error as Error).message})`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      close();
    }
    if (pendingBytes > 0) throw new BackupFormatError('Backup file is truncated (last line is incomplete)');
  }
  function close(): void {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
  return { lines: lines(), bytesRead: () => bytes, close };
}

/** Parses one line as JSON, turning a syntax error into a format error with the line number. */
export function parseLine(line: Buffer, lineNumber: number): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    throw new BackupFormatError(`Backup file is corrupt (line ${lineNumber} is not valid JSON)`);
  }
}

/** Checks the first line is a header this version can read. */
export function parseHeader(value: unknown): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (!h || typeof h !== 'object' || h.kind !== 'header' || h.format !== BACKUP_FORMAT) {
    throw new BackupFormatError('Not a TACdesk backup file');
  }
  if (h.version !== BACKUP_VERSION) {
    throw new BackupFormatError(`Unsupported backup format version ${String(h.version)}; expected 1`);
  }
  if (typeof h.migration !== 'string' || !Array.isArray(h.tables)) {
    throw new BackupFormatError('Backup header is incomplete');
  }
  return h as BackupHeader;
}
