/**
 * Demo assets the demo contracts cover (the installed base: vendor, model, serial, site,
 * maker's warranty). Written directly until the assets module exports a registration command;
 * an asset that already exists (same vendor and serial) is reused.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { SYSTEM_CONTEXT } from '../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../platform/events/domain-events.ts';
import type { ProductCategory } from '../../modules/assets/server/assets.tables.ts';

export interface DemoAsset {
  vendor: string;
  model: string;
  category: ProductCategory;
  serial: string;
  /** Index into the organisation's sites (by id). */
  site: number;
  installedOn: string;
  warrantyEndsOn: string;
}

/** The asset's id, registering model and asset when missing. */
export async function ensureDemoAsset(
  db: Kysely<Database>,
  organisationId: number,
  a: DemoAsset,
): Promise<number> {
  const existing = await db
    .selectFrom('asset')
    .select('id')
    .where((eb) => eb(eb.fn('upper', ['vendor']), '=', a.vendor.toUpperCase()))
    .where((eb) => eb(eb.fn('upper', ['serial']), '=', a.serial.toUpperCase()))
    .executeTakeFirst();
  if (existing) return existing.id;
  const sites = await db
    .selectFrom('site')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  return inTransaction(db, SYSTEM_CONTEXT, async (uow) => {
    await sql`
      insert into product_model (vendor, model, category) values (${a.vendor}, ${a.model}, ${a.category})
      on conflict do nothing`.execute(uow.trx);
    const model = await uow.trx
      .selectFrom('product_model')
      .select('id')
      .where((eb) => eb(eb.fn('upper', ['vendor']), '=', a.vendor.toUpperCase()))
      .where((eb) => eb(eb.fn('upper', ['model']), '=', a.model.toUpperCase()))
      .executeTakeFirstOrThrow();
    const asset = await uow.trx
      .insertInto('asset')
      .values({
        product_model_id: model.id,
        vendor: a.vendor,
        serial: a.serial,
        organisation_id: organisationId,
        site_id: sites[a.site]?.id ?? null,
        installed_on: a.installedOn,
        warranty_ends_on: a.warrantyEndsOn,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await uow.trx
      .insertInto('asset_event')
      .values({ asset_id: asset.id, kind: 'registered', data: null })
      .execute();
    await recordEvent(uow, {
      type: 'asset.registered',
      subjectType: 'asset',
      subjectId: asset.id,
      organisationId,
      after: asset,
    });
    return asset.id;
  });
}
