/**
 * Records a case opened at the upstream vendor (vendor, its case number, status); several per
 * case are allowed. The vendor case number is told to the customer (seed 000), so the entry is public.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { vendorCaseBody, vendorCasePatch } from '../../cases.api.ts';
import { casesPolicy } from '../cases.policy.ts';
import { canSeeCase, loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';
import { appendSearchText } from '../case-search.ts';

type Db = Kysely<Database>;

/** The customer hears of a vendor case once it exists there; a request to open one is internal. */
const visibilityOf = (row: { status: string }) => (row.status === 'requested' ? 'internal' : 'public');

export async function addVendorCase(opts: {
  db: Db;
  ctx: RequestContext;
  caseId: number;
  input: z.output<typeof vendorCaseBody>;
  now: Date;
}) {
  const { ctx, input } = opts;
  return inTransaction(opts.db, ctx, async (uow) => {
    const c = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId);
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    const row = await uow.trx
      .insertInto('vendor_case')
      .values({
        case_id: c.id,
        vendor: input.vendor,
        vendor_case_number: input.vendorCaseNumber ?? null,
        status: input.status,
        notes: input.notes ?? null,
        opened_at: opts.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendSearchText(uow.trx, c.id, visibilityOf(row), row.vendor, row.vendor_case_number);
    await addTimelineEntry(uow, c.id, {
      kind: 'vendor_update',
      visibility: visibilityOf(row),
      data: {
        vendorCaseId: row.id,
        vendor: row.vendor,
        vendorCaseNumber: row.vendor_case_number,
        status: row.status,
      },
    });
    await recordEvent(uow, {
      type: 'vendor_case.created',
      subjectType: 'vendor_case',
      subjectId: row.id,
      organisationId: c.organisation_id,
      after: row,
    });
    return row;
  });
}

export async function updateVendorCase(opts: {
  db: Db;
  ctx: RequestContext;
  vendorCaseId: number;
  input: z.output<typeof vendorCasePatch>;
  now: Date;
}) {
  const { ctx, input } = opts;
  return inTransaction(opts.db, ctx, async (uow) => {
    const before = await uow.trx
      .selectFrom('vendor_case')
      .selectAll()
      .where('id', '=', opts.vendorCaseId)
      .forUpdate()
      .executeTakeFirst();
    if (!before || !(await canSeeCase(uow.trx, ctx.actor, before.case_id))) throw notFound('vendor case');
    const c = await loadVisibleCase(uow.trx, ctx.actor, before.case_id);
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    const after = await uow.trx
      .updateTable('vendor_case')
      .set({
        ...(input.vendor !== undefined && { vendor: input.vendor }),
        ...(input.vendorCaseNumber !== undefined && { vendor_case_number: input.vendorCaseNumber }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.notes !== undefined && { notes: input.notes }),
        updated_at: opts.now,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendSearchText(uow.trx, c.id, visibilityOf(after), after.vendor_case_number);
    await addTimelineEntry(uow, c.id, {
      kind: 'vendor_update',
      visibility: visibilityOf(after),
      data: {
        vendorCaseId: after.id,
        vendor: after.vendor,
        vendorCaseNumber: after.vendor_case_number,
        status: after.status,
      },
    });
    await recordEvent(uow, {
      type: 'vendor_case.updated',
      subjectType: 'vendor_case',
      subjectId: after.id,
      organisationId: c.organisation_id,
      before,
      after,
    });
    return after;
  });
}
