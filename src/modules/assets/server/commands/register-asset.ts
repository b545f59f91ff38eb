/**
 * Registers one asset of a customer: a product model, a serial the model's vendor has not used
 * yet (any case), the organisation and one of its sites, installation and the maker's warranty
 * (by default installation + the model's warranty months).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { assetBody } from '../../assets.api.ts';
import { assetsPolicy } from '../assets.policy.ts';
import {
  checkSerialFree,
  defaultWarrantyEnd,
  requireModel,
  requireOrganisation,
  requireSiteOf,
} from '../asset-checks.ts';
import { actorUserIdOf, writeAssetEvents } from '../asset-events.ts';

export async function registerAsset(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof assetBody>;
  now: Date;
}): Promise<number> {
  const { db, ctx, input, now } = opts;
  if (!assetsPolicy.canWrite(ctx.actor)) throw new AppError('forbidden', 'asset registrars only');
  return inTransaction(db, ctx, async (uow) => {
    const model = await requireModel(uow.trx, input.productModelId);
    await requireOrganisation(uow.trx, input.organisationId);
    if (input.siteId) await requireSiteOf(uow.trx, input.organisationId, input.siteId);
    await checkSerialFree(uow.trx, model.vendor, input.serial);
    const row = await uow.trx
      .insertInto('asset')
      .values({
        product_model_id: model.id,
        vendor: model.vendor,
        serial: input.serial,
        organisation_id: input.organisationId,
        site_id: input.siteId ?? null,
        installed_on: input.installedOn ?? null,
        warranty_ends_on: defaultWarrantyEnd(input.installedOn, input.warrantyEndsOn, model.warranty_months),
        state: input.state,
        notes: input.notes || null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAssetEvents(uow.trx, [
      { assetId: row.id, kind: 'registered', actorUserId: actorUserIdOf(ctx.actor), at: now },
    ]);
    await recordEvent(uow, {
      type: 'asset.registered',
      subjectType: 'asset',
      subjectId: row.id,
      organisationId: row.organisation_id,
      after: row,
    });
    return row.id;
  });
}
