/**
 * Checks shared by the contract commands, run before the transaction opens: the owner, the
 * service level, and the coverage (sites and assets of the contract's organisation). Each
 * refusal names the field, e.g. `body.serials.3`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { invalidField } from '../../../platform/http/app-error.ts';

/** The contract owner (服务专员) must be an active staff user. */
export async function checkOwner(db: Kysely<Database>, ownerId: number, field = 'body.ownerId') {
  const user = await db
    .selectFrom('app_user')
    .select(['kind', 'active'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!user || user.kind !== 'staff') throw invalidField(field, 'no such staff user', '没有这位员工');
  if (!user.active) throw invalidField(field, 'this user is deactivated', '该用户已停用');
}

export async function checkServiceLevel(db: Kysely<Database>, id: number, field = 'body.serviceLevelId') {
  if (!(await db.selectFrom('service_level').select('id').where('id', '=', id).executeTakeFirst()))
    throw invalidField(field, 'no such service level', '没有这个服务级别');
}

export async function checkSites(db: Kysely<Database>, organisationId: number, siteIds: number[]) {
  if (siteIds.length === 0) return;
  const sites = await db
    .selectFrom('site')
    .select(['id', 'organisation_id'])
    .where('id', 'in', siteIds)
    .execute();
  const bad = siteIds.findIndex((sid) => sites.find((s) => s.id === sid)?.organisation_id !== organisationId);
  if (bad >= 0)
    throw invalidField(`body.siteIds.${bad}`, 'not a site of this organisation', '不是该客户的站点');
}

/**
 * The covered assets given by id and by serial number, as asset ids (no duplicates). An
 * asset must belong to the contract's organisation and still be in the installed base.
 */
export async function resolveCoveredAssets(
  db: Kysely<Database>,
  organisationId: number,
  input: { assetIds?: number[] | undefined; serials?: string[] | undefined },
): Promise<number[]> {
  const ids = new Set<number>();
  const assetIds = input.assetIds ?? [];
  if (assetIds.length > 0) {
    const rows = await db
      .selectFrom('asset')
      .select(['id', 'organisation_id', 'state'])
      .where('id', 'in', assetIds)
      .execute();
    assetIds.forEach((assetId, i) => {
      const row = rows.find((r) => r.id === assetId);
      if (!row) throw invalidField(`body.assetIds.${i}`, 'no such asset', '没有这台设备');
      if (row.organisation_id !== organisationId)
        throw invalidField(`body.assetIds.${i}`, 'an asset of another organisation', '是其他客户的设备');
      if (row.state === 'retired')
        throw invalidField(`body.assetIds.${i}`, 'this asset is retired', '该设备已退役');
      ids.add(assetId);
    });
  }
  const serials = input.serials ?? [];
  if (serials.length > 0) {
    const wanted = [...new Set(serials.map((s) => s.toUpperCase()))];
    const rows: Array<{ id: number; organisation_id: number; state: string; serial: string }> = [];
    for (let i = 0; i < wanted.length; i += 1000) {
      rows.push(
        ...(await db
          .selectFrom('asset')
          .select(['id', 'organisation_id', 'state', 'serial'])
          .where((eb) => eb(eb.fn('upper', ['serial']), 'in', wanted.slice(i, i + 1000)))
          .execute()),
      );
    }
    serials.forEach((serial, i) => {
      const field = `body.serials.${i}`;
      const matches = rows.filter((r) => r.serial.toUpperCase() === serial.toUpperCase());
      if (matches.length === 0)
        throw invalidField(
          field,
          `no asset with serial ${serial}: register it in the installed base first`,
          `没有序列号为 ${serial} 的设备：请先在设备台账中登记`,
        );
      const own = matches.filter((r) => r.organisation_id === organisationId);
      if (own.length === 0)
        throw invalidField(
          field,
          `the asset ${serial} belongs to another organisation`,
          `设备 ${serial} 属于其他客户`,
        );
      const live = own.filter((r) => r.state !== 'retired');
      if (live.length === 0)
        throw invalidField(field, `the asset ${serial} is retired`, `设备 ${serial} 已退役`);
      if (live.length > 1)
        throw invalidField(
          field,
          `assets of several vendors carry serial ${serial}: give assetIds instead`,
          `多个厂商的设备都用序列号 ${serial}：请直接选择设备`,
        );
      ids.add(live[0]!.id);
    });
  }
  return [...ids];
}

/** Replaces the contract's site and asset lists (those given). */
export async function writeCoverage(
  trx: Transaction<Database>,
  contractId: number,
  coverage: { siteIds?: number[] | undefined; assetIds?: number[] | undefined },
) {
  if (coverage.siteIds) {
    await trx.deleteFrom('contract_site').where('contract_id', '=', contractId).execute();
    const siteIds = [...new Set(coverage.siteIds)];
    if (siteIds.length)
      await trx
        .insertInto('contract_site')
        .values(siteIds.map((site_id) => ({ contract_id: contractId, site_id })))
        .execute();
  }
  if (coverage.assetIds) {
    await trx.deleteFrom('contract_asset').where('contract_id', '=', contractId).execute();
    for (let i = 0; i < coverage.assetIds.length; i += 1000) {
      await trx
        .insertInto('contract_asset')
        .values(
          coverage.assetIds.slice(i, i + 1000).map((asset_id) => ({ contract_id: contractId, asset_id })),
        )
        .execute();
    }
  }
}

/**
 * An asset now belonging to `organisationId` leaves the coverage lists of other customers'
 * contracts (nor is it carried into their renewals or listed to their contacts). Returns the
 * contracts it left.
 */
export async function uncoverMovedAsset(
  trx: Transaction<Database>,
  assetId: number,
  organisationId: number,
): Promise<number[]> {
  const rows = await trx
    .deleteFrom('contract_asset')
    .where('asset_id', '=', assetId)
    .where('contract_id', 'in', (eb) =>
      eb.selectFrom('service_contract').select('id').where('organisation_id', '<>', organisationId),
    )
    .returning('contract_id')
    .execute();
  return rows.map((r) => r.contract_id);
}

/** The contract row with its coverage lists: the before / after of the audit trail. */
export async function contractSnapshot(trx: Kysely<Database>, contractId: number) {
  const row = await trx
    .selectFrom('service_contract')
    .selectAll()
    .where('id', '=', contractId)
    .executeTakeFirstOrThrow();
  const sites = await trx
    .selectFrom('contract_site')
    .select('site_id')
    .where('contract_id', '=', contractId)
    .orderBy('site_id')
    .execute();
  const assets = await trx
    .selectFrom('contract_asset')
    .select('asset_id')
    .where('contract_id', '=', contractId)
    .orderBy('asset_id')
    .execute();
  return { ...row, siteIds: sites.map((s) => s.site_id), assetIds: assets.map((a) => a.asset_id) };
}
