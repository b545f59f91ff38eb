/** The markdown summary of a bench run: bench/results/summary.md and the table in docs/PERFORMANCE.md. */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { ROOT } from './server.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- the result is plain JSON */
const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';
const f = (x: unknown, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(0)} %` : '—');
const mark = (ok: boolean | null) => (ok === null ? '' : ok ? ' ✓' : ' ✗');

export function renderMarkdown(r: any): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(
    `Run ${r.at.slice(0, 16).replace('T', ' ')} UTC, ${r.minutes} min: ${m.cpus} cores (${m.cpuModel}), ${m.memGiB} GiB, ` +
      `Node ${m.node.replace(/^v/, '')}, PGlite ${m.pglite}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}. ` +
      `Intake ${r.config.seconds} s per step; ${r.config.queryRequests} requests per query; seeded open share ${r.config.openShare}. ` +
      `Load generator, server and database share the same cores.`,
    '',
    '**Intake** (`POST /api/cases`, signed-in hotline operator; ratio = cases/s ÷ same-run driver baseline at that concurrency, PGlite: its single connection)',
    '',
    '| engine | concurrency | cases/s | p50 ms | p99 ms | driver baseline tx/s (p50 ms) | ratio | pgbench tx/s | failed |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const e of r.engines) {
    for (const s of e.intake?.steps ?? []) {
      const b =
        e.engine === 'pglite'
          ? e.baseline.driver[0]
          : e.baseline.driver.find((d: any) => d.concurrency === s.concurrency);
      const pgb = e.baseline.pgbench.find((d: any) => !d.error && d.concurrency === s.concurrency);
      const target =
        e.engine === 'pglite'
          ? s.ratioToDriver >= 0.4
          : s.concurrency === 4
            ? s.ratioToDriver >= 0.25 && s.latencyMs.p99 <= 50
            : null;
      lines.push(
        `| ${e.engine} | ${s.concurrency} | ${f(s.perSecond)} | ${f(s.latencyMs.p50)} | ${f(s.latencyMs.p99)} | ` +
          `${b ? `${f(b.perSecond)} (${f(b.latencyMs.p50, 2)})` : '—'} | ${pct(s.ratioToDriver)}${mark(target)} | ` +
          `${pgb ? f(pgb.perSecond) : '—'} | ${s.failed} |`,
      );
    }
  }
  lines.push(
    '',
    "**Queue and search** through the API (one client, ms p50 / p95; queue = `open=true&sort=sla&limit=50`; search = `q=` newest first, 50 rows; by relevance = `&sort=relevance`, as the queue's search box asks)",
    '',
    `| engine | cases (open) | queue | 「${'业务'}」 (common) | 「漏水」 (rare) | OceanStor | 「召回」 (needle) | 「业务」 by relevance | 「漏水」 by relevance | seed rows/s |`,
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const e of r.engines) {
    for (const s of e.sizes ?? []) {
      const q = (k: string, limit: number) => {
        const x = s.queries[k];
        return x ? `${f(x.latencyMs.p50)} / ${f(x.latencyMs.p95)}${mark(x.latencyMs.p95 <= limit)}` : '—';
      };
      lines.push(
        `| ${e.engine} | ${s.seed.total} (${s.seed.open}) | ${q('queue', 20)} | ${q('searchZhCommon', 50)} | ` +
          `${q('searchZhRare', 50)} | ${q('searchEn', 50)} | ${q('searchZhNeedle', 50)} | ${q('relevanceZhCommon', 50)} | ` +
          `${q('relevanceZhRare', 50)} | ${f(s.seed.rowsPerSecond, 0)} |`,
      );
    }
  }
  lines.push(
    '',
    '**Escalation sweep** (one `sweepEscalations` call in-process; lag = escalation event time − sweep start)',
    '',
    '| engine | cases (escalating) | cases due | steps fired | time s | ms per case | lag p50 / max ms | ms per case ÷ smallest N’s |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const e of r.engines) {
    const first = e.sizes?.[0]?.sweep;
    for (const s of e.sizes ?? []) {
      const w = s.sweep ?? {};
      const ratio = first?.msPerCase ? w.msPerCase / first.msPerCase : null;
      lines.push(
        `| ${e.engine} | ${s.seed.total} (${s.seed.escalating}) | ${w.dueCases ?? '—'} | ${w.fired ?? '—'} | ${f(w.seconds, 2)} | ` +
          `${f(w.msPerCase, 2)} | ${f(w.firingLagMs?.p50, 0)} / ${f(w.firingLagMs?.max, 0)} | ` +
          `${ratio === null ? '—' : `${ratio.toFixed(2)}${s === e.sizes[0] ? '' : mark(ratio <= 1.5)}`} |`,
      );
    }
  }
  lines.push(
    '',
    '**Start and memory** (`node src/cli.ts serve`, spawn → first 200 from `/readyz`; RSS from `/proc/<pid>/status`)',
    '',
    '| engine | start, demo data ms | start at largest N ms | RSS idle MiB | RSS max under intake MiB | RSS idle after load MiB |',
    '| --- | --: | --: | --: | --: | --: |',
  );
  for (const e of r.engines) {
    const i = e.intake;
    lines.push(
      `| ${e.engine} | ${i?.startupMs ?? '—'} | ${e.sizes?.at(-1)?.startupMs ?? '—'} | ${f(i?.rss.idleMiB)}${mark(i ? i.rss.idleMiB <= 250 : null)} | ` +
        `${f(i?.rss.underMaxConcurrencyMaxMiB)} | ${f(i?.rss.idleAfterLoadMiB)} |`,
    );
  }
  return lines.join('\n');
}

export async function writeReport(r: any, opts: { docs: boolean }): Promise<string> {
  const md = renderMarkdown(r);
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'summary.md'), `${md}\n`);
  if (opts.docs) {
    const file = path.join(ROOT, 'docs', 'PERFORMANCE.md');
    const doc = fs.readFileSync(file, 'utf8');
    const block = `${BEGIN}\n${md}\n${END}`;
    const a = doc.indexOf(BEGIN);
    const b = doc.indexOf(END);
    const next =
      a >= 0 && b > a
        ? doc.slice(0, a) + block + doc.slice(b + END.length)
        : `${doc.trimEnd()}\n\n${block}\n`;
    // Formatted as the repository's `format:check` expects.
    fs.writeFileSync(
      file,
      await prettier.format(next, { ...(await prettier.resolveConfig(file)), filepath: file }),
    );
  }
  return md;
}
