/**
 * Why a message did not go, in the reader's language: a problem code and its values
 * (channel-problems.api.ts) worded for a "send a test" answer or for the outbox. The server's or
 * provider's own words are shown beside it by the screens, secondary.
 */
import type { MessageVars, Translate } from '../../../web/i18n/translate.ts';
import type { ChannelProblem, ProblemParams } from '../channel-problems.api.ts';

export function problemWording(
  t: Translate,
  where: 'test' | 'outbox',
  p: { problem: ChannelProblem; params: ProblemParams },
): string {
  const vars: MessageVars = {};
  for (const [name, value] of Object.entries(p.params)) if (value !== undefined) vars[name] = value;
  return t(`notifications.${where}.problem.${p.problem}`, vars);
}
