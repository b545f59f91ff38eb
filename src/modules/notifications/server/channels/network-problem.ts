/**
 * What a failed connection stands for, in the `ChannelProblem` words a test answer uses: the
 * SSRF guard's refusal, a name that does not resolve, no answer in time, TLS (handshake or
 * certificate), else "cannot connect". Works on Node's socket and TLS errors and nodemailer's.
 */
import type { ChannelProblem } from '../../channel-test.api.ts';
import { TargetRefused } from './ssrf-guard.ts';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EDNS']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'ESOCKETTIMEDOUT', 'CONNECT_TIMEOUT']);
const TLS_CODE = /^(ETLS$|ERR_TLS|ERR_SSL)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/;

export function networkProblem(
  error: unknown,
): Extract<ChannelProblem, 'refused' | 'dns' | 'timeout' | 'tls' | 'connect'> {
  if (error instanceof TargetRefused) return 'refused';
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (DNS_CODES.has(code)) return 'dns';
  if (TIMEOUT_CODES.has(code) || /timed? ?out|no (answer|connection) within/i.test(message)) return 'timeout';
  if (TLS_CODE.test(code) || /\bTLS\b|\bSSL\b|certificate/i.test(message)) return 'tls';
  return 'connect';
}
