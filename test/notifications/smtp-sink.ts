/**
 * A real SMTP server for mail tests (smtp-server on a free port): keeps what it receives, counts
 * the connections and sign-ins it saw, can refuse the next N messages with a 451, and reads
 * subjects and headers back as a mail client would.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/app/database-schema.ts';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import { createSmtpMailer } from '../../src/platform/mail/mailer.ts';

export interface Received {
  to: string[];
  raw: string;
}

export interface SmtpSink {
  inbox: Received[];
  port: number;
  /** Connections opened to this server so far. */
  readonly connections: number;
  /** Sign-ins it accepted so far. */
  readonly logins: number;
  /** Connections open now. */
  readonly open: number;
  /** Refuses the next `n` messages with "451 mailbox busy". */
  refuseNext(n: number): void;
  mailer(from?: string): ReturnType<typeof createSmtpMailer>;
  close(): Promise<void>;
}

/** `auth`: the one account the server accepts (over plaintext, as a test relay may); without it, anyone may send. */
export async function startSmtpSink(opts: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const inbox: Received[] = [];
  let refuse = 0;
  let connections = 0;
  let logins = 0;
  let open = 0;
  const { auth } = opts;
  const server = new SMTPServer({
    authOptional: !auth,
    disabledCommands: ['STARTTLS'],
    // A client that kept its connection (a mailer not closed) does not hold up the test's end.
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      connections++;
      open++;
      callback();
    },
    onClose() {
      open--;
    },
    ...(auth && {
      allowInsecureAuth: true,
      onAuth(login, _session, callback) {
        if (login.username === auth.user && login.password === auth.pass) {
          logins++;
          return callback(null, { user: auth.user });
        }
        callback(Object.assign(new Error('535 Error: authentication failed'), { responseCode: 535 }));
      },
    }),
    // Recipients at nobody@… do not exist: a permanent refusal, as a real server answers.
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@'))
        return callback(Object.assign(new Error('550 5.1.1 mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          const error = new Error('451 mailbox busy, try later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    inbox,
    port,
    get connections() {
      return connections;
    },
    get logins() {
      return logins;
    },
    get open() {
      return open;
    },
    refuseNext: (n) => (refuse = n),
    mailer: (from = 'TAC 技术支持中心 <tac@example.cn>') =>
      createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends everything the outbox has due at `clock()` through the sink, batch after batch, as the delivery loop would. */
export async function sendOutbox(db: Kysely<Database>, sink: SmtpSink, clock: () => Date): Promise<void> {
  const mailer = sink.mailer();
  const sender = new DeliverySender({ db, mailer, publicUrl: 'https://tac.example.cn', clock });
  try {
    while ((await sender.runOnce()) > 0);
  } finally {
    sender.close();
    mailer.close();
  }
}

/** RFC 2047 encoded words (B and Q) back to text. */
export const decodeWords = (value: string) =>
  value.replace(/=\?UTF-8\?([BQ])\?(.*?)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
export const headersOf = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!;
/** A header's value, folded lines joined. */
export const header = (raw: string, name: string) =>
  raw.match(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi'))?.[1]?.replace(/\r?\n[ \t]/g, ' ');
export const subjectOf = (raw: string) => decodeWords(header(raw, 'Subject') ?? '');

/** The decoded text/plain part of a multipart/alternative mail (base64 or quoted-printable). */
export const textOf = (raw: string) => partOf(raw, 'text/plain');

/** The decoded text/html part, as a mail client would render it. */
export const htmlOf = (raw: string) => partOf(raw, 'text/html');

function partOf(raw: string, type: string): string {
  const part = raw.split(/\r?\n--/).find((p) => new RegExp(`Content-Type: ${type}`, 'i').test(p));
  if (!part) return '';
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = head!.match(/Content-Transfer-Encoding: (\S+)/i)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}
