/**
 * Connecting to a mailbox's IMAP server with imapflow, and naming what went wrong in words an
 * administrator can act on (the `MailboxProblem` codes of the API). TACdesk always identifies
 * itself with the IMAP ID command (NetEase refuses clients that do not: "Unsafe Login").
 */
import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import { networkProblem } from '../../../platform/net/network-problem.ts';
import type { MailboxProblem, MailboxSecurity } from '../mailboxes.api.ts';

export interface ImapSettings {
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  password: string;
}

export interface ImapClientOptions {
  /** Sent in the IMAP ID command. */
  clientVersion: string;
  /** Largest literal the server may send (a message is fetched whole up to the mail limit). */
  maxLiteralBytes?: number;
}

/** A failure with the problem code the API reports. */
export class MailboxFailure extends Error {
  readonly problem: MailboxProblem;
  constructor(problem: MailboxProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailboxFailure';
    this.problem = problem;
  }
}

const CONNECT_TIMEOUT_MS = 30_000;
const GREETING_TIMEOUT_MS = 16_000;
const SOCKET_TIMEOUT_MS = 3 * 60_000;

/** A connected, signed-in client; the caller logs out. Failures are `MailboxFailure`s. */
export async function connectImap(settings: ImapSettings, options: ImapClientOptions): Promise<ImapFlow> {
  const config: ImapFlowOptions = {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // starttls: upgrade or fail; none: stay in plaintext even if STARTTLS is offered.
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    auth: { user: settings.username, pass: settings.password },
    clientInfo: { name: 'TACdesk', version: options.clientVersion, vendor: 'TACdesk' },
    disableAutoIdle: true,
    logger: false,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    ...(options.maxLiteralBytes && {
      maxLiteralSize: options.maxLiteralBytes,
      maxResponseSize: options.maxLiteralBytes + 1024 * 1024,
    }),
  };
  // imapflow is loaded with the first connection: an installation without mailboxes never carries it.
  const { ImapFlow: Client } = await import('imapflow');
  const client = new Client(config);
  // A connection dropped later surfaces as a rejected command; this only keeps the event handled.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw describeImapError(error);
  }
}

/** Logs out politely; a connection that is already gone is just closed. */
export async function disconnectImap(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}

interface ImapErrorFields {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  serverResponseCode?: string;
  responseText?: string;
}

/**
 * The problem an error from imapflow, the socket or TLS stands for: the IMAP answers first (the
 * sign-in refused, the folder missing), then the connection's problem as the platform reads it
 * (dns, timeout, tls, connect; STARTTLS refused is named apart), else an exchange that went
 * wrong (protocol).
 */
export function describeImapError(error: unknown): MailboxFailure {
  if (error instanceof MailboxFailure) return error;
  const e = (error ?? {}) as Error & ImapErrorFields;
  const said = e.responseText ? ` (server: ${e.responseText})` : '';
  const text = `${e.message || String(error)}${said}`.slice(0, 1000);
  const failure = (problem: MailboxProblem, message: string) =>
    new MailboxFailure(problem, message, { cause: error });
  if (e.authenticationFailed)
    return failure('authentication', `the server refused the user name or password${said}`);
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT' || e.code === 'NotFound')
    return failure('folder', `the folder does not exist${said}`);
  const network = networkProblem(error);
  if (network === 'dns') return failure('dns', `host name not found: ${text}`);
  if (network === 'timeout') return failure('timeout', `no answer in time: ${text}`);
  if (/STARTTLS/i.test(e.message) && e.tlsFailed) return failure('starttls', text);
  if (network === 'tls') return failure('tls', `TLS failed: ${text}`);
  if (network === 'connect') return failure('connect', `cannot connect: ${text}`);
  return failure('protocol', text);
}
