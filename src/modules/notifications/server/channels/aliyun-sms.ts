/**
 * Aliyun SMS (阿里云短信, dysmsapi 2017-05-25 `SendSms`), RPC style with signature v1: every
 * parameter (common ones included) is percent-encoded per RFC 3986, sorted by name and joined
 * into the canonicalised query string; StringToSign = "POST&%2F&" + percentEncode(that);
 * Signature = base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)). Sent as a form body.
 * The answer is `{"Code":"OK","BizId":…}`; throttling codes are retried, others are final.
 */
import crypto from 'node:crypto';
import { parseAnswer, postToTarget, providerError } from './channel-http.ts';
import type { SendResult, SmsMessage } from './channel-message.ts';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string | null;
}

const DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

/** RFC 3986 encoding as Aliyun's signature wants it (space %20, * %2A, ~ kept). */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature of a parameter set (without `Signature`). */
export function aliyunSignature(params: Record<string, string>, secret: string, method = 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Mainland numbers without the +86 (Aliyun's documented form); others as country code + number. */
const aliyunPhone = (e164: string) => (e164.startsWith('+86') ? e164.slice(3) : e164.slice(1));

/** Throttling and transient answers: trying later can succeed. */
const RETRYABLE = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'isv.DAY_LIMIT_CONTROL',
  'Throttling.User',
  'Throttling',
  'ServiceUnavailable',
  'InternalError',
]);

export async function sendAliyunSms(
  config: AliyunSmsConfig,
  sms: SmsMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: String(sms.deliveryId),
    PhoneNumbers: aliyunPhone(sms.phone),
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: crypto.randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: sms.templateCode,
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  if (sms.params.length) params.TemplateParam = JSON.stringify(Object.fromEntries(sms.params));
  const signature = aliyunSignature(params, config.accessKeySecret);
  const body = [...Object.entries(params), ['Signature', signature]]
    .map(([k, v]) => `${aliyunPercentEncode(k!)}=${aliyunPercentEncode(v!)}`)
    .join('&');
  const result = await postToTarget({
    url: config.endpoint ?? DEFAULT_ENDPOINT,
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      accept: 'application/json',
    },
    allowedHosts,
  });
  const answer = parseAnswer(result, 'Aliyun SMS');
  if (answer.Code !== 'OK')
    throw providerError(
      `Aliyun SMS ${String(answer.Code)}: ${String(answer.Message ?? '')}`,
      answer.Code,
      RETRYABLE.has(String(answer.Code)),
    );
  return { providerMessageId: typeof answer.BizId === 'string' ? answer.BizId : null };
}
