/**
 * Builds the web UI with Vite's JS API when its sources changed since the last build, so
 * `tacdesk serve` on a fresh clone serves a current UI without a separate build step.
 *
 * Staleness is a SHA-256 over the web sources (src/web, each module's web/ folder and root
 * contract files), every project file the last bundle actually contained (e.g. a helper a
 * contract imports), vite.config.ts and package-lock.json. It is kept in dist/web/.build-hash.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rolldown } from 'vite';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the built UI lives; what `registerWebUi` serves. */
export const WEB_DIST_DIR = join(PROJECT_ROOT, 'dist', 'web');
const HASH_FILE = '.build-hash';
const FIXED_INPUTS = ['vite.config.ts', 'package-lock.json'];
const SOURCE_DIRS = ['src/web'];
/** A build takes seconds; a holder still busy after minutes is stuck, not slow. */
const LOCK_WAIT_MS = 5 * 60_000;

export interface EnsureWebBuildOptions {
  /** Build even when the stored hash says the output is current. */
  force?: boolean;
  /** Progress lines ("building…", "built in 3.1 s"); silent when omitted. */
  log?: (message: string) => void;
}

interface BuildRecord {
  hash: string;
  /** Project-relative files the bundle was made from, beyond the ones found by walking SOURCE_DIRS. */
  inputs: string[];
}

let inFlight: Promise<string> | undefined;

/** Builds the web UI if it is missing or stale and returns the directory to serve. */
export function ensureWebBuild(options: EnsureWebBuildOptions = {}): Promise<string> {
  // Two callers in one process share one build rather than racing on the same output directory.
  inFlight ??= buildIfStale(options).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function buildIfStale({ force = false, log = () => {} }: EnsureWebBuildOptions): Promise<string> {
  if (!force && (await isFresh())) {
    log('web UI is up to date');
    return WEB_DIST_DIR;
  }
  return withBuildLock(async () => {
    // Another process (e.g. parallel test servers) may have built it while this one waited.
    if (!force && (await isFresh())) {
      log('web UI is up to date');
      return WEB_DIST_DIR;
    }
    await build(force, log);
    return WEB_DIST_DIR;
  });
}

async function isFresh(): Promise<boolean> {
  const previous = await readBuildRecord();
  if (!previous || !(await exists(join(WEB_DIST_DIR, 'index.html')))) return false;
  const sources = await listSourceFiles();
  return (await hashFiles([...sources, ...previous.inputs])) === previous.hash;
}

async function build(force: boolean, log: (message: string) => void): Promise<void> {
  // Digest the sources before building: an edit made during the build must leave the result stale.
  const digests = await digestFiles(await listSourceFiles());
  const started = performance.now();
  log(force ? 'building web UI (forced)' : 'building web UI (sources changed)');

  const tempDir = join(PROJECT_ROOT, 'dist', `.web-build-${process.pid}-${Date.now()}`);
  try {
    const vite = await import('vite');
    const result = await vite.build({
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: tempDir, emptyOutDir: true },
    });
    const inputs = bundledProjectFiles(result).filter((file) => !digests.has(file));
    const extraDigests = await digestFiles(inputs);
    const record: BuildRecord = { hash: combine(new Map([...digests, ...extraDigests])), inputs };
    await writeFile(join(tempDir, HASH_FILE), `${JSON.stringify(record, null, 2)}\n`);
    await swapInto(tempDir, WEB_DIST_DIR);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  log(`web UI built in ${((performance.now() - started) / 1000).toFixed(1)} s → ${WEB_DIST_DIR}`);
}

/**
 * Runs `work` holding dist/.web-build.lock, so processes sharing a checkout build one at a time.
 * A lock left by a process that died is taken over.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lockPath = join(PROJECT_ROOT, 'dist', '.web-build.lock');
  await mkdir(dirname(lockPath), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error;
      if (await isAbandoned(lockPath)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** The holder's pid is gone, or the file stayed empty (holder died while creating it). */
async function isAbandoned(lockPath: string): Promise<boolean> {
  const [text, info] = await Promise.all([
    readFile(lockPath, 'utf8').catch(() => null),
    stat(lockPath).catch(() => null),
  ]);
  if (text === null || info === null) return false; // released meanwhile: just retry
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) return Date.now() - info.mtimeMs > 10_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return hasCode(error, 'ESRCH');
  }
}

