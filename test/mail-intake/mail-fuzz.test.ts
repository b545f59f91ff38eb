/**
 * Bad input never crashes the intake (issue 5, point 8): the .eml corpus mutated a few thousand
 * times — byte flips, truncation, duplicated headers, damaged MIME boundaries, swapped charsets,
 * huge header lines — and every input ends as a case, a reply, a quarantine entry, an ignored or
 * a rejected record (or a duplicate of one), with the database consistent afterwards.
 * Reproduce a failure with TACDESK_FUZZ_SEED=<the printed seed>; TACDESK_FUZZ_RUNS sets the count.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../harness/test-app.ts';
import { ingestRawMail, type MailIngestResult } from '../../src/modules/mail-intake/server/index.ts';
import { corpus, fixture, makeMailWorld, type MailWorld } from './mail-builders.ts';

const SEED = Number(process.env.TACDESK_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.TACDESK_FUZZ_RUNS ?? 2000);
const OUTCOMES = ['opened', 'replied', 'quarantined', 'rejected', 'ignored', 'duplicate'];

let t: TestApp;
let w: MailWorld;
before(async () => {
  t = await createTestApp();
  w = await makeMailWorld(t);
});
after(() => t?.close());

/** mulberry32: small, seedable, good enough to pick mutations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

const CHARSETS = [
  'gbk',
  'GB2312',
  'gb18030',
  'big5',
  'utf-8',
  'utf-7',
  'iso-2022-jp',
  'x-unknown',
  'UTF-16',
  '',
];

const lines = (raw: Buffer) => raw.toString('latin1').split('\r\n');
const join = (ls: string[]) => Buffer.from(ls.join('\r\n'), 'latin1');

const MUTATIONS: Record<string, (raw: Buffer, r: Rng) => Buffer> = {
  flipBytes(raw, r) {
    const out = Buffer.from(raw);
    for (let i = 0, n = 1 + r.int(20); i < n && out.length; i++) out[r.int(out.length)] = r.int(256);
    return out;
  },
  truncate: (raw, r) => raw.subarray(0, r.int(raw.length + 1)),
  duplicateHeader(raw, r) {
    const ls = lines(raw);
    const end = Math.max(1, ls.indexOf(''));
    const header = ls[r.int(end)]!;
    ls.splice(r.int(end), 0, ...Array(1 + r.int(50)).fill(header));
    return join(ls);
  },
  damageBoundary(raw, r) {
    const text = raw.toString('latin1');
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
    if (!boundary) return MUTATIONS.flipBytes!(raw, r);
    const choices = [
      () => text.replaceAll(`--${boundary}--`, ''),
      () => text.replace(`boundary="${boundary}"`, 'boundary=""'),
      () => text.replaceAll(`--${boundary}`, `--${boundary.slice(0, -1)}`),
      () =>
        text.replace(
          `--${boundary}`,
          `--${boundary}\r\n--${boundary}\r\nContent-Type: multipart/mixed; boundary="${boundary}"`,
        ),
    ];
    return Buffer.from(r.pick(choices)(), 'latin1');
  },
  swapCharset(raw, r) {
    const to = r.pick(CHARSETS);
    return Buffer.from(
      raw
        .toString('latin1')
        .replace(/charset="?[\w-]+"?/gi, `charset=${to}`)
        .replace(/=\?[\w-]+\?/g, `=?${to || 'x'}?`),
      'latin1',
    );
  },
  hugeHeader(raw, r) {
    const ls = lines(raw);
    const size = r.pick([1000, 70_000, 300_000, 1_200_000]);
    ls.splice(r.int(Math.max(1, ls.indexOf(''))), 0, `X-Huge: ${'字'.repeat(size / 3)}`.slice(0, size));
    return join(ls);
  },
  // A damaged Date header once parsed to year 22026, which the database refuses.
  oddDate(raw, r) {
    const date = r.pick([
      'Fri, 13 Mar 22026 08:30:00 +0800',
      'Mon, 1 Jan 0001 00:00:00 +0000',
      '前天下午',
      '',
    ]);
    const text = raw.toString('latin1');
    return Buffer.from(
      /^Date:/im.test(text) ? text.replace(/^Date:.*$/im, `Date: ${date}`) : `Date: ${date}\r\n${text}`,
      'latin1',
    );
  },
  freshMessageId(raw, r) {
    const id = `<fuzz-${r.int(1e9)}@fuzz.example>`;
    const text = raw.toString('latin1');
    return Buffer.from(
      /^Message-ID:/im.test(text)
        ? text.replace(/^Message-ID:.*$/im, `Message-ID: ${id}`)
        : `Message-ID: ${id}\r\n${text}`,
      'latin1',
    );
  },
};

test(
  `every mutated mail ends as a record with a reason, and the process survives (seed ${SEED})`,
  { timeout: 170_000 },
  async () => {
    process.stdout.write(`mail fuzz seed: ${SEED} (TACDESK_FUZZ_SEED=${SEED} to reproduce), ${RUNS} runs\n`);
    const r = prng(SEED);
    const base = corpus().map((name) => ({
      name,
      raw: fixture(name, { caseId: 1, caseNumber: 'TAC-2026-000001' }),
    }));
    const counts: Record<string, number> = {};
    let now = new Date('2026-04-01T00:00:00Z');
    const names = Object.keys(MUTATIONS);
    for (let i = 0; i < RUNS; i++) {
      const source = r.pick(base);
      let raw = source.raw;
      const applied: string[] = [];
      // Mostly a new Message-ID too, so most inputs are routed rather than found as duplicates.
      for (let m = 0, n = 1 + r.int(3); m < n; m++) {
        const name = r.pick(names);
        applied.push(name);
        raw = MUTATIONS[name]!(raw, r);
      }
      if (r.next() < 0.7) raw = MUTATIONS.freshMessageId!(raw, r);
      let result: MailIngestResult;
      // Forty seconds a mail: the flood guard stays out of the way of most of them.
      now = new Date(now.getTime() + 40_000);
      try {
        result = await ingestRawMail(
          { db: t.db, files: w.files, clock: () => now, maxBytes: 1024 * 1024 },
          raw,
          { kind: 'pipe' },
        );
      } catch (error) {
        assert.fail(
          `run ${i} (seed ${SEED}, ${source.name}, ${applied.join('+')}) threw: ${(error as Error).stack}`,
        );
      }
      assert.ok(OUTCOMES.includes(result.outcome), `run ${i}: ${JSON.stringify(result)}`);
      assert.ok(result.inboundMailId !== null, `run ${i}: no record`);
      if (['quarantined', 'rejected', 'ignored'].includes(result.outcome))
        assert.ok(result.reason, `run ${i}: no reason`);
      const key = result.reason ? `${result.outcome}:${result.reason}` : result.outcome;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    process.stdout.write(`mail fuzz outcomes: ${JSON.stringify(counts)}\n`);
    // Every record is consistent: settled, with a reason where one is due, a case where one opened.
    const bad = await t.db
      .selectFrom('inbound_mail')
      .select(['id', 'state', 'reason_code', 'case_id'])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', 'in', ['opened', 'replied']), eb('case_id', 'is', null)]),
          eb.and([eb('state', 'in', ['quarantined', 'rejected', 'ignored']), eb('reason_code', 'is', null)]),
        ]),
      )
      .execute();
    assert.deepEqual(bad, []);
    assert.equal((await t.app.inject({ url: '/readyz' })).statusCode, 200);
  },
);
