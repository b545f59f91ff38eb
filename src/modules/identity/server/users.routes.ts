/** Staff and portal accounts: list, read, create, change, reset password. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  createContactLoginBody,
  createStaffUserBody,
  idParams,
  resetPasswordBody,
  updateUserBody,
  userListQuery,
  userSchema,
} from '../identity.api.ts';
import { identityPolicy } from './identity.policy.ts';
import { findUserById, listUsers } from './user.repository.ts';
import { presentUser } from './identity.presenter.ts';
import { createStaffUser } from './commands/create-staff-user.ts';
import { updateUser } from './commands/update-user.ts';
import { resetPassword } from './commands/reset-password.ts';
import { createContactLogin } from './commands/create-contact-login.ts';

const tags = ['users'];

export function registerUserRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  app.get('/api/users', {
    schema: {
      operationId: 'listUsers',
      tags,
      summary: 'Users (staff directory; a contact sees only itself)',
      querystring: userListQuery,
      response: { 200: z.object({ items: z.array(userSchema), nextAfter: z.number().nullable() }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      if (!identityPolicy.canListUsers(actor)) throw new AppError('forbidden', 'staff only');
      const rows = await listUsers(db, actor, request.query);
      const nextAfter = rows.length === request.query.limit ? rows.at(-1)!.id : null;
      return { items: rows.map(presentUser), nextAfter };
    },
  });

  app.get('/api/users/:id', {
    schema: {
      operationId: 'getUser',
      tags,
      summary: 'One user',
      params: idParams,
      response: { 200: userSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const user = await findUserById(db, request.params.id);
      if (!user || !identityPolicy.canReadUser(actor, user)) throw notFound('user');
      return presentUser(user);
    },
  });

  app.post('/api/users', {
    schema: {
      operationId: 'createStaffUser',
      tags,
      summary: 'Add a staff user',
      body: createStaffUserBody,
      response: { 201: userSchema },
    },
    handler: async (request, reply) => {
      const user = await createStaffUser({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send(presentUser(user));
    },
  });

  app.patch('/api/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags,
      summary: 'Change a user (roles, branch, active…)',
      params: idParams,
      body: updateUserBody,
      response: { 200: userSchema },
    },
    handler: async (request) => {
      const user = await updateUser({
        db,
        ctx: contextOf(request),
        userId: request.params.id,
        input: request.body,
      });
      return presentUser(user);
    },
  });

  app.post('/api/users/:id/reset-password', {
    schema: {
      operationId: 'resetUserPassword',
      tags,
      summary: 'Set a new password the user must change',
      params: idParams,
      body: resetPasswordBody,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await resetPassword({
        db,
        ctx: contextOf(request),
        userId: request.params.id,
        newPassword: request.body.newPassword,
      });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/contacts/:id/login', {
    schema: {
      operationId: 'createContactLogin',
      tags,
      summary: 'Give a customer contact a portal account',
      params: idParams,
      body: createContactLoginBody,
      response: { 201: userSchema },
    },
    handler: async (request, reply) => {
      const user = await createContactLogin({
        db,
        ctx: contextOf(request),
        contactId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(presentUser(user));
    },
  });
}
