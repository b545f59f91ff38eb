/**
 * Feishu (飞书) custom bot with 签名校验: POST JSON to
 * `https://open.feishu.cn/open-apis/bot/v2/hook/…` carrying `timestamp` (seconds, as a string)
 * and `sign` = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)) in the
 * body, next to a rich-text (`post`) message. The answer is `{"code":0,"msg":"success"}`
 * (older robots: `{"StatusCode":0}`); 9499 means too many requests (100 a minute, 5 a second).
 */
import crypto from 'node:crypto';
import { parseAnswer, postToTarget, providerError } from './channel-http.ts';
import type { ChatMessage, SendResult } from './channel-message.ts';

/** The Feishu signature of a timestamp in seconds. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return crypto.createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export async function sendFeishuRobot(
  target: { url: string; secret: string | null },
  message: ChatMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const content = [
    ...message.lines.map((text) => [{ tag: 'text', text }]),
    ...(message.link ? [[{ tag: 'a', text: message.linkLabel, href: message.link }]] : []),
  ];
  const lang = message.locale === 'en' ? 'en_us' : 'zh_cn';
  const body = JSON.stringify({
    ...(target.secret ? { timestamp: String(timestamp), sign: feishuSign(target.secret, timestamp) } : {}),
    msg_type: 'post',
    content: { post: { [lang]: { title: message.title, content } } },
  });
  const answer = parseAnswer(
    await postToTarget({
      url: target.url,
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      allowedHosts,
    }),
    'Feishu',
  );
  const code = Number(answer.code ?? answer.StatusCode);
  if (code !== 0)
    throw providerError(
      `Feishu code ${String(answer.code ?? answer.StatusCode)}: ${String(answer.msg ?? answer.StatusMessage ?? '')}`,
      answer.code ?? answer.StatusCode,
      code === 9499 || code === 11232,
    );
  return { providerMessageId: null };
}
