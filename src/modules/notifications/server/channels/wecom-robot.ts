/**
 * WeCom (企业微信) group robot: POST JSON to the robot's webhook
 * `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` with a markdown message (content at
 * most 4096 bytes). The key in the URL is the credential; there is no signature. The answer is
 * `{"errcode":0,"errmsg":"ok"}`; 45009 means the robot's 20-a-minute limit was hit.
 */
import { parseAnswer, postToTarget, providerError } from './channel-http.ts';
import { chatMarkdown, type ChatMessage, type SendResult } from './channel-message.ts';

const MAX_BYTES = 4096;

/** Cuts a UTF-8 string to at most `max` bytes without splitting a character. */
export function cutToBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch + '…') > max) break;
    out += ch;
  }
  return `${out}…`;
}

export async function sendWecomRobot(
  target: { url: string },
  message: ChatMessage,
  allowedHosts: readonly string[],
): Promise<SendResult> {
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { content: cutToBytes(chatMarkdown(message, { heading: false }), MAX_BYTES) },
  });
  const answer = parseAnswer(
    await postToTarget({
      url: target.url,
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      allowedHosts,
    }),
    'WeCom',
  );
  const code = Number(answer.errcode);
  if (code !== 0)
    throw providerError(
      `WeCom errcode ${answer.errcode}: ${String(answer.errmsg ?? '')}`,
      answer.errcode,
      // 45009: over the robot's frequency limit; -1: system busy.
      code === 45009 || code === -1,
    );
  return { providerMessageId: null };
}
