/**
 * A real IMAP server for tests: Debian's Dovecot (`apt-get install dovecot-imapd`) run as a
 * private instance in the foreground, with its own configuration, base_dir, maildirs and
 * passwd-file in a temporary directory, on 127.0.0.1 and free ports: a plain port (plaintext
 * login allowed, STARTTLS offered) and a TLS port with a self-signed certificate (`ca`, which a
 * test trusts with `tls.setDefaultCACertificates`). Helpers APPEND messages into a user's folder
 * and read flags and folders back over IMAP (imapflow).
 *
 * Without Dovecot a test skips with a message, except under CI=true, where it fails.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';
/** Dovecot refuses to deliver as root: mail belongs to its own system user. */
const MAIL_USER = 'dovecot';

export interface DovecotServer {
  host: '127.0.0.1';
  /** Plain IMAP (STARTTLS offered, plaintext login allowed). */
  port: number;
  /** IMAP over TLS with the self-signed certificate. */
  tlsPort: number;
  /** The self-signed certificate (PEM), valid for 127.0.0.1 and localhost. */
  ca: string;
  addUser(username: string, password: string): void;
  /** APPENDs a raw message; returns its UID. */
  append(username: string, raw: Buffer | string, folder?: string, flags?: string[]): Promise<number>;
  /** The messages of a folder with their flags, by UID. */
  messages(
    username: string,
    folder?: string,
  ): Promise<Array<{ uid: number; flags: string[]; subject: string }>>;
  folders(username: string): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Why the IMAP tests cannot run here (`test(name, { skip: dovecotMissing() }, …)`), or false.
 * Under CI a missing Dovecot is an error, never a skip.
 */
export function dovecotMissing(): string | false {
  if (fs.existsSync(DOVECOT)) return false;
  const message = `Dovecot is not installed (${DOVECOT}): apt-get install -y dovecot-imapd`;
  if (process.env.CI) throw new Error(`${message}; CI must run the IMAP tests (.ci/run installs it)`);
  process.stdout.write(`# skipping the IMAP tests: ${message}\n`);
  return message;
}

export async function startDovecot(): Promise<DovecotServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-dovecot-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  execFileSync('chown', [`${MAIL_USER}:${MAIL_USER}`, path.join(dir, 'mail')]);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const passwdDir = path.join(dir, 'passwd.d');
  fs.mkdirSync(passwdDir);
  const [port, tlsPort] = [await freePort(), await freePort()];
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, configText(dir, port, tlsPort));
  const log = path.join(dir, 'dovecot.log');
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForGreeting(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    const detail = `${stderr}${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`;
    throw new Error(`Dovecot did not start: ${(error as Error).message}\n${detail}`);
  }
  const passwords = new Map<string, string>();
  const withClient = async <T>(username: string, work: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: username, pass: passwords.get(username) ?? '' },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    ca: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    addUser(username, password) {
      passwords.set(username, password);
      // A file per user: Dovecot notices a changed passwd-file only by its mtime in whole seconds.
      fs.writeFileSync(path.join(passwdDir, username), `${username}:{PLAIN}${password}\n`, { mode: 0o644 });
    },
    append: (username, raw, folder = 'INBOX', flags = []) =>
      withClient(username, async (c) => {
        const result = await c.append(folder, typeof raw === 'string' ? Buffer.from(raw) : raw, flags);
        if (!result || !result.uid) throw new Error(`APPEND to ${folder} gave no UID`);
        return result.uid;
      }),
    messages: (username, folder = 'INBOX') =>
      withClient(username, async (c) => {
        const lock = await c.getMailboxLock(folder, { readOnly: true });
        try {
          // An empty folder has no message 1.
          if (!c.mailbox || c.mailbox.exists === 0) return [];
          const all = await c.fetchAll('1:*', { uid: true, flags: true, envelope: true });
          return all.map((m) => ({
            uid: m.uid,
            flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
            subject: m.envelope?.subject ?? '',
          }));
        } finally {
          lock.release();
        }
      }),
    folders: (username) => withClient(username, async (c) => (await c.list()).map((f) => f.path).sort()),
    stop: () => stopProcess(child, dir),
  };
}

function configText(dir: string, port: number, tlsPort: number): string {
  return `# A private Dovecot for one test file.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = ${MAIL_USER}
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd.d/%u
}
userdb {
  driver = static
  args = uid=${MAIL_USER} gid=${MAIL_USER} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
# No growing delay after failed logins from 127.0.0.1: the tests fail logins on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
protocol imap {
  mail_max_userip_connections = 50
}
`;
}

/** A port nobody listens on (taken and given back; good enough on a test machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the plain port answers with an IMAP greeting (or the process exits). */
async function waitForGreeting(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (chunk) => {
        socket.destroy();
        resolve(chunk.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no greeting within 15 s');
}

async function stopProcess(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