/** Puts a finished build in place with renames, so the served directory is never half-written. */
async function swapInto(tempDir: string, target: string): Promise<void> {
  const retired = `${target}.old-${process.pid}-${Date.now()}`;
  await rename(target, retired).catch(ignoreCode('ENOENT'));
  try {
    await rename(tempDir, target);
  } catch (error) {
    if (!hasCode(error, 'ENOTEMPTY') && !hasCode(error, 'EEXIST')) throw error;
  }
  await rm(retired, { recursive: true, force: true });
}

/** Web sources by walking: src/web, every module's web/ folder and every module's root files. */
async function listSourceFiles(): Promise<string[]> {
  const files = [...FIXED_INPUTS];
  const moduleRoot = join(PROJECT_ROOT, 'src', 'modules');
  const modules = await readdir(moduleRoot, { withFileTypes: true }).catch(() => []);
  const dirs = [...SOURCE_DIRS];
  for (const entry of modules) {
    if (!entry.isDirectory()) continue;
    dirs.push(`src/modules/${entry.name}/web`);
    const rootFiles = await readdir(join(moduleRoot, entry.name), { withFileTypes: true });
    for (const file of rootFiles) if (file.isFile()) files.push(`src/modules/${entry.name}/${file.name}`);
  }
  for (const dir of dirs) {
    const entries = await readdir(join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      if (entry.isFile()) files.push(toProjectPath(join(entry.parentPath, entry.name)));
    }
  }
  return [...new Set(files)].sort();
}

/** Project files (not dependencies, not Vite's virtual modules) that ended up in the bundle. */
function bundledProjectFiles(result: Awaited<ReturnType<typeof import('vite').build>>): string[] {
  const outputs: Rolldown.RolldownOutput[] = Array.isArray(result)
    ? result
    : 'output' in result
      ? [result]
      : [];
  const files = new Set<string>();
  for (const output of outputs) {
    for (const item of output.output) {
      if (item.type !== 'chunk') continue;
      for (const id of item.moduleIds) {
        const path = id.split('?')[0] ?? id;
        if (!isAbsolute(path) || path.includes(`${sep}node_modules${sep}`)) continue;
        const projectPath = toProjectPath(path);
        if (!projectPath.startsWith('..')) files.add(projectPath);
      }
    }
  }
  return [...files].sort();
}

async function digestFiles(files: readonly string[]): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  await Promise.all(
    files.map(async (file) => {
      // A listed file that disappeared hashes as "missing", which makes the build stale.
      const content = await readFile(join(PROJECT_ROOT, file)).catch(() => null);
      digests.set(file, content ? createHash('sha256').update(content).digest('hex') : 'missing');
    }),
  );
  return digests;
}

async function hashFiles(files: readonly string[]): Promise<string> {
  return combine(await digestFiles([...new Set(files)]));
}

function combine(digests: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const file of [...digests.keys()].sort()) hash.update(`${file}\0${digests.get(file)}\n`);
  return hash.digest('hex');
}

async function readBuildRecord(): Promise<BuildRecord | null> {
  try {
    const record = JSON.parse(await readFile(join(WEB_DIST_DIR, HASH_FILE), 'utf8')) as Partial<BuildRecord>;
    if (typeof record.hash !== 'string' || !Array.isArray(record.inputs)) return null;
    return { hash: record.hash, inputs: record.inputs.filter((input) => typeof input === 'string') };
  } catch {
    return null;
  }
}

function toProjectPath(path: string): string {
  return relative(PROJECT_ROOT, path).split(sep).join('/');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function ignoreCode(code: string) {
  return (error: unknown) => {
    if (!hasCode(error, code)) throw error;
  };
}
