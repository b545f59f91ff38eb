/** Administrators edit the mail and robot templates per language, reset them, and preview a text unsaved. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { AppConfig } from '../../../../platform/config/config.ts';
import type { HttpServer } from '../../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../../platform/http/request-context.ts';
import {
  messageTemplateInput,
  messageTemplateList,
  messageTemplatePreview,
  messageTemplatePreviewInput,
  messageTemplateRef,
  messageTemplateSchema,
} from '../../message-templates.api.ts';
import { notificationsPolicy } from '../notifications.policy.ts';
import { resetMessageTemplate } from './commands/reset-message-template.ts';
import { saveMessageTemplate } from './commands/save-message-template.ts';
import { listMessageTemplates } from './message-templates.repository.ts';
import { previewMessageTemplate } from './preview-message-template.ts';

const tags = ['notifications'];

export function registerMessageTemplateRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; config: AppConfig; clock: () => Date },
) {
  const { db, config, clock } = deps;

  app.get('/api/message-templates', {
    schema: {
      operationId: 'listMessageTemplates',
      tags,
      summary: 'Every mail and robot template per language: the text in use, the default, the placeholders',
      response: { 200: messageTemplateList },
    },
    handler: async (request) => {
      notificationsPolicy.requireAdmin(requireActor(request));
      return { items: await listMessageTemplates(db) };
    },
  });

  app.put('/api/message-templates', {
    schema: {
      operationId: 'saveMessageTemplate',
      tags,
      summary: 'Replace the subject and body of a template in one language (an override of the default)',
      body: messageTemplateInput,
      response: { 200: messageTemplateSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      notificationsPolicy.requireAdmin(ctx.actor);
      return saveMessageTemplate({ db, ctx, input: request.body, now: clock() });
    },
  });

  app.delete('/api/message-templates', {
    schema: {
      operationId: 'resetMessageTemplate',
      tags,
      summary: 'Back to the built-in text of a template in one language (deletes the override)',
      querystring: messageTemplateRef,
      response: { 200: messageTemplateSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      notificationsPolicy.requireAdmin(ctx.actor);
      return resetMessageTemplate({ db, ctx, ref: request.query });
    },
  });

  app.post('/api/message-templates/preview', {
    schema: {
      operationId: 'previewMessageTemplate',
      tags,
      summary: 'Render a template text with sample data or a case, without saving it',
      body: messageTemplatePreviewInput,
      response: { 200: messageTemplatePreview },
    },
    handler: async (request) => {
      notificationsPolicy.requireAdmin(requireActor(request));
      return previewMessageTemplate({ db, input: request.body, publicUrl: config.publicUrl });
    },
  });
}
