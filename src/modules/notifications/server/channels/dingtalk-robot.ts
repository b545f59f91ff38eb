/**
 * DingTalk (钉钉) custom group robot with 加签: POST JSON to
 * `https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=<ms>&sign=<sign>` where
 * sign = urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))).
 * A robot without a secret (keyword or IP security instead) is sent unsigned. The answer is
 * `{"errcode":0,"errmsg":"ok"}`; 130101 means sending too fast (20 a minute).
 */
import crypto from 'node:crypto';
import { parseAnswer, postToTarget, providerError } from './channel-http.ts';
import { chatMarkdown, type ChatMessage, type SendResult } from './channel-message.ts';

/** The DingTalk signature of a millisecond timestamp (base64, not yet URL-encoded). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export async function sendDingtalkRobot(
  target: { url: string; secret: string | null },
  message: ChatMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> {
  const url = new URL(target.url);
  if (target.secret) {
    const timestamp = now.getTime();
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', dingtalkSign(target.secret, timestamp));
  }
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { title: message.title.slice(0, 64), text: chatMarkdown(message, { heading: true }) },
  });
  const answer = parseAnswer(
    await postToTarget({
      url: url.toString(),
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      allowedHosts,
    }),
    'DingTalk',
  );
  const code = Number(answer.errcode);
  if (code !== 0)
    throw providerError(
      `DingTalk errcode ${answer.errcode}: ${String(answer.errmsg ?? '')}`,
      answer.errcode,
      // 130101: sending too fast; -1: system busy.
      code === 130101 || code === -1,
    );
  return { providerMessageId: null };
}
