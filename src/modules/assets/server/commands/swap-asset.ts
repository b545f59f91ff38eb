/**
 * The installed base's side of a hardware replacement (called by the RMA module inside its
 * transaction): the faulty unit is retired, a new asset of the same model takes its place at the
 * same customer and site, installed today (Beijing) and keeping the old unit's warranty end.
 * Both histories record the swap, pointing at each other and at the case.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { serialField } from '../../assets.api.ts';
import { invalidField } from '../../../../platform/http/app-error.ts';
import { schemaIssueZh } from '../../../../platform/http/schema-issue-zh.ts';
import { checkSerialFree } from '../asset-checks.ts';
import { writeAssetEvents } from '../asset-events.ts';
import { beijingDay } from '../assets.presenter.ts';

export interface SwapAssetInput {
  oldAssetId: number;
  newSerial: string;
  caseId: number | null;
  actorUserId: number | null;
  now: Date;
  note?: string | null | undefined;
  /** The field the new serial came in, for the 409 (default `body.newSerial`). */
  serialField?: string;
}

const isUnitOfWork = (x: unknown): x is UnitOfWork<Database> =>
  typeof x === 'object' && x !== null && 'trx' in x && 'pending' in x && 'ctx' in x;

/**
 * Retires `oldAssetId` and registers its replacement `newSerial`; returns the new asset's id.
 * Pass the caller's unit of work to have the domain event published after commit with the
 * request's actor; with a bare transaction the event is still written (same transaction) as the
 * acting user. Refuses with 409 when the vendor already has an asset with that serial.
 */
export async function swapAsset(
  trxOrUow: Transaction<Database> | UnitOfWork<Database>,
  input: SwapAssetInput,
): Promise<number> {
  const uow: UnitOfWork<Database> = isUnitOfWork(trxOrUow)
    ? trxOrUow
    : { trx: trxOrUow, ctx: await contextOfUser(trxOrUow, input.actorUserId), pending: [] };
  const { trx } = uow;
  const field = input.serialField ?? 'body.newSerial';
  const parsed = serialField.safeParse(input.newSerial);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) throw invalidField(field, 'not a serial number', '不是有效的序列号');
    throw invalidField(
      field,
      issue.message,
      schemaIssueZh(issue.code, { ...issue }, issue.message) ?? undefined,
    );
  }
  const newSerial = parsed.data;

  const old = await trx
    .selectFrom('asset')
    .selectAll()
    .where('id', '=', input.oldAssetId)
    .forUpdate()
    .executeTakeFirst();
  if (!old) throw notFound('asset');
  if (old.state === 'retired')
    throw new AppError('conflict', `asset ${old.serial} is already retired`, {
      zh: `设备 ${old.serial} 已退役，不能更换`,
    });
  if (newSerial.toUpperCase() === old.serial.toUpperCase())
    throw invalidField(
      field,
      'the replacement must have another serial than the faulty unit',
      '新件的序列号不能与故障件相同',
    );
  await checkSerialFree(trx, old.vendor, newSerial, { field });

  const installedOn = beijingDay(input.now);
  const fresh = await trx
    .insertInto('asset')
    .values({
      product_model_id: old.product_model_id,
      vendor: old.vendor,
      serial: newSerial,
      organisation_id: old.organisation_id,
      site_id: old.site_id,
      installed_on: installedOn,
      // The maker's warranty follows the installed unit, not the spare that replaced it.
      warranty_ends_on: old.warranty_ends_on,
      state: 'in_service',
      replaces_asset_id: old.id,
      notes: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('asset')
    .set({ state: 'retired', updated_at: input.now })
    .where('id', '=', old.id)
    .execute();
  const data = input.note ? { note: input.note } : null;
  await writeAssetEvents(trx, [
    {
      assetId: old.id,
      kind: 'swapped_out',
      caseId: input.caseId,
      otherAssetId: fresh.id,
      actorUserId: input.actorUserId,
      at: input.now,
      data: { ...data, fromState: old.state },
    },
    {
      assetId: fresh.id,
      kind: 'swapped_in',
      caseId: input.caseId,
      otherAssetId: old.id,
      actorUserId: input.actorUserId,
      at: input.now,
      data,
    },
  ]);
  await recordEvent(uow, {
    type: 'asset.swapped',
    subjectType: 'asset',
    subjectId: old.id,
    organisationId: old.organisation_id,
    before: old,
    after: fresh,
    data: {
      oldAssetId: old.id,
      newAssetId: fresh.id,
      oldSerial: old.serial,
      newSerial,
      caseId: input.caseId,
    },
  });
  return fresh.id;
}

/** The audit actor of a swap made through a bare transaction: the acting user, else the system. */
async function contextOfUser(trx: Transaction<Database>, userId: number | null): Promise<RequestContext> {
  const user =
    userId === null
      ? undefined
      : await trx
          .selectFrom('app_user')
          .select(['id', 'username', 'display_name', 'branch_id'])
          .where('id', '=', userId)
          .executeTakeFirst();
  if (!user) return { actor: { kind: 'system', label: 'system' }, requestId: null, ip: null };
  return {
    actor: {
      kind: 'staff',
      userId: user.id,
      roles: new Set(),
      branchId: user.branch_id,
      label: `${user.display_name} (${user.username})`,
      tokenId: null,
    },
    requestId: null,
    ip: null,
  };
}
