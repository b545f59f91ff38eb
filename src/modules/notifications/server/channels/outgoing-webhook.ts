/**
 * The generic outgoing webhook (docs/outgoing-webhooks.md): POST JSON to the configured URL with
 * `X-TACdesk-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, `X-TACdesk-Timestamp`
 * (Unix seconds, also `timestamp` inside the signed body, so a replay is detectable) and
 * `X-TACdesk-Delivery` (the outbox id: the same on every retry, the receiver's idempotency key).
 * Any 2xx is success; 5xx, 429 and network errors are retried; other 4xx are final.
 */
import crypto from 'node:crypto';
import { postToTarget } from './channel-http.ts';
import type { ChatMessage, SendResult } from './channel-message.ts';

/** The signature header's value for a raw body. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

export async function sendOutgoingWebhook(
  target: { url: string; secret: string | null },
  message: ChatMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    id: message.deliveryId,
    type: message.template,
    timestamp,
    locale: message.locale,
    title: message.title,
    lines: message.lines,
    link: message.link,
    data: message.data,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'TACdesk-Webhook/1',
    'x-tacdesk-delivery': String(message.deliveryId),
    'x-tacdesk-timestamp': String(timestamp),
  };
  if (target.secret) headers['x-tacdesk-signature'] = webhookSignature(target.secret, body);
  await postToTarget({ url: target.url, body, headers, allowedHosts });
  return { providerMessageId: null };
}
