/**
 * What a failed SMTP send stands for, in `ChannelProblem` words: the sign-in refused (535), the
 * message refused by the server (its reply code as a value), an answer not understood, else the
 * connection's problem (the guard's refusal, DNS, connect, timeout, TLS: platform/net). The
 * server's words are kept, for support; `smtpChannelError` makes it an outbox failure.
 */
import type { ChannelFailure, ChannelProblem, ProblemParams } from '../../channel-problems.api.ts';
import { ChannelError } from '../channels/channel-http.ts';
import { transportProblem } from '../channels/network-problem.ts';
import { networkProblem } from '../../../../platform/net/network-problem.ts';

interface NodemailerFields {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

export function describeSmtpFailure(error: unknown): ChannelFailure {
  const e = (error ?? {}) as Error & NodemailerFields;
  const said = e.response ? ` (server: ${e.response})` : '';
  const message = `${e.message || String(error)}${said && !e.message?.includes(e.response!) ? said : ''}`;
  const failure = (problem: ChannelProblem, text: string, params: ProblemParams = {}): ChannelFailure => ({
    problem,
    params,
    message: text.slice(0, 1000),
  });
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
    return failure('authentication', `the server refused the sign-in: ${message}`);
  if (e.code === 'EPROTOCOL') return failure('protocol', message);
  if (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.code !== 'ETLS')
    return failure(
      'rejected',
      `SMTP ${e.responseCode}${e.command ? ` after ${e.command}` : ''}: ${message}`,
      { reply: String(e.responseCode) },
    );
  // nodemailer codes everything it reports: one that is no connection failure is an exchange it
  // could not complete (an envelope or answer it cannot use).
  if (e.code && !networkProblem(error)) return failure('protocol', message);
  return failure(transportProblem(error), message);
}

/**
 * A failed SMTP send as the outbox records it. A permanent (5xx) refusal of this message's
 * recipient or content (after RCPT TO or DATA: no such mailbox, refused as spam) ends it dead at
 * once — trying again only delays telling someone. Everything else is retried with the backoff:
 * a busy server (4xx), the network, and a refused sign-in or sender, which an administrator can
 * put right in the meantime.
 */
export function smtpChannelError(error: unknown): ChannelError {
  const f = describeSmtpFailure(error);
  const e = (error ?? {}) as NodemailerFields;
  const permanent =
    typeof e.responseCode === 'number' &&
    e.responseCode >= 500 &&
    e.responseCode < 600 &&
    (e.command === 'RCPT TO' || e.command === 'DATA');
  return new ChannelError(f.message, { retry: !permanent, problem: f.problem, params: f.params });
}
