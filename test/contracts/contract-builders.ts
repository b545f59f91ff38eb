/**
 * Builders for contract tests: assets of the installed base (written directly, the assets
 * module's commands come later) and contract managers.
 */
import { sql } from 'kysely';
import type { TestApp } from '../harness/test-app.ts';

let seq = 0;

export interface AssetSpec {
  serial?: string;
  vendor?: string;
  model?: string;
  siteId?: number | null;
  installedOn?: string | null;
  warrantyEndsOn?: string | null;
  state?: 'in_service' | 'in_repair' | 'retired';
  replacesAssetId?: number | null;
}

/** An asset of `organisationId` (its product model created on first use). */
export async function makeAsset(t: TestApp, organisationId: number, spec: AssetSpec = {}) {
  const vendor = spec.vendor ?? 'Cisco';
  const model = spec.model ?? 'C9300-48P';
  const serial = spec.serial ?? `TST${Date.now().toString(36).toUpperCase()}${++seq}`;
  await sql`insert into product_model (vendor, model, category) values (${vendor}, ${model}, 'network') on conflict do nothing`.execute(
    t.db,
  );
  const pm = await t.db
    .selectFrom('product_model')
    .select('id')
    .where((eb) => eb(eb.fn('upper', ['vendor']), '=', vendor.toUpperCase()))
    .where((eb) => eb(eb.fn('upper', ['model']), '=', model.toUpperCase()))
    .executeTakeFirstOrThrow();
  return t.db
    .insertInto('asset')
    .values({
      product_model_id: pm.id,
      vendor,
      serial,
      organisation_id: organisationId,
      site_id: spec.siteId ?? null,
      installed_on: spec.installedOn ?? null,
      warranty_ends_on: spec.warrantyEndsOn ?? null,
      state: spec.state ?? 'in_service',
      replaces_asset_id: spec.replacesAssetId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
