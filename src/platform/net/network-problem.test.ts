/**
 * networkProblem on errors from real sockets (a name that cannot resolve, a closed port, TLS
 * spoken to a plaintext server) and as nodemailer and imapflow wrap them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns/promises';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import { networkProblem } from './network-problem.ts';

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );

/** A TCP server on a free port: `greet` is written to each connection; closed afterwards. */
async function plainServer(greet: string) {
  const server = net.createServer((socket) => socket.end(greet));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function closedPort() {
  const { server, port } = await plainServer('');
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('a name that does not resolve is dns; a closed port is connect; TLS to a plaintext server is tls', async () => {
  // .invalid never resolves (RFC 6761): ENOTFOUND, or EAI_AGAIN without a resolver.
  assert.equal(networkProblem(await failure(dns.lookup('tacdesk-network-test.invalid'))), 'dns');

  const port = await closedPort();
  const refused = await failure(
    new Promise<void>((resolve, reject) =>
      net.connect(port, '127.0.0.1', () => resolve()).once('error', reject),
    ),
  );
  assert.equal((refused as { code: string }).code, 'ECONNREFUSED');
  assert.equal(networkProblem(refused), 'connect');

  const { server, port: smtpPort } = await plainServer('220 mail.example.cn ESMTP ready\r\n');
  try {
    const handshake = await failure(
      new Promise<void>((resolve, reject) =>
        tls
          .connect({ port: smtpPort, host: '127.0.0.1', servername: 'mail.example.cn' }, () => resolve())
          .once('error', reject),
      ),
    );
    assert.equal(networkProblem(handshake), 'tls', String(handshake));
  } finally {
    server.close();
  }
});

test('as nodemailer wraps them: its own code outside, the system’s kept within', async () => {
  const port = await closedPort();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false });
  const error = await failure(transport.sendMail({ from: 'a@example.cn', to: 'b@example.cn', text: 'x' }));
  transport.close();
  assert.equal((error as { code: string }).code, 'ESOCKET');
  assert.equal((error as { originalCode: string }).originalCode, 'ECONNREFUSED');
  assert.equal(networkProblem(error), 'connect');

  assert.equal(networkProblem({ code: 'ETIMEDOUT', originalCode: 'SOCKET_TIMEOUT' }), 'timeout');
  assert.equal(networkProblem({ code: 'ETLS' }), 'tls', 'STARTTLS refused or failed');
  assert.equal(networkProblem({ code: 'EDNS', originalCode: 'ENOTFOUND' }), 'dns');
  assert.equal(networkProblem({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls');
});

test('as imapflow names them, and what is no network failure', () => {
  assert.equal(networkProblem({ code: 'CONNECT_TIMEOUT' }), 'timeout');
  assert.equal(networkProblem({ code: 'ClosedAfterConnectTLS' }), 'tls');
  assert.equal(networkProblem({ code: 'ECONNRESET', tlsFailed: true }), 'tls', 'the handshake’s reset');
  assert.equal(networkProblem({ code: 'NoConnection' }), 'connect');
  assert.equal(networkProblem({ code: 'EAUTH', responseCode: 535 }), null, 'a refused sign-in');
  assert.equal(networkProblem({ authenticationFailed: true }), null);
  assert.equal(networkProblem(new Error('no code')), null);
  assert.equal(networkProblem(undefined), null);
});
