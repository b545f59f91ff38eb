/**
 * Files already in the store recorded as a case's attachments, inside the caller's transaction:
 * the rows, one timeline entry listing them and the `case.attachments_added` event. Uploads,
 * faxed requests and mail attachments all come through here.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { recordEvent, type UnitOfWork } from '../../../platform/events/domain-events.ts';
import type { StoredFile } from '../../../platform/files/file-store.ts';
import type { ReceivedFile } from '../../../platform/files/multipart.ts';
import { addTimelineEntry } from './case-timeline.ts';
import type { CaseAttachmentTable } from './cases.tables.ts';

export interface CaseFile extends Pick<StoredFile, 'sha256' | 'size' | 'mediaType'> {
  /** The name it is downloaded as (trimmed to 255 characters). */
  fileName: string;
}

/** Uploaded files as the case keeps them: under the name the client gave. */
export const asCaseFiles = (files: ReceivedFile[]): CaseFile[] =>
  files.map((f) => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, fileName: f.declaredName }));

export async function attachFilesIn(
  uow: UnitOfWork<Database>,
  target: { id: number; organisation_id: number },
  files: CaseFile[],
  opts: { visibility: 'public' | 'internal'; now: Date; entry?: Record<string, unknown> },
): Promise<Selectable<CaseAttachmentTable>[]> {
  if (files.length === 0) return [];
  const actor = uow.ctx.actor;
  const inserted = await uow.trx
    .insertInto('case_attachment')
    .values(
      files.map((f) => ({
        case_id: target.id,
        sha256: f.sha256,
        size: f.size,
        media_type: f.mediaType,
        file_name: f.fileName.slice(0, 255),
        visibility: opts.visibility,
        uploaded_by: actor.kind === 'system' ? null : actor.userId,
      })),
    )
    .returningAll()
    .execute();
  await addTimelineEntry(uow, target.id, {
    kind: 'attachment',
    visibility: opts.visibility,
    data: {
      ...opts.entry,
      attachments: inserted.map((r) => ({ id: r.id, fileName: r.file_name, size: Number(r.size) })),
    },
  });
  await uow.trx
    .updateTable('support_case')
    .set({ updated_at: opts.now })
    .where('id', '=', target.id)
    .execute();
  await recordEvent(uow, {
    type: 'case.attachments_added',
    subjectType: 'case',
    subjectId: target.id,
    organisationId: target.organisation_id,
    data: { attachmentIds: inserted.map((r) => r.id), visibility: opts.visibility },
  });
  return inserted;
}
