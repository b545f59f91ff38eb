/**
 * Throughput of LocalFileStore.put (SHA-256, write, fsync, rename) for a 20 MiB upload arriving
 * in 64 KiB chunks, as a socket or file stream delivers it. Run:
 *   npm exec -- node bench/file-store-put.bench.ts [dir]
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalFileStore } from '../src/platform/files/file-store.ts';

const SIZE = 20 * 1024 * 1024;
const CHUNK = 64 * 1024;
const RUNS = 5;

const dataDir = await fs.mkdtemp(path.join(process.argv[2] ?? os.tmpdir(), 'tacdesk-bench-'));
const store = await LocalFileStore.open({ dataDir });
// A pcap header then random bytes: binary, accepted, and never deduplicated between runs.
const pcapHeader = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');
const results: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const content = Buffer.concat([pcapHeader, crypto.randomBytes(SIZE - pcapHeader.length)]);
  const chunks = Array.from({ length: SIZE / CHUNK }, (_, i) => content.subarray(i * CHUNK, (i + 1) * CHUNK));
  const started = process.hrtime.bigint();
  await store.put(Readable.from(chunks), { maxBytes: 25 * 1024 * 1024, declaredName: 'capture.pcap' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  results.push(SIZE / 1024 / 1024 / seconds);
}
await fs.rm(dataDir, { recursive: true, force: true });
results.sort((a, b) => a - b);
console.log(
  `put 20 MiB x${RUNS} in ${dataDir}: median ${results[RUNS >> 1]!.toFixed(0)} MiB/s ` +
    `(min ${results[0]!.toFixed(0)}, max ${results[RUNS - 1]!.toFixed(0)})`,
);
