import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebUi } from './serve-web.ts';

const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

describe('registerWebUi', () => {
  let distDir: string;
  let app: FastifyInstance;

  before(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'tacdesk-web-'));
    await mkdir(join(distDir, 'static'));
    await writeFile(join(distDir, 'index.html'), INDEX);
    await writeFile(join(distDir, 'static', 'index-abc123.js'), SCRIPT);
    await writeFile(join(distDir, 'static', 'index-abc123.js.gz'), gzipSync(SCRIPT));
    await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(distDir, '.build-hash'), '{"hash":"secret-ish"}');

    app = Fastify();
    // Stands in for the API's problem+json 404 handler.
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).type('application/problem+json').send({ code: 'not_found', status: 404 }),
    );
    app.get('/api/ping', async () => ({ pong: true }));
    app.get('/healthz', async () => ({ status: 'ok' }));
    await registerWebUi(app, { distDir });
    await app.ready();
  });

  after(async () => {
    await app.close();
    await rm(distDir, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache and the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/html/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    assert.match(response.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.match(response.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.body, INDEX);
  });

  it('answers deep links into the SPA with index.html', async () => {
    for (const url of [
      '/login',
      '/cases/42?tab=timeline',
      '/account/password',
      '/assets/42',
      '/assets/models',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, INDEX, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
    }
  });

  it('caches hashed assets for a year and sends the precompressed copy when accepted', async () => {
    const plain = await app.inject({ method: 'GET', url: '/static/index-abc123.js' });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(plain.body, SCRIPT);

    const gzipped = await app.inject({
      method: 'GET',
      url: '/static/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(gzipped.statusCode, 200);
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
  });

  it('keeps the API 404 for unknown API and ops paths, and 404s missing assets', async () => {
    for (const url of [
      '/api/nope',
      '/api',
      '/healthz/x',
      '/metrics',
      '/readyz',
      '/static/gone-123.js',
      '/x.css',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().code, 'not_found', url);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/ping' })).json().pong, true);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).json().status, 'ok');
  });

  it('leaves other methods to the API (404, not the SPA)', async () => {
    const response = await app.inject({ method: 'POST', url: '/login', payload: {} });
    assert.equal(response.statusCode, 404);
  });

  it('does not serve dotfiles such as the build hash', async () => {
    const response = await app.inject({ method: 'GET', url: '/.build-hash' });
    assert.doesNotMatch(response.body, /secret-ish/);
  });
});
