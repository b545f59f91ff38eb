/**
 * `npm test`: every test, on PGlite, then again on PostgreSQL when TACDESK_TEST_DATABASE_URL
 * is set, then the browser journeys (Chromium). Ends with one line `N passed, N failed`.
 *
 *   npm test                  unit + API tests on PGlite, browser journeys if Chromium exists
 *   npm test -- --e2e         browser journeys only
 *   npm test -- --unit        no browser journeys
 *   npm test -- path.test.ts  just those files
 */
import { spawn } from 'node:child_process';
import { existsSync, globSync } from 'node:fs';

const args = process.argv.slice(2);
const onlyE2e = args.includes('--e2e');
const noE2e = args.includes('--unit');
const explicit = args.filter((a) => !a.startsWith('--'));
const pgUrl = process.env.TACDESK_TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const unitFiles = explicit.length
  ? explicit.filter((f) => !f.endsWith('.e2e.ts'))
  : globSync(['src/**/*.test.ts', 'test/**/*.test.ts']).sort();
const e2eFiles = explicit.length
  ? explicit.filter((f) => f.endsWith('.e2e.ts'))
  : globSync('e2e/**/*.e2e.ts').sort();

interface Outcome {
  label: string;
  passed: number;
  failed: number;
  skipped: number;
  code: number;
}

function run(label: string, files: string[], env: Record<string, string | undefined>): Promise<Outcome> {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${label}: ${files.length} file(s) ===\n`);
    const child = spawn(
      process.execPath,
      ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=300000', ...files],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const count = (name: string) => Number(out.match(new RegExp(`ℹ ${name} (\\d+)`))?.[1] ?? 0);
      resolve({
        label,
        passed: count('pass'),
        failed: count('fail'),
        skipped: count('skipped'),
        code: code ?? 1,
      });
    });
  });
}

const outcomes: Outcome[] = [];
if (!onlyE2e && unitFiles.length) {
  outcomes.push(await run('PGlite', unitFiles, { TACDESK_TEST_DATABASE_URL: '' }));
  if (pgUrl) outcomes.push(await run('PostgreSQL', unitFiles, { TACDESK_TEST_DATABASE_URL: pgUrl }));
}
if (!noE2e && e2eFiles.length) {
  if (existsSync(chromium))
    outcomes.push(await run('Browser journeys (Chromium)', e2eFiles, { TACDESK_TEST_DATABASE_URL: '' }));
  else if (process.env.CI)
    outcomes.push({ label: 'Browser journeys', passed: 0, failed: 1, skipped: 0, code: 1 });
  else
    process.stdout.write(
      `\nBrowser journeys skipped: no Chromium at ${chromium} (apt-get install chromium)\n`,
    );
}

process.stdout.write('\n');
for (const o of outcomes)
  process.stdout.write(`${o.label}: ${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped\n`);
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
const skipped = outcomes.reduce((n, o) => n + o.skipped, 0);
const broken = outcomes.some((o) => o.code !== 0);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || broken || passed === 0 ? 1 : 0);
