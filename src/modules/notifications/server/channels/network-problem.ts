/**
 * What a failed connection to a provider or mail server stands for, in `ChannelProblem` words:
 * the SSRF guard's refusal, else the platform's reading of the socket, DNS or TLS error; a
 * failure it cannot place is "cannot connect" (a request that got no answer at all).
 */
import { networkProblem, type NetworkProblem } from '../../../../platform/net/network-problem.ts';
import { TargetRefused } from './ssrf-guard.ts';

export function transportProblem(error: unknown): NetworkProblem | 'refused' {
  if (error instanceof TargetRefused) return 'refused';
  return networkProblem(error) ?? 'connect';
}
