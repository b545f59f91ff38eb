/** Checks an asset write makes before it touches anything; each refusal names the field. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { AppError, invalidField } from '../../../platform/http/app-error.ts';
import { addMonths } from '../asset-status.ts';
import { findSerialOfVendor } from './asset.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A 409 naming the field whose value collides with an existing record; `zh` is the message in zh-CN. */
export function duplicateField(field: string, message: string, zh: string): AppError {
  return new AppError('conflict', `${field}: ${message}`, { zh, fieldErrors: [{ field, message, zh }] });
}

export async function requireModel(db: Db, id: number, field = 'body.productModelId') {
  const row = await db.selectFrom('product_model').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw invalidField(field, 'no such product model', '没有这个产品型号');
  return row;
}

export async function requireOrganisation(db: Db, id: number, field = 'body.organisationId') {
  const row = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw invalidField(field, 'no such organisation', '没有这个客户');
  return row;
}

export async function requireSiteOf(db: Db, organisationId: number, siteId: number, field = 'body.siteId') {
  const row = await db
    .selectFrom('site')
    .select(['id', 'name'])
    .where('id', '=', siteId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!row) throw invalidField(field, 'not a site of this organisation', '不是该客户的站点');
  return row;
}

/** 409 naming the serial when the vendor already has an asset with it (any case). */
export async function checkSerialFree(
  db: Db,
  vendor: string,
  serial: string,
  opts: { exceptId?: number; field?: string } = {},
) {
  if (await findSerialOfVendor(db, vendor, serial, opts.exceptId))
    throw duplicateField(
      opts.field ?? 'body.serial',
      `${vendor} already has an asset with serial ${serial}`,
      `${vendor} 已有序列号为 ${serial} 的设备`,
    );
}

/** The warranty end as given, else the installation day plus the model's warranty months. */
export function defaultWarrantyEnd(
  installedOn: string | null | undefined,
  warrantyEndsOn: string | null | undefined,
  warrantyMonths: number | null,
): string | null {
  if (warrantyEndsOn) return warrantyEndsOn;
  if (installedOn && warrantyMonths !== null) return addMonths(installedOn, warrantyMonths);
  return null;
}
