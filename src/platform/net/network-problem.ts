/**
 * What a failed connection stands for, in four words every client of TACdesk shares: the name
 * does not resolve (dns), nothing answers or the connection drops (connect), no answer in time
 * (timeout), the TLS handshake or certificate failed (tls). Reads Node's socket, DNS and TLS
 * error codes, also where a client library wraps them: nodemailer keeps the system code in
 * `originalCode` under its own (`ESOCKET`, `ECONNECTION`, `ETLS`), imapflow flags `tlsFailed`
 * and names its own timeouts. Anything else (a refused sign-in, an answer not understood) is null:
 * each client words those itself.
 */
export type NetworkProblem = 'dns' | 'connect' | 'timeout' | 'tls';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'EDNS']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'ESOCKETTIMEDOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  // nodemailer: the socket failed or the server closed the connection.
  'ESOCKET',
  'ECONNECTION',
  // imapflow: no connection, or closed by the server.
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
]);
const TLS_CODE =
  /^(ETLS$|ERR_TLS|ERR_SSL|ClosedAfterConnectTLS$)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/;

interface ErrorFields {
  code?: unknown;
  originalCode?: unknown;
  tlsFailed?: unknown;
  cause?: unknown;
}

/**
 * The network problem `error` stands for, or null when it is not a network failure. A name that
 * does not resolve or a timeout says most; a TLS failure beats the dropped connection it causes.
 */
export function networkProblem(error: unknown): NetworkProblem | null {
  const e = (error ?? {}) as ErrorFields;
  const codes = [e.originalCode, e.code, (e.cause as ErrorFields | undefined)?.code].filter(
    (c): c is string => typeof c === 'string',
  );
  if (codes.some((c) => DNS_CODES.has(c))) return 'dns';
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return 'timeout';
  if (e.tlsFailed === true || codes.some((c) => TLS_CODE.test(c))) return 'tls';
  if (codes.some((c) => CONNECT_CODES.has(c))) return 'connect';
  return null;
}
