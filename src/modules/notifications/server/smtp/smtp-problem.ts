/**
 * What a failed SMTP send stands for, in the `ChannelProblem` words of a test answer: the guard's
 * refusal, DNS, connect, timeout, TLS, the sign-in refused, or the message refused by the server
 * (its reply code and words kept, for support).
 */
import type { ChannelTestResult } from '../../channel-test.api.ts';
import { networkProblem } from '../channels/network-problem.ts';

type Failure = NonNullable<ChannelTestResult['error']>;

interface NodemailerFields {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

export function describeSmtpFailure(error: unknown): Failure {
  const e = (error ?? {}) as Error & NodemailerFields;
  const said = e.response ? ` (server: ${e.response})` : '';
  const message = `${e.message || String(error)}${said && !e.message?.includes(e.response!) ? said : ''}`;
  const cut = (text: string) => text.slice(0, 1000);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
    return { problem: 'authentication', message: cut(`the server refused the sign-in: ${message}`) };
  if (e.code === 'EPROTOCOL') return { problem: 'protocol', message: cut(message) };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.code !== 'ETLS')
    return {
      problem: 'rejected',
      message: cut(`SMTP ${e.responseCode}${e.command ? ` after ${e.command}` : ''}: ${message}`),
    };
  return { problem: networkProblem(error), message: cut(message) };
}
