/**
 * The frame every RMA step runs in: one transaction; the RMA locked and visible to the caller
 * (404 otherwise); the step allowed by the table in rma-status.ts (403 for a role that may not
 * take it, 409 for a state it cannot start from); then the step's own work, the RMA row update,
 * the entry on the case timeline and the domain event — all committed together.
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../../platform/authz/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../platform/events/domain-events.ts';
import { addCaseTimelineEntry } from '../../cases/server/index.ts';
import { RMA_STATE_LABELS, stateAllows, type RmaStep } from '../rma-status.ts';
import { allowedSteps, factsOf, mayTake } from './rma.policy.ts';
import { loadVisibleRma, type RmaRow } from './rma.repository.ts';
import type { RmaTable } from './rma.tables.ts';

export interface StepWork {
  uow: UnitOfWork<Database>;
  rma: RmaRow;
  now: Date;
  actorUserId: number | null;
}

export interface StepOutcome {
  set: Updateable<RmaTable>;
  /** The case timeline entry: public when the customer should follow the step. */
  timeline: { visibility: 'public' | 'internal'; body?: string | null; data?: Record<string, unknown> };
  /** Event type suffix when it differs from the step name (e.g. fulfil → issued_from_stock). */
  event?: string;
  data?: Record<string, unknown>;
}

export function actorUserId(ctx: RequestContext): number | null {
  return ctx.actor.kind === 'system' ? null : ctx.actor.userId;
}

export async function runRmaStep(
  opts: { db: Kysely<Database>; ctx: RequestContext; rmaId: number; step: RmaStep; now: Date },
  work: (w: StepWork) => Promise<StepOutcome>,
): Promise<void> {
  const { ctx, now, step } = opts;
  await inTransaction(opts.db, ctx, async (uow) => {
    const rma = await loadVisibleRma(uow.trx, ctx.actor, opts.rmaId, { forUpdate: true });
    const facts = factsOf(rma);
    if (!mayTake(ctx.actor, step))
      throw new AppError('forbidden', `your roles may not take the step "${step}" of an RMA`);
    if (!stateAllows(step, facts)) {
      const options = allowedSteps(SYSTEM_CONTEXT.actor, facts).join(', ') || 'none';
      throw new AppError(
        'conflict',
        `RMA ${rma.number} is ${rma.state}: "${step}" is not possible now; possible: ${options}`,
        { zh: `RMA ${rma.number} 当前状态为“${RMA_STATE_LABELS[rma.state]['zh-CN']}”，不能进行此步骤` },
      );
    }
    const outcome = await work({ uow, rma, now, actorUserId: actorUserId(ctx) });
    const after = await uow.trx
      .updateTable('rma')
      .set({ ...outcome.set, updated_at: now })
      .where('id', '=', rma.id)
      .returning(['state'])
      .executeTakeFirstOrThrow();
    await addCaseTimelineEntry(uow, rma.case_id, {
      kind: 'rma',
      visibility: outcome.timeline.visibility,
      body: outcome.timeline.body ?? null,
      data: { rmaId: rma.id, rma: rma.number, step, ...outcome.timeline.data },
    });
    await recordEvent(uow, {
      type: `rma.${outcome.event ?? step}`,
      subjectType: 'rma',
      subjectId: rma.id,
      organisationId: rma.organisation_id,
      before: { state: rma.state },
      after: { state: after.state, ...outcome.set },
      data: { caseId: rma.case_id, number: rma.number, branchId: rma.branch_id, ...outcome.data },
    });
  });
}
