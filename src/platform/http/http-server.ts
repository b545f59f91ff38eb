/**
 * The Fastify instance every module registers its routes on: request ids and JSON logs, zod
 * contracts with OpenAPI, problem+json errors, authentication, CSRF, rate limiting, health and
 * metrics. Modules add routes; nothing domain-specific lives here.
 */
import crypto from 'node:crypto';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from './app-error.ts';
import { sendProblem } from './problem.ts';
import { registerMetrics } from './metrics.ts';
import type { Authenticator } from './request-context.ts';

export type HttpServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpServerOptions {
  logLevel: string;
  trustProxy: boolean;
  authenticate: Authenticator;
  /** Answers /readyz: resolves when the database is reachable. */
  checkReady: () => Promise<void>;
  version: string;
  bodyLimitBytes?: number;
}

export const SESSION_COOKIE = 'tacdesk_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the server without routes of any module; call `listen` after registering them. */
export async function createHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    logger: {
      level: opts.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    trustProxy: opts.trustProxy,
    bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(new AppError('not_found', `no route ${request.method} ${request.url}`), request, reply),
  );
  // A cross-site HTML form can post text/plain without a CORS preflight; only JSON is accepted.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `too many requests; retry after ${context.after}`, {
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'TACdesk API',
        version: opts.version,
        description:
          'After-sales service and technical assistance centre. Errors are RFC 9457 problem+json ' +
          'with a stable `code`. Cookie sessions must send `x-csrf-token` on writes; ' +
          'integrations use `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    request.auth = await opts.authenticate(request);
  });
  // Protected routes answer 401 before they look at the input: an anonymous caller learns
  // nothing about a route's validation rules.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (request.auth || request.routeOptions.config.public || !url.startsWith('/api/')) return;
    if (url === '/api/openapi.json' || url.startsWith('/api/docs')) return;
    throw new AppError('unauthenticated', 'sign in first');
  });
  app.addHook('preHandler', async (request) => {
    const auth = request.auth;
    if (SAFE_METHODS.has(request.method) || auth?.via !== 'session') return;
    const sent = request.headers['x-csrf-token'];
    const expected = auth.csrfToken ?? '';
    const ok =
      typeof sent === 'string' &&
      sent.length === expected.length &&
      crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
    if (!ok) throw new AppError('csrf_failed', 'missing or wrong x-csrf-token header');
  });

  registerMetrics(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await opts.checkReady();
      return { status: 'ready' };
    } catch (error) {
      reply.log.warn({ err: error }, 'readiness check failed');
      throw new AppError('unavailable', 'database not reachable');
    }
  });
  return app as unknown as HttpServer;
}
