/**
 * Serves the built web UI (dist/web) from the API's own Fastify server: hashed assets cached for a
 * year, index.html revalidated on every load, and every other GET that is not an API or ops path
 * answered with index.html so that deep links into the SPA work.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface WebUiOptions {
  /** The Vite output directory, as returned by `ensureWebBuild()`. */
  distDir: string;
  /** Paths that belong to the server: unknown ones keep the API's 404 problem+json, never the SPA. */
  reservedPrefixes?: readonly string[];
}

const DEFAULT_RESERVED = ['/api', '/healthz', '/readyz', '/metrics'];

/** Asset-looking paths get a real 404: answering a missing script with HTML only hides the error. */
const ASSET_PATH =
  /^\/static\/|\.(?:js|mjs|css|map|json|txt|xml|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf)$/i;

/**
 * antd writes its styles into <style> elements at run time (CSS-in-JS), hence 'unsafe-inline' for
 * styles only; scripts come from our own origin and nothing else.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

// Accepts the app's instance whatever its type provider (the server uses zod's).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFastify = FastifyInstance<any, any, any, any, any>;

/** Registers the web UI routes on `app`; call after the API routes, with the dist dir already built. */
export async function registerWebUi(app: AnyFastify, options: WebUiOptions): Promise<void> {
  const reserved = options.reservedPrefixes ?? DEFAULT_RESERVED;
  const isReserved = (path: string) =>
    reserved.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

  // Encapsulated, so the headers hook and the catch-all apply to the UI only, not to API routes.
  await app.register(async (scope) => {
    scope.addHook('onSend', async (request, reply) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    });

    await scope.register(fastifyStatic, {
      root: options.distDir,
      prefix: '/',
      // One route per built file (found at start-up) instead of a `/*` route of its own, which
      // leaves `/*` free for the SPA fallback below.
      wildcard: false,
      index: ['index.html'],
      // The build writes .br/.gz beside each text asset; the server has no compression of its own.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      serveDotFiles: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]static[\\/]/.test(path) ? IMMUTABLE : REVALIDATE);
      },
    });

    const fallback = (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?', 1)[0] ?? '/';
      if (isReserved(path) || ASSET_PATH.test(path)) return reply.callNotFound();
      return reply.header('cache-control', REVALIDATE).sendFile('index.html');
    };
    scope.get('/*', { schema: { hide: true } }, fallback);
  });
}
