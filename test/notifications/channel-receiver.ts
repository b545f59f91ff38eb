/**
 * A local `node:http` receiver standing in for the SMS providers, the group robots and a
 * webhook consumer, plus each provider's documented signature recomputed here, written apart
 * from the adapters so a wrong adapter cannot agree with itself.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; json: unknown };
export type Responder = (req: Received) => Answer;

export interface Receiver {
  base: string;
  requests: Received[];
  /** How the next requests are answered (the default: HTTP 200 `{}`). */
  respond: Responder;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    base: '',
    requests: [],
    respond: () => ({ status: 200, json: {} }),
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: Received = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', receiver.base),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      receiver.requests.push(received);
      const answer = receiver.respond(received);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

// ---- Each provider's algorithm, from its documentation -------------------------------------

/** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XX (upper case). */
function rfc3986(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Aliyun RPC signature v1 over the request's parameters (all but `Signature`). */
export function aliyunExpectedSignature(params: URLSearchParams, secret: string, method: string): string {
  const pairs = [...params.entries()].filter(([k]) => k !== 'Signature');
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const stringToSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** Tencent Cloud API 3.0 TC3-HMAC-SHA256 signature of a received request. */
export function tencentExpectedAuthorization(req: Received, secretId: string, secretKey: string): string {
  const timestamp = Number(req.headers['x-tc-timestamp']);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const signed = ['content-type', 'host', 'x-tc-action'];
  // Header names lower case, values trimmed; the action's value lower case too.
  const canonicalHeaders =
    `content-type:${String(req.headers['content-type']).trim()}\n` +
    `host:${String(req.headers.host).trim()}\n` +
    `x-tc-action:${String(req.headers['x-tc-action']).trim().toLowerCase()}\n`;
  const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
  const canonicalRequest = [
    req.method,
    req.url.pathname,
    req.url.search.replace(/^\?/, ''),
    canonicalHeaders,
    signed.join(';'),
    hash(req.body),
  ].join('\n');
  const scope = `${date}/sms/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${hash(canonicalRequest)}`;
  const kDate = crypto.createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const kService = crypto.createHmac('sha256', kDate).update('sms').digest();
  const kSigning = crypto.createHmac('sha256', kService).update('tc3_request').digest();
  const signature = crypto.createHmac('sha256', kSigning).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
}

/** DingTalk 加签: base64(HmacSHA256(secret, timestamp + "\n" + secret)). */
export function dingtalkExpectedSign(secret: string, timestamp: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Feishu 签名校验: the key is timestamp + "\n" + secret, the message empty. */
export function feishuExpectedSign(secret: string, timestamp: string): string {
  return crypto.createHmac('sha256', `${timestamp}\n${secret}`).digest('base64');
}

/** A webhook consumer's check, as docs/outgoing-webhooks.md tells it. */
export function webhookSignatureValid(req: Received, secret: string): boolean {
  const expected = Buffer.from(
    `sha256=${crypto.createHmac('sha256', secret).update(req.body).digest('hex')}`,
  );
  const got = Buffer.from(String(req.headers['x-tacdesk-signature'] ?? ''));
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}
