/**
 * A faxed request (seed 000: 传真 is one of the hotline's ways in): the operator scans or saves the
 * fax, picks the customer and records it in one step, so the case and its scans commit together
 * (channel `fax`). The scans stream into the file store first; a refused request leaves only
 * unreferenced content there, never a case without its fax.
 */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../platform/http/app-error.ts';
import { contextOf } from '../../../platform/http/request-context.ts';
import { schemaIssueZh } from '../../../platform/http/schema-issue-zh.ts';
import { inTransaction } from '../../../platform/events/domain-events.ts';
import { readMultipartFiles, type ReceivedFile } from '../../../platform/files/multipart.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { caseSchema, faxCaseFields, openCaseBody, openCaseResult } from '../cases.api.ts';
import { casesPolicy } from './cases.policy.ts';
import { openCaseIn, prepareOpenCase } from './commands/open-case.ts';
import { asCaseFiles, attachFilesIn } from './case-attachment-files.ts';
import type { CaseRouteDeps } from './cases.routes.ts';

/** A fax arrives as a scan or a PDF; anything else is not the fax. */
const isFaxImage = (f: ReceivedFile) => f.mediaType.startsWith('image/') || f.mediaType === 'application/pdf';

export function registerFaxIntakeRoutes(
  app: HttpServer,
  deps: CaseRouteDeps & { show: (actor: Actor, id: number) => Promise<z.input<typeof caseSchema>> },
) {
  const { db, files, clock } = deps;
  app.post('/api/cases/fax', {
    schema: {
      operationId: 'recordFaxCase',
      tags: ['cases'],
      summary:
        'Record a faxed request (multipart/form-data: part `case` = the case fields as JSON plus `faxNumber` and `receivedAt`; one or more `file` parts = the scanned pages, image or PDF)',
      consumes: ['multipart/form-data'],
      response: { 201: openCaseResult },
    },
    handler: async (request, reply: FastifyReply) => {
      const ctx = contextOf(request);
      if (!casesPolicy.canRecordFax(ctx.actor))
        throw new AppError('forbidden', 'staff record faxed requests', { zh: '传真来件只能由员工录入' });
      const upload = await readMultipartFiles(request, files);
      const fields = parseCaseField(upload.fields.case);
      if (upload.files.length === 0)
        throw invalidField('body.file', 'attach the fax (a scan or a PDF)', '请附上传真（扫描件或 PDF）');
      const other = upload.files.find((f) => !isFaxImage(f));
      if (other) {
        const name = other.declaredName;
        throw invalidField('body.file', `${name}: a fax is an image or a PDF`, `${name}：传真须为图片或 PDF`);
      }

      const { faxNumber, receivedAt, ...caseFields } = fields;
      const input = openCaseBody.parse({ ...caseFields, channel: 'fax' });
      const now = clock();
      const plan = await prepareOpenCase(db, { ctx, input, now });
      const id = await inTransaction(db, ctx, async (uow) => {
        const caseId = await openCaseIn(uow, plan);
        await attachFilesIn(
          uow,
          { id: caseId, organisation_id: plan.organisationId },
          asCaseFiles(upload.files),
          {
            visibility: 'public',
            now,
            entry: { fax: { number: faxNumber ?? null, receivedAt: receivedAt ?? null } },
          },
        );
        return caseId;
      });
      return reply.status(201).send({ ...(await deps.show(ctx.actor, id)), notice: null });
    },
  });
}

/** The `case` part: JSON text (or a part sent as application/json), checked like the open-case body. */
function parseCaseField(raw: unknown) {
  if (raw === undefined)
    throw invalidField('body.case', 'required: the case fields as JSON', '必填：案例字段（JSON）');
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidField('body.case', 'not JSON', '不是有效的 JSON');
    }
  }
  const parsed = faxCaseFields.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors = parsed.error.issues.map((issue) => ({
    field: ['body', 'case', ...issue.path].join('.'),
    message: issue.message,
    zh: schemaIssueZh(issue.code, issue as unknown as Record<string, unknown>, issue.message) ?? undefined,
  }));
  throw new AppError('validation_failed', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    fieldErrors,
  });
}
