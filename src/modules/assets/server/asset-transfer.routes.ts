/**
 * The installed base in and out of Excel: the filtered list as xlsx, the import template, and the
 * import (multipart upload of one xlsx) with its dry run and its row-by-row error report.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { readMultipartFiles } from '../../../platform/files/multipart.ts';
import { AppError, invalidField } from '../../../platform/http/app-error.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { preferredLocale } from '../../../platform/http/problem.ts';
import { ERROR_TITLES } from '../../../platform/http/error-titles.ts';
import { assetFilterQuery, importQuery, importRejectionSchema, importSummarySchema } from '../assets.api.ts';
import { listAssets, type AssetRow } from './asset.repository.ts';
import { assetsPolicy } from './assets.policy.ts';
import { XLSX_TYPE, assetsToXlsx, importReportXlsx, importTemplateXlsx } from './asset-sheet.ts';
import { importAssets } from './commands/import-assets.ts';
import { beijingDay } from './assets.presenter.ts';

const tags = ['installed base'];
const EXPORT_LIMIT = 20_000;
/** Problems listed in the JSON answer's `errors` (the report holds them all). */
const FIELD_ERRORS_SHOWN = 200;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function registerAssetTransferRoutes(
  app: HttpServer,
  deps: { db: Kysely<Database>; clock: () => Date; files: FileStore },
) {
  const { db, clock, files } = deps;

  app.get('/api/assets/export.xlsx', {
    schema: {
      operationId: 'exportAssets',
      tags,
      summary: 'The filtered installed base as xlsx (headings in the caller’s language), up to 20 000 assets',
      querystring: assetFilterQuery,
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const rows: AssetRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await listAssets(db, actor, { ...request.query, limit: 200, cursor });
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_LIMIT);
      const body = await assetsToXlsx(rows.slice(0, EXPORT_LIMIT), preferredLocale(request), {
        notes: assetsPolicy.canSeeInternal(actor),
      });
      reply.header('content-disposition', `attachment; filename="assets-${beijingDay(clock())}.xlsx"`);
      return reply.type(XLSX_TYPE).send(body);
    },
  });

  app.get('/api/assets/import-template.xlsx', {
    schema: {
      operationId: 'assetImportTemplate',
      tags,
      summary: 'An empty import sheet with headings in Chinese and English and a sheet of instructions',
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      if (!assetsPolicy.canImport(actor)) throw new AppError('forbidden', 'installed-base managers only');
      reply.header('content-disposition', 'attachment; filename="asset-import-template.xlsx"');
      return reply.type(XLSX_TYPE).send(await importTemplateXlsx());
    },
  });

  app.post('/api/assets/import', {
    schema: {
      operationId: 'importAssets',
      tags,
      summary:
        'Import assets from one xlsx (multipart field `file`): all rows or none; 422 with a row-by-row report (`report=xlsx`: as a workbook); `dryRun=true` checks only',
      consumes: ['multipart/form-data'],
      querystring: importQuery,
      response: { 200: importSummarySchema, 201: importSummarySchema, 422: importRejectionSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      // Refuse before reading the upload, so nobody without the right fills the disk.
      if (!assetsPolicy.canImport(ctx.actor)) throw new AppError('forbidden', 'installed-base managers only');
      const upload = await readMultipartFiles(request, files, { maxFiles: 1 });
      const file = upload.files[0];
      if (!file) throw invalidField('body.file', 'no file in the upload', '没有上传文件');
      if (file.mediaType !== XLSX_TYPE && file.mediaType !== 'application/zip')
        throw new AppError('unsupported_media_type', 'body.file: an .xlsx workbook is expected', {
          zh: '请上传 Excel 文件（.xlsx）',
          fieldErrors: [
            {
              field: 'body.file',
              message: 'an .xlsx workbook is expected',
              zh: '请上传 Excel 文件（.xlsx）',
            },
          ],
        });
      const locale = preferredLocale(request);
      const { dryRun, report } = request.query;
      const outcome = await importAssets({
        db,
        ctx,
        file: {
          bytes: await readAll(await files.open(file.sha256)),
          name: file.declaredName,
          sha256: file.sha256,
        },
        locale,
        dryRun,
        now: clock(),
      });
      const { problems, ...summary } = outcome;
      if (problems.length === 0) return reply.status(dryRun ? 200 : 201).send(summary);

      if (report === 'xlsx') {
        reply.header('content-disposition', 'attachment; filename="asset-import-errors.xlsx"');
        return (
          reply
            .status(422)
            .type(XLSX_TYPE)
            // Bytes are sent as they are (the 422 schema describes the JSON form).
            .send((await importReportXlsx(problems, locale)) as never)
        );
      }
      const badRows = new Set(problems.map((p) => p.row)).size;
      const detail =
        locale === 'en'
          ? `${badRows} row(s) have problems; nothing was imported`
          : `${badRows} 行有问题，整批未导入`;
      return reply
        .status(422)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: ERROR_TITLES.validation_failed[locale],
          status: 422 as const,
          code: 'validation_failed' as const,
          detail,
          errors: problems.slice(0, FIELD_ERRORS_SHOWN).map((p) => ({
            field: `body.file.rows.${p.row}.${p.column}`,
            message: p.message,
          })),
          report: { rows: summary.rows, rowsWithErrors: badRows, problems },
        });
    },
  });
}
