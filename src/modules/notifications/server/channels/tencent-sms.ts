/**
 * Tencent Cloud SMS (腾讯云短信, API 2021-01-11 `SendSms`) signed with TC3-HMAC-SHA256:
 * CanonicalRequest = "POST\n/\n\n" + canonical headers (content-type, host, x-tc-action; names
 * and the action lower-cased) + "\n" + signed header names + "\n" + hex(SHA-256(body));
 * StringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date/sms/tc3_request + "\n" +
 * hex(SHA-256(CanonicalRequest)); the key is derived HMAC("TC3" + SecretKey, date) → "sms" →
 * "tc3_request". Errors come in `Response.Error`; a number's own status in `SendStatusSet`.
 */
import crypto from 'node:crypto';
import { ChannelError, parseAnswer, postToTarget, providerError } from './channel-http.ts';
import type { SendResult, SmsMessage } from './channel-message.ts';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  endpoint: string | null;
}

const DEFAULT_ENDPOINT = 'https://sms.tencentcloudapi.com/';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: crypto.BinaryLike, s: string) =>
  crypto.createHmac('sha256', key).update(s, 'utf8').digest();

/** The `Authorization` header of a request. */
export function tencentAuthorization(o: {
  secretId: string;
  secretKey: string;
  host: string;
  action: string;
  body: string;
  timestamp: number;
}): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${CONTENT_TYPE}\nhost:${o.host}\nx-tc-action:${o.action.toLowerCase()}\n`,
    signedHeaders,
    sha256Hex(o.body),
  ].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const signingKey = hmac(hmac(hmac(`TC3${o.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = crypto.createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Throttling and the provider's own failures: trying later can succeed. */
const RETRYABLE = /^(RequestLimitExceeded|InternalError|LimitExceeded)/;

export async function sendTencentSms(
  config: TencentSmsConfig,
  sms: SmsMessage,
  allowedHosts: readonly string[],
  now: Date,
): Promise<SendResult> {
  const endpoint = new URL(config.endpoint ?? DEFAULT_ENDPOINT);
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    PhoneNumberSet: [sms.phone],
    SmsSdkAppId: config.sdkAppId,
    SignName: config.signName,
    TemplateId: sms.templateCode,
    TemplateParamSet: sms.params.map(([, value]) => value),
    SessionContext: String(sms.deliveryId),
  });
  const action = 'SendSms';
  const answer = parseAnswer(
    await postToTarget({
      url: endpoint.toString(),
      body,
      headers: {
        'content-type': CONTENT_TYPE,
        host: endpoint.host,
        'x-tc-action': action,
        'x-tc-version': '2021-01-11',
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': config.region,
        authorization: tencentAuthorization({
          secretId: config.secretId,
          secretKey: config.secretKey,
          host: endpoint.host,
          action,
          body,
          timestamp,
        }),
      },
      allowedHosts,
    }),
    'Tencent SMS',
  );
  const response = (answer.Response ?? {}) as {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: Array<{ Code?: string; Message?: string; SerialNo?: string }>;
  };
  if (response.Error)
    throw providerError(
      `Tencent SMS ${response.Error.Code}: ${response.Error.Message ?? ''}`,
      response.Error.Code,
      RETRYABLE.test(response.Error.Code ?? ''),
    );
  const status = response.SendStatusSet?.[0];
  if (!status)
    throw new ChannelError('Tencent SMS answered without a send status', {
      retry: false,
      problem: 'protocol',
    });
  if (status.Code !== 'Ok')
    throw providerError(
      `Tencent SMS ${status.Code}: ${status.Message ?? ''}`,
      status.Code,
      /LimitExceeded/.test(status.Code ?? ''),
    );
  return { providerMessageId: status.SerialNo ?? null };
}
