/**
 * Corrects an asset: model, serial, organisation, site, dates, state, notes. Its history shows
 * a move between sites (or customers) as `moved`, a new state as `state_changed` and any other
 * correction as `updated`; the audit trail keeps the asset before and after.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { assetPatch } from '../../assets.api.ts';
import { assetsPolicy } from '../assets.policy.ts';
import { loadVisibleAsset } from '../asset.repository.ts';
import { checkSerialFree, requireModel, requireOrganisation, requireSiteOf } from '../asset-checks.ts';
import { actorUserIdOf, writeAssetEvents, type NewAssetEvent } from '../asset-events.ts';
import { uncoverMovedAsset } from '../../../contracts/server/index.ts';

const EDITABLE = ['product_model_id', 'serial', 'installed_on', 'warranty_ends_on', 'notes'] as const;

export async function updateAsset(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  assetId: number;
  input: z.output<typeof assetPatch>;
  now: Date;
}): Promise<void> {
  const { db, ctx, input, now } = opts;
  await loadVisibleAsset(db, ctx.actor, opts.assetId);
  if (!assetsPolicy.canWrite(ctx.actor)) throw new AppError('forbidden', 'asset registrars only');

  await inTransaction(db, ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('asset')
      .selectAll()
      .where('id', '=', opts.assetId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('asset');
    const model =
      input.productModelId !== undefined && input.productModelId !== before.product_model_id
        ? await requireModel(uow.trx, input.productModelId)
        : null;
    const vendor = model?.vendor ?? before.vendor;
    const serial = input.serial ?? before.serial;
    if (
      vendor.toUpperCase() !== before.vendor.toUpperCase() ||
      serial.toUpperCase() !== before.serial.toUpperCase()
    )
      await checkSerialFree(uow.trx, vendor, serial, {
        exceptId: before.id,
        field: input.serial !== undefined ? 'body.serial' : 'body.productModelId',
      });
    const organisationId = input.organisationId ?? before.organisation_id;
    const organisationChanged = organisationId !== before.organisation_id;
    if (organisationChanged) await requireOrganisation(uow.trx, organisationId);
    // A site belongs to one organisation: a move to another customer clears it unless one is given.
    const siteId = input.siteId !== undefined ? input.siteId : organisationChanged ? null : before.site_id;
    if (siteId !== null && (siteId !== before.site_id || organisationChanged))
      await requireSiteOf(uow.trx, organisationId, siteId);
    const installedOn = input.installedOn !== undefined ? input.installedOn : before.installed_on;
    const warrantyEndsOn =
      input.warrantyEndsOn !== undefined ? input.warrantyEndsOn : before.warranty_ends_on;
    const datesGiven = input.installedOn !== undefined || input.warrantyEndsOn !== undefined;
    if (datesGiven && installedOn && warrantyEndsOn && warrantyEndsOn < installedOn)
      throw invalidField(
        input.warrantyEndsOn !== undefined ? 'body.warrantyEndsOn' : 'body.installedOn',
        'the maker’s warranty would end before the installation',
        '原厂保修截止日期会早于安装日期',
      );
    const state = input.state ?? before.state;
    if (state !== 'retired' && before.state === 'retired') {
      const successor = await uow.trx
        .selectFrom('asset')
        .select('serial')
        .where('replaces_asset_id', '=', before.id)
        .executeTakeFirst();
      if (successor)
        throw new AppError('conflict', `body.state: the asset was swapped out for ${successor.serial}`, {
          zh: `该设备已被替换为 ${successor.serial}，不能恢复使用`,
          fieldErrors: [
            {
              field: 'body.state',
              message: `the asset was swapped out for ${successor.serial}`,
              zh: `该设备已被替换为 ${successor.serial}`,
            },
          ],
        });
    }

    const after = await uow.trx
      .updateTable('asset')
      .set({
        product_model_id: model?.id ?? before.product_model_id,
        vendor,
        serial,
        organisation_id: organisationId,
        site_id: siteId,
        installed_on: installedOn,
        warranty_ends_on: warrantyEndsOn,
        state,
        notes: input.notes !== undefined ? input.notes || null : before.notes,
        updated_at: now,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    // Another customer's unit is no longer covered by the old customer's contracts (nor carried
    // into their renewals, nor listed to their contacts).
    const uncovered = organisationChanged ? await uncoverMovedAsset(uow.trx, before.id, organisationId) : [];

    const actorUserId = actorUserIdOf(ctx.actor);
    const events: NewAssetEvent[] = [];
    if (organisationChanged || after.site_id !== before.site_id) {
      const siteName = async (id: number | null) =>
        id === null
          ? null
          : ((await uow.trx.selectFrom('site').select('name').where('id', '=', id).executeTakeFirst())
              ?.name ?? null);
      events.push({
        assetId: before.id,
        kind: 'moved',
        actorUserId,
        at: now,
        data: {
          from: {
            organisationId: before.organisation_id,
            siteId: before.site_id,
            siteName: await siteName(before.site_id),
          },
          to: {
            organisationId: after.organisation_id,
            siteId: after.site_id,
            siteName: await siteName(after.site_id),
          },
          ...(uncovered.length > 0 && { contractsNoLongerCovering: uncovered }),
        },
      });
    }
    if (after.state !== before.state)
      events.push({
        assetId: before.id,
        kind: 'state_changed',
        actorUserId,
        at: now,
        data: { from: before.state, to: after.state },
      });
    const changed = EDITABLE.filter((k) => after[k] !== before[k]);
    if (changed.length > 0)
      events.push({
        assetId: before.id,
        kind: 'updated',
        actorUserId,
        at: now,
        data: {
          changed,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
      });
    if (events.length === 0) return;
    await writeAssetEvents(uow.trx, events);
    await recordEvent(uow, {
      type: 'asset.updated',
      subjectType: 'asset',
      subjectId: before.id,
      organisationId: after.organisation_id,
      before,
      after,
      data: { kinds: events.map((e) => e.kind), changed },
    });
  });
}
