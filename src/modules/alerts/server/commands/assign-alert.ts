/**
 * Someone working the alert queue names the customer of an unmatched alert, and optionally the
 * affected asset of that customer: its case opens (channel `alert`, the asset's serial, its
 * entitlement), and the other unmatched alerts of the same problem from the same source join it.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { assignAlertBody } from '../../alerts.api.ts';
import { ALERT_STATE_LABELS, priorityFor, type Priority } from '../../alert-rules.ts';
import { findAssetsBySerial } from '../../../assets/server/index.ts';
import { alertsPolicy } from '../alerts.policy.ts';
import { loadAlertSource } from '../alert-source.repository.ts';
import { openCaseIn, prepareAlertCase } from '../open-alert-case.ts';
import { handlerOf } from './dismiss-alert.ts';

export async function assignAlert(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  alertId: number;
  input: z.output<typeof assignAlertBody>;
  now: Date;
}): Promise<number> {
  const { db, ctx, input, now } = opts;
  if (!alertsPolicy.canHandleAlerts(ctx.actor)) throw new AppError('forbidden', 'not allowed');
  const alert = await db.selectFrom('alert').selectAll().where('id', '=', opts.alertId).executeTakeFirst();
  if (!alert) throw notFound('alert');
  if (alert.state !== 'unmatched')
    throw new AppError('conflict', `the alert is ${alert.state}; only an unmatched alert can be assigned`, {
      zh: `告警${ALERT_STATE_LABELS[alert.state]['zh-CN']}，只有未匹配客户的告警可以指派客户`,
    });
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  if (!org) throw invalidField('body.organisationId', 'no such organisation', '没有这个客户');
  const assetSerial = input.assetSerial
    ? await customerSerial(db, input.organisationId, input.assetSerial)
    : null;
  const source = await loadAlertSource(db, alert.source_id);

  // One transaction: the claim (two people assigning at once open one case), the case,
  // and the alerts of the same problem joining it. A refused case leaves the alert unmatched.
  const caseId = await inTransaction(db, ctx, async (uow) => {
    const claimed = await uow.trx
      .updateTable('alert')
      .set({ state: 'pending' })
      .where('id', '=', alert.id)
      .where('state', '=', 'unmatched')
      .returning('id')
      .executeTakeFirst();
    if (!claimed)
      throw new AppError('conflict', 'the alert was assigned or dismissed meanwhile', {
        zh: '此告警刚被他人指派客户或忽略',
      });
    const plan = await prepareAlertCase(uow, {
      now,
      alert: {
        name: alert.name,
        severity: alert.severity,
        device: alert.device,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.starts_at,
        link: alert.link,
        sourceName: source.name,
      },
      target: {
        organisationId: input.organisationId,
        siteId: input.siteId ?? null,
        assetSerial,
        priority:
          (input.priority as Priority | undefined) ??
          priorityFor(
            { priorities: source.priorities, defaultPriority: source.default_priority },
            alert.severity,
          ),
      },
    });
    const id = await openCaseIn(uow, plan);
    const joined = await uow.trx
      .updateTable('alert')
      .set({
        state: 'assigned',
        case_id: id,
        organisation_id: input.organisationId,
        handled_by: handlerOf(ctx),
        handled_at: now,
      })
      .where('source_id', '=', alert.source_id)
      .where('fingerprint', '=', alert.fingerprint)
      .where((eb) => eb.or([eb('id', '=', alert.id), eb('state', '=', 'unmatched')]))
      .returning('id')
      .execute();
    await recordEvent(uow, {
      type: 'alert.assigned',
      subjectType: 'alert',
      subjectId: alert.id,
      organisationId: input.organisationId,
      before: { state: 'unmatched' },
      after: { state: 'assigned', caseId: id, organisationId: input.organisationId, assetSerial },
      data: { alertIds: joined.map((r) => r.id) },
    });
    return id;
  });
  return caseId;
}

/**
 * The serial as registered, when it names an asset of this customer (any case, any vendor); a
 * serial of another customer or of nobody is refused, so a case never carries a device its
 * customer does not own.
 */
async function customerSerial(db: Kysely<Database>, organisationId: number, serial: string): Promise<string> {
  const [asset] = await findAssetsBySerial(db, serial, { organisationId });
  if (!asset)
    throw invalidField(
      'body.assetSerial',
      "not an asset of this customer's installed base",
      '不是该客户台账中的设备',
    );
  return asset.serial;
}
