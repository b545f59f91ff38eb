/** Sign-in, sign-out, the current session and the current user's own profile and password. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { AppConfig } from '../../../platform/config/config.ts';
import { SESSION_COOKIE, type HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { SYSTEM_CONTEXT } from '../../../platform/authz/actor.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { changePasswordBody, loginBody, meSchema, sessionSchema, updateMeBody } from '../identity.api.ts';
import { logIn } from './commands/log-in.ts';
import { logOut } from './commands/log-out.ts';
import { changePassword } from './commands/change-password.ts';
import { updateMe } from './commands/update-me.ts';
import { findUserById } from './user.repository.ts';
import { presentMe } from './identity.presenter.ts';
import { actorForUser } from './user-actor.ts';

const tags = ['auth'];

export function registerAuthRoutes(app: HttpServer, deps: { db: Kysely<Database>; config: AppConfig }) {
  const { db, config } = deps;
  const cookieOptions = (secure: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
  });

  app.post('/api/auth/login', {
    schema: {
      operationId: 'login',
      tags,
      summary: 'Sign in with username and password',
      security: [],
      body: loginBody,
      response: { 200: sessionSchema },
    },
    config: { public: true, rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const { user, session } = await logIn({
        db,
        ctx: { ...SYSTEM_CONTEXT, requestId: String(request.id), ip: request.ip },
        username: request.body.username,
        password: request.body.password,
        userAgent: request.headers['user-agent'] ?? null,
        policy: { ...config.login, sessionHours: config.sessionHours },
      });
      const secure = config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure;
      reply.setCookie(SESSION_COOKIE, session.token, {
        ...cookieOptions(secure),
        expires: session.expiresAt,
      });
      const actor = actorForUser(user);
      return { user: presentMe(user, actor), csrfToken: session.csrfToken };
    },
  });

  app.get('/api/auth/session', {
    schema: {
      operationId: 'getSession',
      tags,
      summary: 'The current session and its CSRF token',
      response: { 200: sessionSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      if (request.auth?.via !== 'session' || actor.userId === null)
        throw new AppError('unauthenticated', 'no session');
      const user = await findUserById(db, actor.userId);
      if (!user) throw new AppError('unauthenticated', 'no session');
      return { user: presentMe(user, actor), csrfToken: request.auth.csrfToken ?? '' };
    },
  });

  app.post('/api/auth/logout', {
    schema: {
      operationId: 'logout',
      tags,
      summary: 'Sign out (ends this session)',
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token && request.auth?.via === 'session') await logOut({ db, ctx, token });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/me', {
    schema: {
      operationId: 'getMe',
      tags,
      summary: 'Who I am, with my abilities',
      response: { 200: meSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      if (actor.userId === null)
        throw new AppError('forbidden', 'API tokens have no profile', { zh: 'API 令牌没有个人资料' });
      const user = await findUserById(db, actor.userId);
      if (!user) throw new AppError('unauthenticated', 'user no longer exists');
      return presentMe(user, actor);
    },
  });

  app.patch('/api/me', {
    schema: {
      operationId: 'updateMe',
      tags,
      summary: 'Change my language, time zone or name',
      body: updateMeBody,
      response: { 200: meSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const user = await updateMe({ db, ctx, input: request.body });
      return presentMe(user, ctx.actor);
    },
  });

  app.post('/api/me/password', {
    schema: {
      operationId: 'changeMyPassword',
      tags,
      summary: 'Change my password (other sessions end)',
      body: changePasswordBody,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await changePassword({
        db,
        ctx: contextOf(request),
        ...request.body,
        sessionId: request.auth?.sessionId ?? null,
      });
      return reply.status(204).send(null);
    },
  });
}
