/**
 * Back to the built-in wording: deletes an administrator's override of a template in one language
 * and records `message_template.reset` with the text that was removed. Resetting a template that
 * has no override changes nothing and records nothing.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../../platform/events/domain-events.ts';
import type { MessageTemplate, messageTemplateRef } from '../../../message-templates.api.ts';
import { loadMessageTemplate, overrideForUpdate } from '../message-templates.repository.ts';
import { catalogEntry, templateSubjectId } from '../template-catalog.ts';

export async function resetMessageTemplate(o: {
  db: Kysely<Database>;
  ctx: RequestContext;
  ref: z.output<typeof messageTemplateRef>;
}): Promise<MessageTemplate> {
  const { kind, key, locale } = o.ref;
  const entry = catalogEntry(kind, key, 'querystring.key');
  await inTransaction(o.db, o.ctx, async (uow) => {
    const before = await overrideForUpdate(uow.trx, kind, key, locale);
    if (!before) return;
    await uow.trx
      .deleteFrom('message_template')
      .where('kind', '=', kind)
      .where('template', '=', key)
      .where('locale', '=', locale)
      .execute();
    await recordEvent(uow, {
      type: 'message_template.reset',
      subjectType: 'message_template',
      subjectId: templateSubjectId(kind, key, locale),
      before,
      after: { ...entry.defaults[locale], default: true },
    });
  });
  return loadMessageTemplate(o.db, entry);
}
