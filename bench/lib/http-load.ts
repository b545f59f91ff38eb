/**
 * A closed-loop HTTP load generator on node:http with keep-alive: C workers each send the next
 * request when the previous answered, for a fixed time (and at most maxRequests). It runs in the
 * bench process, on the same 2 cores as the server: its cost is part of every number.
 */
import http from 'node:http';
import { nowMs, summarize, type LatencySummary } from './stats.ts';

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string | undefined;
}

export interface LoadResult {
  concurrency: number;
  seconds: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  perSecond: number;
  latencyMs: LatencySummary;
  firstError?: string | undefined;
}

export function httpClient(baseUrl: string, headers: Record<string, string>, maxSockets: number) {
  const u = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (spec: RequestSpec) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          method: spec.method,
          path: spec.path,
          agent,
          headers: spec.body
            ? {
                ...headers,
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(spec.body),
              }
            : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (spec.body) req.write(spec.body);
      req.end();
    });
  return { send, close: () => agent.destroy() };
}

/** Runs `next()` requests at `concurrency` for `seconds`; counts `okStatus` answers as done. */
export async function runLoad(opts: {
  send: (spec: RequestSpec) => Promise<{ status: number; body: string }>;
  next: (worker: number) => RequestSpec;
  concurrency: number;
  seconds: number;
  maxRequests: number;
  okStatus: number;
  onTick?: () => void;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  let issued = 0;
  let firstError: string | undefined;
  const start = nowMs();
  const end = start + opts.seconds * 1000;
  const tick = opts.onTick ? setInterval(opts.onTick, 250) : null;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, w) => {
      while (nowMs() < end && issued < opts.maxRequests) {
        issued++;
        const spec = opts.next(w);
        const t0 = nowMs();
        try {
          const res = await opts.send(spec);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === opts.okStatus) latencies.push(nowMs() - t0);
          else {
            failed++;
            firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
          }
        } catch (error) {
          failed++;
          firstError ??= String(error);
        }
      }
    }),
  );
  if (tick) clearInterval(tick);
  const elapsed = (nowMs() - start) / 1000;
  return {
    concurrency: opts.concurrency,
    seconds: Math.round(elapsed * 100) / 100,
    ok: latencies.length,
    failed,
    statuses,
    perSecond: Math.round((latencies.length / elapsed) * 10) / 10,
    latencyMs: summarize(latencies),
    firstError,
  };
}
