/**
 * Staff correct what intake recorded: title, description, category, serial, site, contact,
 * impact. The change is audited before → after and the search text follows.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { updateCaseBody } from '../../cases.api.ts';
import { casesPolicy } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { rebuildSearchText } from '../case-search.ts';

export async function updateCase(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  input: z.output<typeof updateCaseBody>;
  now: Date;
}) {
  const { ctx, input, now } = opts;
  await inTransaction(opts.db, ctx, async (uow) => {
    const before = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId, { forUpdate: true });
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    if (before.merged_into_id)
      throw new AppError('conflict', `merged into case ${before.merged_into_id}`, {
        zh: `此案例已合并到案例 ${before.merged_into_id}，不能再修改`,
      });
    if (input.siteId) {
      const site = await uow.trx
        .selectFrom('site')
        .select('organisation_id')
        .where('id', '=', input.siteId)
        .executeTakeFirst();
      if (site?.organisation_id !== before.organisation_id)
        throw invalidField('body.siteId', 'not a site of this organisation', '不是该客户的站点');
    }
    if (input.contactId) {
      const contact = await uow.trx
        .selectFrom('contact')
        .select('organisation_id')
        .where('id', '=', input.contactId)
        .executeTakeFirst();
      if (contact?.organisation_id !== before.organisation_id)
        throw invalidField('body.contactId', 'not a contact of this organisation', '不是该客户的联系人');
    }
    const changes = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.category !== undefined && { category: input.category }),
      ...(input.assetSerial !== undefined && { asset_serial: input.assetSerial }),
      ...(input.siteId !== undefined && { site_id: input.siteId }),
      ...(input.contactId !== undefined && { contact_id: input.contactId }),
      ...(input.impact !== undefined && { impact: input.impact }),
    };
    await uow.trx
      .updateTable('support_case')
      .set({ ...changes, updated_at: now })
      .where('id', '=', before.id)
      .execute();
    await rebuildSearchText(uow.trx, before.id);
    const pick = (c: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(changes).map((k) => [k, c[k]]));
    await recordEvent(uow, {
      type: 'case.updated',
      subjectType: 'case',
      subjectId: before.id,
      organisationId: before.organisation_id,
      before: pick(before),
      after: changes,
    });
  });
}
