/**
 * Attachments on a case: uploaded as multipart straight into the content-addressed store (the
 * access check comes first, so nobody can fill the disk through a case they may not touch),
 * listed and downloaded under the same policy as the case. Customers see public files only.
 */
import { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { readMultipartFiles } from '../../../platform/files/multipart.ts';
import { sendStoredFile } from '../../../platform/files/send-stored-file.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { inTransaction } from '../../../platform/events/domain-events.ts';
import { idParams } from '../cases.api.ts';
import { STATE_INFO } from '../case-status.ts';
import { casesPolicy } from './cases.policy.ts';
import { canSeeCase, loadVisibleCase } from './case.repository.ts';
import { attachFilesIn, asCaseFiles } from './case-attachment-files.ts';
import type { CaseAttachmentTable } from './cases.tables.ts';

const tags = ['cases'];
const attachmentSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  fileName: z.string(),
  size: z.number(),
  mediaType: z.string(),
  visibility: z.enum(['public', 'internal']),
  uploadedBy: z.number().nullable(),
  createdAt: z.string(),
});

function present(row: Selectable<CaseAttachmentTable>) {
  return {
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    size: Number(row.size),
    mediaType: row.media_type,
    visibility: row.visibility,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
  };
}

export function registerCaseAttachmentRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date; files: FileStore },
) {
  const { db, files, clock } = deps;

  app.post('/api/cases/:id/attachments', {
    schema: {
      operationId: 'uploadCaseAttachments',
      tags,
      summary: 'Attach files (multipart/form-data; field `visibility`: public | internal)',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: z.object({ items: z.array(attachmentSchema) }) },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const c = await loadVisibleCase(db, ctx.actor, request.params.id);
      if (c.state === 'cancelled' || c.merged_into_id)
        throw new AppError('conflict', `the case is ${c.merged_into_id ? 'merged' : c.state}`, {
          zh: `案例${c.merged_into_id ? '已合并' : STATE_INFO[c.state].label['zh-CN']}，不能再添加附件`,
        });
      const upload = await readMultipartFiles(request, files);
      const visibility = upload.fields.visibility ?? 'public';
      if (visibility !== 'public' && visibility !== 'internal')
        throw invalidField('body.visibility', 'public or internal', '应为 public（公开）或 internal（内部）');
      if (visibility === 'internal' && !casesPolicy.canSeeInternal(ctx.actor))
        throw invalidField('body.visibility', 'customers attach public files only', '客户只能上传公开附件');
      if (upload.files.length === 0) throw invalidField('body.file', 'no file in the upload', '没有上传文件');
      const rows = await inTransaction(db, ctx, (uow) =>
        attachFilesIn(uow, c, asCaseFiles(upload.files), { visibility, now: clock() }),
      );
      return reply.status(201).send({ items: rows.map(present) });
    },
  });

  app.get('/api/cases/:id/attachments', {
    schema: {
      operationId: 'listCaseAttachments',
      tags,
      summary: 'Files attached to the case',
      params: idParams,
      response: { 200: z.object({ items: z.array(attachmentSchema) }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const c = await loadVisibleCase(db, actor, request.params.id);
      let query = db.selectFrom('case_attachment').selectAll().where('case_id', '=', c.id);
      if (!casesPolicy.canSeeInternal(actor)) query = query.where('visibility', '=', 'public');
      return { items: (await query.orderBy('id').execute()).map(present) };
    },
  });

  app.get('/api/attachments/:id/download', {
    schema: {
      operationId: 'downloadAttachment',
      tags,
      summary: 'Download an attachment (same access as its case)',
      params: idParams,
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const row = await db
        .selectFrom('case_attachment')
        .selectAll()
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('attachment');
      // Another organisation's file, or an internal one for a customer, does not exist for them:
      // the same 404 as a missing id, so the answer tells nothing.
      const visible = await canSeeCase(db, actor, row.case_id);
      if (!visible || (row.visibility === 'internal' && !casesPolicy.canSeeInternal(actor)))
        throw notFound('attachment');
      const extension = row.file_name.includes('.') ? row.file_name.split('.').pop()!.toLowerCase() : '';
      return sendStoredFile(
        reply,
        files,
        { sha256: row.sha256, size: Number(row.size), mediaType: row.media_type, extension },
        { downloadName: row.file_name },
      );
    },
  });
}
