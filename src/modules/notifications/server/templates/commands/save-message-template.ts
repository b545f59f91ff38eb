/**
 * An administrator rewrites a template in one language: checked (placeholders known, braces
 * balanced, the subject one line with the case number), stored as an override of the built-in
 * default and recorded as `message_template.updated` with the text before and after. The sender
 * uses it from its next batch.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../../platform/events/domain-events.ts';
import type { MessageTemplate, MessageTemplateInput } from '../../../message-templates.api.ts';
import { loadMessageTemplate, overrideForUpdate } from '../message-templates.repository.ts';
import { catalogEntry, checkTemplateText, templateSubjectId } from '../template-catalog.ts';

export async function saveMessageTemplate(o: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: MessageTemplateInput;
  now: Date;
}): Promise<MessageTemplate> {
  const { kind, key, locale, subject, body } = o.input;
  const entry = catalogEntry(kind, key, 'body.key');
  checkTemplateText(entry, { subject, body });
  const updatedBy = o.ctx.actor.kind === 'system' ? null : o.ctx.actor.userId;
  await inTransaction(o.db, o.ctx, async (uow) => {
    const before = await overrideForUpdate(uow.trx, kind, key, locale);
    await uow.trx
      .insertInto('message_template')
      .values({ kind, template: key, locale, subject, body, updated_by: updatedBy, updated_at: o.now })
      .onConflict((oc) =>
        oc
          .columns(['kind', 'template', 'locale'])
          .doUpdateSet({ subject, body, updated_by: updatedBy, updated_at: o.now }),
      )
      .execute();
    await recordEvent(uow, {
      type: 'message_template.updated',
      subjectType: 'message_template',
      subjectId: templateSubjectId(kind, key, locale),
      // No override before: the built-in default was in use.
      before: before ?? { ...entry.defaults[locale], default: true },
      after: { subject, body },
    });
  });
  return loadMessageTemplate(o.db, entry);
}
