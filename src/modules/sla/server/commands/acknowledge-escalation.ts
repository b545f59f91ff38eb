/**
 * A recipient of a fired escalation step, or a manager, acknowledges it: who and when are kept.
 * The caller has already checked that the actor may see the case.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { hasRole, type RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';

const MANAGERS = [
  'admin',
  'manager1',
  'manager2',
  'manager3',
  'regional_manager',
  'hotline_operator',
  'duty_engineer',
];

export async function acknowledgeEscalation(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  escalationId: number;
  now: Date;
}) {
  const { ctx } = opts;
  const actor = ctx.actor;
  await inTransaction(opts.db, ctx, async (uow) => {
    const row = await uow.trx
      .selectFrom('case_escalation')
      .innerJoin('support_case', 'support_case.id', 'case_escalation.case_id')
      .selectAll('case_escalation')
      .select('support_case.organisation_id')
      .where('case_escalation.id', '=', opts.escalationId)
      // Lock the escalation row only, not the case it belongs to.
      .forUpdate('case_escalation')
      .executeTakeFirst();
    if (!row) throw notFound('escalation');
    const userId = actor.kind === 'staff' ? actor.userId : null;
    if (userId === null || !(row.recipients.includes(userId) || hasRole(actor, ...MANAGERS))) {
      throw new AppError('forbidden', 'only its recipients and managers acknowledge a step', {
        zh: '只有该升级步骤的通知对象和主管可以确认',
      });
    }
    if (row.acknowledged_at) return;
    await uow.trx
      .updateTable('case_escalation')
      .set({ acknowledged_at: opts.now, acknowledged_by: userId })
      .where('id', '=', row.id)
      .execute();
    await recordEvent(uow, {
      type: 'case.escalation_acknowledged',
      subjectType: 'case',
      subjectId: row.case_id,
      organisationId: row.organisation_id,
      data: { escalationId: row.id, stepKey: row.step_key },
    });
  });
}
