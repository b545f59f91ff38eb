/**
 * The mail-gate: an MTA (through `tacdesk mail ingest --url`, like Request Tracker's rt-mailgate)
 * posts one raw message as `message/rfc822` with a staff API token. The caller is checked before
 * the body is read, and the body is taken as bytes up to the mail size limit, in a scope of its own
 * so no other route accepts raw mail. 202 with what became of the message, whatever that was.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { requireActor } from '../../../platform/http/request-context.ts';
import { mailIngestResultSchema } from '../mail-intake.api.ts';
import { mailIntakePolicy } from './mail-intake.policy.ts';
import { ingestRawMail } from './commands/ingest-raw-mail.ts';

export const MAIL_GATE_PATH = '/api/mail/inbound';

export function registerMailGateRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; files: FileStore; clock: () => Date; config: { maxMailBytes: number } },
) {
  const maxBytes = deps.config.maxMailBytes;
  const mayIngest = async (request: FastifyRequest) => {
    if (!mailIntakePolicy.canIngest(requireActor(request)))
      throw new AppError('forbidden', 'an administrator or hotline operator API token is required', {
        zh: '需要系统管理员或呼叫受理员的 API 令牌',
      });
  };

  app.register(async (scope) => {
    scope.addContentTypeParser(
      'message/rfc822',
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_request, body, done) => done(null, body),
    );
    scope.post(MAIL_GATE_PATH, {
      bodyLimit: maxBytes,
      // Before the (up to 30 MiB) body is read.
      preParsing: async (request) => mayIngest(request),
      schema: {
        operationId: 'ingestMail',
        tags: ['mail-intake'],
        summary:
          'Mail-gate: one raw RFC 822 message (Content-Type: message/rfc822), e.g. from `tacdesk mail ingest --url`',
        consumes: ['message/rfc822'],
        response: { 202: mailIngestResultSchema },
      },
      handler: async (request, reply) => {
        const raw = request.body;
        if (!Buffer.isBuffer(raw))
          throw new AppError(
            'unsupported_media_type',
            'send the raw message as Content-Type: message/rfc822',
            { zh: '请以 Content-Type: message/rfc822 发送原始邮件' },
          );
        const result = await ingestRawMail(
          { db: deps.db, files: deps.files, clock: deps.clock, log: request.log, maxBytes },
          raw,
          { kind: 'pipe' },
        );
        request.log.info({ ...result }, 'mail-gate message recorded');
        return reply.status(202).send(result);
      },
    });
  });
}
