/**
 * Outbound e-mail over SMTP (nodemailer), configured by a URL (the environment) or by fields (the
 * administrators' settings). Headers are built by nodemailer from separate fields; subjects,
 * recipients and the sender's name and addresses lose any CR/LF first, so no value can inject a
 * header. A mailer keeps one signed-in connection and sends mail after mail over it (hosted mail
 * in China — Tencent Exmail, QQ, 163 — throttles and then blocks accounts that sign in for every
 * message); `close()` ends it.
 */
import type net from 'node:net';
import nodemailer, { type SMTPPoolOptions, type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Threading: the case's root id, so every mail of a case lands in one conversation. */
  references?: string;
  inReplyTo?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ providerMessageId: string }>;
  /** Ends the connection once the message being sent (if any) is through; queued ones fail. */
  close(): void;
}

/** An SMTP server given field by field. */
export interface SmtpServerOptions {
  host: string;
  port: number;
  /** tls: TLS from the first byte (465); starttls: upgrade or fail (587); none: stay plaintext. */
  security: 'tls' | 'starttls' | 'none';
  /** Null: send without signing in. */
  username: string | null;
  password: string | null;
  from: { address: string; name: string | null };
  replyTo: string | null;
  /**
   * Opens the TCP connection (TLS is negotiated over it afterwards), e.g. through an address
   * guard; without it nodemailer resolves and connects itself.
   */
  connect?: (host: string, port: number) => Promise<net.Socket>;
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

// A test mail answers in seconds or says why not; the delivery loop retries anyway.
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * One connection, signed in once, reused for the next message; a fresh session after 50 messages
 * (servers cap a session's messages) or 4 idle minutes (nodemailer's default, below the 5 minutes
 * RFC 5321 asks a server to wait). When the server has closed an idle connection, nodemailer
 * opens a new one for the next message.
 */
const POOL = { pool: true, maxConnections: 1, maxMessages: 50 } as const;

/** An SMTP mailer for `smtp://user:pass@host:port` (or smtps://); from e.g. `TACdesk <tac@example.cn>`. */
export function createSmtpMailer(opts: { url: string; from: string }): Mailer {
  return wrap(nodemailer.createTransport({ url: opts.url, ...POOL }), oneLine(opts.from), undefined);
}

/** An SMTP mailer for a server given by its fields. */
export function createSmtpServerMailer(o: SmtpServerOptions): Mailer {
  const connect = o.connect;
  const options: SMTPPoolOptions = {
    ...POOL,
    host: o.host,
    port: o.port,
    secure: o.security === 'tls',
    requireTLS: o.security === 'starttls',
    ignoreTLS: o.security === 'none',
    ...(o.username !== null && { auth: { user: o.username, pass: o.password ?? '' } }),
    ...TIMEOUTS,
    ...(connect && {
      getSocket: (_options, callback) =>
        void connect(o.host, o.port).then(
          (connection) => callback(null, { connection }),
          (error: Error) => callback(error, undefined),
        ),
    }),
  };
  const transport = nodemailer.createTransport(options);
  const from = { address: oneLine(o.from.address), name: oneLine(o.from.name ?? '') };
  return wrap(transport, from, o.replyTo === null ? undefined : oneLine(o.replyTo));
}

function wrap(
  transport: Transporter,
  from: string | { address: string; name: string },
  replyTo: string | undefined,
): Mailer {
  return {
    async send(m) {
      const info = await transport.sendMail({
        from,
        ...(replyTo && { replyTo }),
        to: oneLine(m.to),
        subject: oneLine(m.subject),
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        references: m.references,
        inReplyTo: m.inReplyTo,
      });
      return { providerMessageId: String(info.messageId ?? m.messageId) };
    },
    close: () => transport.close(),
  };
}
