/**
 * The one way a channel adapter talks to a provider: an HTTP POST to a URL that passed the SSRF
 * guard, connecting only to an address the guard accepts, with a timeout and a cap on the
 * answer's size. Failures become `ChannelError`s that say whether trying again can help.
 */
import http from 'node:http';
import https from 'node:https';
import { checkTargetUrl, guardedLookup, TargetRefused } from './ssrf-guard.ts';
import type { ChannelProblem, ProblemParams } from '../../channel-problems.api.ts';
import { transportProblem } from './network-problem.ts';

/**
 * A failed send. `retry`: a later attempt may succeed (5xx, network, provider throttling);
 * otherwise the request itself is wrong (bad signature, unknown template) and the message is
 * dead at once. `held`: the configuration is missing or refused; an administrator must act.
 * `problem` and `params`: what the outbox and a "send a test" answer word for people
 * (channel-problems.api.ts); the message is the raw detail beside it.
 */
export class ChannelError extends Error {
  readonly retry: boolean;
  readonly held: boolean;
  readonly problem: ChannelProblem;
  readonly params: ProblemParams;
  constructor(
    message: string,
    opts: { retry: boolean; held?: boolean; problem: ChannelProblem; params?: ProblemParams },
  ) {
    super(message);
    this.name = 'ChannelError';
    this.retry = opts.retry;
    this.held = opts.held ?? false;
    this.problem = opts.problem;
    this.params = opts.params ?? {};
  }
}

/** A provider's refusal with its own code (errcode, Code; a dash when it gave none), retried when `retry`. */
export const providerError = (message: string, errcode: unknown, retry: boolean) =>
  new ChannelError(message, {
    retry,
    problem: 'provider_error',
    params: { errcode: errcode === undefined || errcode === null || errcode === '' ? '—' : String(errcode) },
  });

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowedHosts: readonly string[];
  timeoutMs?: number;
}

export interface PostResult {
  status: number;
  text: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** POSTs `body` to a guarded URL; 5xx and network failures throw a retryable `ChannelError`. */
export async function postToTarget(o: PostOptions): Promise<PostResult> {
  let url: URL;
  try {
    url = await checkTargetUrl(o.url, o.allowedHosts);
  } catch (error) {
    if (error instanceof TargetRefused)
      throw new ChannelError(`target refused: ${error.message}`, {
        retry: false,
        held: true,
        problem: 'refused',
      });
    throw error;
  }
  const client = url.protocol === 'https:' ? https : http;
  const result = await new Promise<PostResult>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
        lookup: guardedLookup(o.allowedHosts),
        timeout: o.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`no answer within ${o.timeoutMs ?? 10_000} ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    req.on('error', reject);
    req.end(o.body);
  }).catch((error: unknown) => {
    if (error instanceof TargetRefused)
      throw new ChannelError(`target refused: ${error.message}`, {
        retry: false,
        held: true,
        problem: 'refused',
      });
    throw new ChannelError(`${url.host}: ${(error as Error).message}`, {
      retry: true,
      problem: transportProblem(error),
    });
  });
  if (result.status >= 400)
    throw new ChannelError(`${url.host} answered HTTP ${result.status}: ${result.text.slice(0, 300)}`, {
      retry: result.status >= 500 || result.status === 429,
      problem: 'http',
      params: { status: String(result.status) },
    });
  return result;
}

/** The provider's JSON answer, or a retryable error when a 2xx carried something else. */
export function parseAnswer(result: PostResult, provider: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(result.text);
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ChannelError(`${provider} answered something other than JSON: ${result.text.slice(0, 200)}`, {
    retry: true,
    problem: 'protocol',
  });
}
