/**
 * What the authentication hook attaches to each request, and the helpers routes use to turn
 * it into an actor or a command context.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../authz/actor.ts';
import { AppError } from './app-error.ts';

export interface Authentication {
  actor: Actor & { kind: 'staff' | 'contact' };
  via: 'session' | 'token';
  /** The session's CSRF token (cookie sessions only). */
  csrfToken: string | null;
  sessionId: string | null;
  locale: 'zh-CN' | 'en' | null;
}

/** Resolves the caller from cookies/headers; null when anonymous. Provided by the identity module. */
export type Authenticator = (request: FastifyRequest) => Promise<Authentication | null>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authentication | null;
  }
  interface FastifyContextConfig {
    /** The route answers anonymous callers (sign-in); every other /api route needs a caller. */
    public?: boolean;
  }
}

/** The authenticated actor, or a 401. */
export function requireActor(request: FastifyRequest): Authentication['actor'] {
  if (!request.auth) throw new AppError('unauthenticated', 'sign in first');
  return request.auth.actor;
}

/** The command context of an authenticated request. */
export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: requireActor(request), requestId: String(request.id), ip: request.ip };
}
