/** API tokens for integrations: list, issue (secret shown once), revoke. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { apiTokenSchema, createApiTokenBody, createdApiTokenSchema, idParams } from '../identity.api.ts';
import { identityPolicy } from './identity.policy.ts';
import { presentApiToken } from './api-token.presenter.ts';
import { createApiToken } from './commands/create-api-token.ts';
import { revokeApiToken } from './commands/revoke-api-token.ts';

const tags = ['api-tokens'];

export function registerApiTokenRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.get('/api/api-tokens', {
    schema: {
      operationId: 'listApiTokens',
      tags,
      summary: 'API tokens (never their secrets)',
      response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
    },
    handler: async (request) => {
      if (!identityPolicy.canManageTokens(requireActor(request)))
        throw new AppError('forbidden', 'administrators only');
      const rows = await db.selectFrom('api_token').selectAll().orderBy('id', 'desc').limit(500).execute();
      return { items: rows.map(presentApiToken) };
    },
  });

  app.post('/api/api-tokens', {
    schema: {
      operationId: 'createApiToken',
      tags,
      summary: 'Issue a token (the secret is in this response only)',
      body: createApiTokenBody,
      response: { 201: createdApiTokenSchema },
    },
    handler: async (request, reply) => {
      const token = await createApiToken({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send(token);
    },
  });

  app.post('/api/api-tokens/:id/revoke', {
    schema: {
      operationId: 'revokeApiToken',
      tags,
      summary: 'Revoke a token',
      params: idParams,
      response: { 200: apiTokenSchema },
    },
    handler: async (request) => revokeApiToken({ db, ctx: contextOf(request), tokenId: request.params.id }),
  });
}
