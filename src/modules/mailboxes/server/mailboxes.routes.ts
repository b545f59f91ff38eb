/** Mailboxes for administrators: list, add, change, delete, test a connection, poll now. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  connectionTestSchema,
  createMailboxBody,
  idParams,
  mailboxListSchema,
  mailboxSchema,
  pollResultSchema,
  testMailboxSettingsBody,
  updateMailboxBody,
} from '../mailboxes.api.ts';
import { mailboxesPolicy } from './mailboxes.policy.ts';
import { presentMailbox } from './mailboxes.presenter.ts';
import { loadMailbox, type MailboxRow } from './mailboxes.repository.ts';
import type { MailboxPoller } from './mailbox-poller.ts';
import { createMailbox } from './commands/create-mailbox.ts';
import { updateMailbox } from './commands/update-mailbox.ts';
import { deleteMailbox } from './commands/delete-mailbox.ts';
import { testMailboxConnection } from './commands/test-mailbox-connection.ts';
import { pollMailboxNow } from './commands/poll-mailbox-now.ts';

const tags = ['mailboxes'];

export function registerMailboxRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date; poller: MailboxPoller; clientVersion: string },
) {
  const { db, clock, poller, clientVersion } = deps;
  const adminOnly = (request: Parameters<typeof requireActor>[0]) => {
    if (!mailboxesPolicy.canManageMailboxes(requireActor(request)))
      throw new AppError('forbidden', 'administrators only');
  };
  const present = (row: MailboxRow) => presentMailbox(row, clock());

  app.get('/api/mailboxes', {
    schema: {
      operationId: 'listMailboxes',
      tags,
      summary: 'The IMAP mailboxes TACdesk polls, with their last poll (never a password)',
      response: { 200: mailboxListSchema },
    },
    handler: async (request) => {
      adminOnly(request);
      const rows = await db.selectFrom('mailbox').selectAll().orderBy('name').limit(500).execute();
      return { items: rows.map(present) };
    },
  });

  app.post('/api/mailboxes', {
    schema: {
      operationId: 'createMailbox',
      tags,
      summary: 'Add a mailbox to poll (the password is stored sealed and never shown again)',
      body: createMailboxBody,
      response: { 201: mailboxSchema },
    },
    handler: async (request, reply) => {
      const row = await createMailbox({ db, ctx: contextOf(request), input: request.body, now: clock() });
      return reply.status(201).send(present(row));
    },
  });

  app.post('/api/mailboxes/test', {
    schema: {
      operationId: 'testMailboxSettings',
      tags,
      summary: 'Try settings before saving them: connect, sign in, open the folder; names the problem',
      body: testMailboxSettingsBody,
      response: { 200: connectionTestSchema },
    },
    handler: async (request) =>
      testMailboxConnection({ db, ctx: contextOf(request), settings: request.body, clientVersion }),
  });

  app.get('/api/mailboxes/:id', {
    schema: {
      operationId: 'getMailbox',
      tags,
      summary: 'One mailbox with its poll status',
      params: idParams,
      response: { 200: mailboxSchema },
    },
    handler: async (request) => {
      adminOnly(request);
      return present(await loadMailbox(db, request.params.id));
    },
  });

  app.patch('/api/mailboxes/:id', {
    schema: {
      operationId: 'updateMailbox',
      tags,
      summary: 'Change a mailbox; a password left out is kept',
      params: idParams,
      body: updateMailboxBody,
      response: { 200: mailboxSchema },
    },
    handler: async (request) =>
      present(
        await updateMailbox({
          db,
          ctx: contextOf(request),
          mailboxId: request.params.id,
          input: request.body,
          now: clock(),
        }),
      ),
  });

  app.delete('/api/mailboxes/:id', {
    schema: {
      operationId: 'deleteMailbox',
      tags,
      summary: 'Stop polling a mailbox and forget its settings (the mail it delivered stays)',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteMailbox({ db, ctx: contextOf(request), mailboxId: request.params.id });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/mailboxes/:id/test', {
    schema: {
      operationId: 'testMailboxConnection',
      tags,
      summary: 'Try a saved mailbox: connect, sign in, open the folder; names the problem',
      params: idParams,
      response: { 200: connectionTestSchema },
    },
    handler: async (request) =>
      testMailboxConnection({
        db,
        ctx: contextOf(request),
        settings: { mailboxId: request.params.id },
        clientVersion,
      }),
  });

  app.post('/api/mailboxes/:id/poll', {
    schema: {
      operationId: 'pollMailboxNow',
      tags,
      summary: 'Poll a mailbox now and report what it took (409 while a server process is polling it)',
      params: idParams,
      response: { 200: pollResultSchema },
    },
    handler: async (request) => {
      const report = await pollMailboxNow({
        db,
        ctx: contextOf(request),
        poller,
        mailboxId: request.params.id,
      });
      const mailbox = report.mailbox ?? (await loadMailbox(db, request.params.id));
      return {
        outcomes: report.outcomes,
        taken: report.taken,
        left: report.left,
        error: report.error,
        mailbox: present(mailbox),
      };
    },
  });
}
