/**
 * Received mail for intake staff: the list (the quarantine is `state=quarantined`), one mail with
 * its sanitised HTML (and the same with inline images embedded, for display), text and attachments, the original .eml and the attachments to download,
 * and accepting or rejecting a quarantined mail. Customers never reach any of it (403 before
 * the input is even looked at).
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { sendStoredFile } from '../../../platform/files/send-stored-file.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  acceptInboundMailBody,
  idParams,
  inboundMailListQuery,
  inboundMailListSchema,
  inboundMailSchema,
  rejectInboundMailBody,
} from '../mail-intake.api.ts';
import { mailIntakePolicy } from './mail-intake.policy.ts';
import { presentInboundMail, presentInboundMails } from './mail-intake.presenter.ts';
import { acceptInboundMail } from './commands/accept-inbound-mail.ts';
import { rejectInboundMail } from './commands/reject-inbound-mail.ts';

const tags = ['mail-intake'];

export function registerInboundMailRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; files: FileStore; clock: () => Date },
) {
  const { db, files, clock } = deps;
  const mayRead = async (request: FastifyRequest) => {
    if (!mailIntakePolicy.canReadMail(requireActor(request)))
      throw new AppError('forbidden', 'intake staff and administrators only');
  };
  const maySettle = async (request: FastifyRequest) => {
    if (!mailIntakePolicy.canSettleMail(requireActor(request)))
      throw new AppError('forbidden', 'intake staff and administrators only');
  };
  const one = async (request: FastifyRequest, id: number) => {
    const mail = await presentInboundMail(db, files, id, requireActor(request));
    if (!mail) throw notFound('mail');
    return mail;
  };

  app.get('/api/inbound-mail', {
    preValidation: mayRead,
    schema: {
      operationId: 'listInboundMail',
      tags,
      summary: 'Received e-mail, newest first; `state=quarantined` is the quarantine',
      querystring: inboundMailListQuery,
      response: { 200: inboundMailListSchema },
    },
    handler: async (request) => {
      const f = request.query;
      let query = db.selectFrom('inbound_mail').select('id');
      if (f.state) query = query.where('state', '=', f.state);
      if (f.before) query = query.where('id', '<', f.before);
      const rows = await query.orderBy('id', 'desc').limit(f.limit).execute();
      return {
        items: await presentInboundMails(
          db,
          rows.map((r) => r.id),
        ),
        nextBefore: rows.length === f.limit ? rows.at(-1)!.id : null,
      };
    },
  });

  app.get('/api/inbound-mail/:id', {
    preValidation: mayRead,
    schema: {
      operationId: 'getInboundMail',
      tags,
      summary: 'One received mail: sanitised HTML, text, attachments, headers, why it is where it is',
      params: idParams,
      response: { 200: inboundMailSchema },
    },
    handler: async (request) => one(request, request.params.id),
  });

  app.get('/api/inbound-mail/:id/raw', {
    preValidation: mayRead,
    schema: {
      operationId: 'downloadInboundMailRaw',
      tags,
      summary: 'The original message as received (.eml; .eml.gz when it held binary bytes)',
      params: idParams,
    },
    handler: async (request, reply) => {
      const mail = await db
        .selectFrom('inbound_mail')
        .select(['id', 'raw_sha256', 'raw_gzip'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!mail?.raw_sha256) throw notFound('original message');
      // The stored size: a gzipped original is smaller than the message was.
      const stored = await files.stat(mail.raw_sha256);
      if (!stored) throw notFound('original message');
      const type = mail.raw_gzip
        ? { mediaType: 'application/gzip', extension: 'gz' }
        : { mediaType: 'message/rfc822', extension: 'eml' };
      return sendStoredFile(
        reply,
        files,
        { sha256: mail.raw_sha256, size: stored.size, ...type },
        { downloadName: `mail-${mail.id}.eml${mail.raw_gzip ? '.gz' : ''}` },
      );
    },
  });

  app.get('/api/inbound-mail/attachments/:id/download', {
    preValidation: mayRead,
    schema: {
      operationId: 'downloadInboundMailAttachment',
      tags,
      summary: "A received mail's attachment (inline images are shown in place)",
      params: idParams,
    },
    handler: async (request, reply) => {
      const a = await db
        .selectFrom('inbound_mail_attachment')
        .selectAll()
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!a?.sha256) throw notFound('attachment');
      return sendStoredFile(
        reply,
        files,
        { sha256: a.sha256, size: Number(a.size), mediaType: a.media_type, extension: a.extension },
        { downloadName: a.file_name, disposition: a.inline ? 'inline' : 'attachment' },
      );
    },
  });

  app.post('/api/inbound-mail/:id/accept', {
    preValidation: maySettle,
    schema: {
      operationId: 'acceptInboundMail',
      tags,
      summary: 'Take a quarantined mail: as a new case (chosen customer and contact) or as a reply on a case',
      params: idParams,
      body: acceptInboundMailBody,
      response: { 200: inboundMailSchema },
    },
    handler: async (request) => {
      await acceptInboundMail({
        db,
        ctx: contextOf(request),
        mailId: request.params.id,
        input: request.body,
        now: clock(),
      });
      return one(request, request.params.id);
    },
  });

  app.post('/api/inbound-mail/:id/reject', {
    preValidation: maySettle,
    schema: {
      operationId: 'rejectInboundMail',
      tags,
      summary: 'Reject a quarantined mail with a reason (kept for the record, opens nothing)',
      params: idParams,
      body: rejectInboundMailBody,
      response: { 200: inboundMailSchema },
    },
    handler: async (request) => {
      await rejectInboundMail({
        db,
        ctx: contextOf(request),
        mailId: request.params.id,
        reason: request.body.reason,
        now: clock(),
      });
      return one(request, request.params.id);
    },
  });
}
