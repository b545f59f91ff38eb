/**
 * Opens a case from any channel: identifies the customer, checks entitlement (no valid
 * contract: the case is still recorded, on commercial hold), numbers it without gaps and puts
 * it on the timeline. A customer's P1/P2 from the portal is accepted with a call-the-hotline notice.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import { lookUpEntitlement, serviceDay } from '../../../contracts/server/index.ts';
import type { openCaseBody } from '../../cases.api.ts';
import type { CaseState, Channel } from '../../case-status.ts';
import { casesPolicy } from '../cases.policy.ts';
import { numberCase } from '../case-numbering.ts';
import { addTimelineEntry } from '../case-timeline.ts';
import { checkAssignee, checkGroup } from '../case-checks.ts';
import { allInOrder } from '../../../../platform/async/all-in-order.ts';
import { newCaseSchedule } from '../../../sla/server/index.ts';
import { searchVector } from '../case-search.ts';
import { organisationOfRecord } from '../../../organisations/server/index.ts';

export interface OpenCaseOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof openCaseBody>;
  now: Date;
}

export async function openCase(opts: OpenCaseOptions): Promise<{ id: number; callHotline: boolean }> {
  const plan = await prepareOpenCase(opts.db, opts);
  const id = await inTransaction(opts.db, opts.ctx, (uow) => openCaseIn(uow, plan));
  return { id, callHotline: plan.callHotline };
}

/** What `openCaseIn` writes: the checked input with its customer, entitlement and serial resolved. */
export type OpenCasePlan = Awaited<ReturnType<typeof prepareOpenCase>>;

/**
 * The checks and look-ups of opening a case, before anything is written: reads only, so a caller
 * that opens the case inside its own transaction (an alert that must be linked to its case in the
 * same commit) passes its transaction as `db`.
 */
export async function prepareOpenCase(
  db: Kysely<Database>,
  opts: Pick<OpenCaseOptions, 'ctx' | 'input' | 'now'>,
) {
  const { ctx, input, now } = opts;
  const actor = ctx.actor;
  if (!casesPolicy.canOpen(actor)) throw new AppError('forbidden', 'not allowed');

  let organisationId: number;
  let channel: Channel;
  let contactId = input.contactId ?? null;
  if (actor.kind === 'contact') {
    if (input.organisationId && input.organisationId !== actor.organisationId) throw notFound('organisation');
    if (input.assigneeId || input.groupId)
      throw invalidField(
        input.assigneeId ? 'body.assigneeId' : 'body.groupId',
        'customers cannot assign cases',
        '客户不能分派案例',
      );
    organisationId = actor.organisationId;
    channel = actor.tokenId !== null ? 'api' : 'web';
    contactId = input.contactId ?? actor.contactId;
  } else {
    if (!input.organisationId) throw invalidField('body.organisationId', 'required', '必填');
    organisationId = input.organisationId;
    channel = input.channel ?? 'phone';
  }

  const on = serviceDay(now);
  const [, , , , , firstLook] = await allInOrder([
    belongsTo(db, 'organisation', organisationId, null, 'body.organisationId', [
      'no such organisation',
      '没有这个客户',
    ]),
    input.siteId
      ? belongsTo(db, 'site', input.siteId, organisationId, 'body.siteId', [
          'not a site of this organisation',
          '不是该客户的站点',
        ])
      : Promise.resolve(),
    contactId
      ? belongsTo(db, 'contact', contactId, organisationId, 'body.contactId', [
          'not a contact of this organisation',
          '不是该客户的联系人',
        ])
      : Promise.resolve(),
    input.assigneeId ? checkAssignee(db, input.assigneeId) : Promise.resolve(),
    input.groupId ? checkGroup(db, input.groupId) : Promise.resolve(),
    lookUpEntitlement(db, {
      organisationId,
      siteId: input.siteId ?? undefined,
      serial: input.assetSerial ?? undefined,
      on,
    }),
  ]);
  let entitlement = firstLook;
  if (entitlement.organisationId !== null && entitlement.organisationId !== organisationId) {
    // The serial is under another customer's contract: judge this customer's own contracts.
    entitlement = await lookUpEntitlement(db, { organisationId, siteId: input.siteId ?? undefined, on });
  }

  // A serial of this customer's installed base: recorded as registered (case, spacing) and, when
  // the caller named no site, the asset's site is the case's.
  const asset = entitlement.organisationId === organisationId ? entitlement.asset : null;
  const assetSerial = asset?.serial ?? input.assetSerial ?? null;
  const siteId = input.siteId ?? asset?.site?.id ?? null;
  const state: CaseState = input.assigneeId || input.groupId ? 'assigned' : 'new';
  // Read here, outside the writing transaction, so the case row is inserted once with its due times.
  const schedule = await newCaseSchedule(
    db,
    {
      priority: input.priority,
      state,
      commercial_hold: !entitlement.covered,
      service_level_id: entitlement.serviceLevel?.id ?? null,
      opened_at: now,
    },
    now,
  );

  return {
    ctx,
    input,
    now,
    organisationId,
    channel,
    contactId,
    siteId,
    assetSerial,
    entitlement,
    state,
    schedule,
    callHotline: actor.kind === 'contact' && input.priority <= 2,
  };
}

/** Writes a prepared case, its timeline, SLA schedule, number and event in the caller's transaction. */
export async function openCaseIn(uow: UnitOfWork<Database>, plan: OpenCasePlan): Promise<number> {
  const { ctx, input, now, organisationId, channel, contactId, siteId, assetSerial, entitlement } = plan;
  const actor = ctx.actor;
  const staffOpener = actor.kind === 'staff' ? actor.userId : null;
  {
    const row = await uow.trx
      .insertInto('support_case')
      .values({
        // Numbered last (below): the year's counter row stays locked only for the commit.
        number: `pending-${crypto.randomUUID()}`,
        organisation_id: organisationId,
        site_id: siteId,
        contact_id: contactId,
        channel,
        category: input.category ?? null,
        asset_serial: assetSerial,
        title: input.title,
        description: input.description,
        priority: input.priority,
        impact: input.impact ?? null,
        state: plan.state,
        service_contract_id: entitlement.contract?.id ?? null,
        service_level_id: entitlement.serviceLevel?.id ?? null,
        commercial_hold: !entitlement.covered,
        // 首问负责: whoever takes the call owns the case until someone accepts it.
        owner_id: staffOpener,
        assignee_id: input.assigneeId ?? null,
        group_id: input.groupId ?? null,
        opened_by_user_id: actor.kind === 'system' ? null : actor.userId,
        opened_at: now,
        updated_at: now,
        search_public: searchVector(input.title, input.description, assetSerial, input.category),
        ...plan.schedule,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await addTimelineEntry(uow, row.id, {
      kind: 'opened',
      visibility: 'public',
      data: {
        channel,
        priority: row.priority,
        entitlement: {
          covered: entitlement.covered,
          reason: entitlement.reason,
          contract: entitlement.contract?.number ?? null,
        },
      },
    });
    if (plan.state === 'assigned') {
      await addTimelineEntry(uow, row.id, {
        kind: 'assignment',
        visibility: 'internal',
        data: { assigneeId: row.assignee_id, groupId: row.group_id },
      });
    }
    const number = await numberCase(uow.trx, row.id, now);
    await recordEvent(uow, {
      type: 'case.opened',
      subjectType: 'case',
      subjectId: row.id,
      organisationId,
      after: { ...row, number },
      data: { entitlement },
    });
    return row.id;
  }
}

/**
 * Refuses `field` unless row `id` of `table` exists and, for a site or contact, belongs to
 * `organisationId`; `problem` is the refusal in English and zh-CN.
 */
async function belongsTo(
  db: Kysely<Database>,
  table: 'organisation' | 'site' | 'contact',
  id: number,
  organisationId: number | null,
  field: string,
  problem: [en: string, zh: string],
): Promise<void> {
  const owner = await organisationOfRecord(db, table, id);
  if (owner === null || (organisationId !== null && owner !== organisationId))
    throw invalidField(field, ...problem);
}
