/**
 * What a webhook delivery does, alert by alert, in the order sent: a delivery seen before changes
 * nothing; a firing alert whose problem already has an open case becomes an internal note there
 * (with the count); a new one opens a case for the customer its device or site names (else the
 * source's customer), or waits unmatched for an administrator; a resolved one notes the recovery
 * and resolves the case only when the source says so. Every alert is kept.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import { addCaseTimelineEntry, changeCaseStateIn } from '../../../cases/server/index.ts';
import { firedAgainNote, resolvedNote } from '../../alert-case-text.ts';
import { priorityFor, type AlertState } from '../../alert-rules.ts';
import type { AlertSourceRow } from '../alerts.presenter.ts';
import type { IncomingAlert } from '../incoming-alert.ts';
import { matchAlert } from '../alert-matching.ts';
import { findOpenAlertCase, openCaseIn, prepareAlertCase } from '../open-alert-case.ts';
import type { OpenCasePlan } from '../../../cases/server/index.ts';

export interface ReceivedAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  outcome: AlertState | 'duplicate';
  alertId: number;
  caseId: number | null;
}

/** The server acting for a monitoring system: the author of its timeline notes and audit rows. */
export function alertSourceContext(
  source: Pick<AlertSourceRow, 'name'>,
  request: { requestId: string | null; ip: string | null },
): RequestContext {
  return { actor: { kind: 'system', label: `告警源 / Alert source: ${source.name}` }, ...request };
}

export async function receiveAlerts(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  source: AlertSourceRow;
  alerts: IncomingAlert[];
  now: Date;
  log?: { warn: (obj: object, msg: string) => void };
}): Promise<ReceivedAlert[]> {
  const results: ReceivedAlert[] = [];
  for (const alert of opts.alerts) results.push(await receiveOne({ ...opts, alert }));
  return results;
}

async function receiveOne(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  source: AlertSourceRow;
  alert: IncomingAlert;
  now: Date;
  log?: { warn: (obj: object, msg: string) => void };
}): Promise<ReceivedAlert> {
  const { db, ctx, source, alert, now } = opts;
  const base = { fingerprint: alert.fingerprint, status: alert.status };

  // Claim, note, park or open the case: one transaction per alert.
  return inTransaction(db, ctx, async (uow): Promise<ReceivedAlert> => {
    const inserted = await uow.trx
      .insertInto('alert')
      .values({
        source_id: source.id,
        fingerprint: alert.fingerprint,
        occurrence: alert.occurrence,
        status: alert.status,
        name: alert.name,
        severity: alert.severity,
        labels: JSON.stringify(alert.labels),
        annotations: JSON.stringify(alert.annotations),
        starts_at: alert.startsAt,
        ends_at: alert.endsAt,
        link: alert.link,
        received_at: now,
        state: 'pending',
      })
      .onConflict((oc) => oc.columns(['source_id', 'fingerprint', 'occurrence', 'status']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const seen = await uow.trx
        .selectFrom('alert')
        .select(['id', 'case_id'])
        .where('source_id', '=', source.id)
        .where('fingerprint', '=', alert.fingerprint)
        .where('occurrence', '=', alert.occurrence)
        .where('status', '=', alert.status)
        .executeTakeFirstOrThrow();
      return { ...base, outcome: 'duplicate', alertId: seen.id, caseId: seen.case_id };
    }
    const alertId = inserted.id;
    // Deliveries of the same problem (two events of one trigger, a firing and its recovery) arrive
    // together: one at a time per source and fingerprint, so one case opens and the other joins it.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`alert:${source.id}:${alert.fingerprint}`}, 0))`.execute(
      uow.trx,
    );
    const open = await findOpenAlertCase(uow.trx, source.id, alert.fingerprint);
    if (open) {
      const state = alert.status === 'firing' ? 'repeated' : 'resolved';
      await settle(uow, alertId, { state, case_id: open.id, organisation_id: open.organisation_id });
      if (alert.status === 'firing') await noteRepeat(uow, alertId, open.id, alert);
      else await noteRecovery(uow, alertId, open, alert, source.auto_resolve, now);
      return { ...base, outcome: state, alertId, caseId: open.id };
    }
    if (alert.status === 'resolved') {
      // Nothing open to recover: kept for the record.
      await settle(uow, alertId, { state: 'recorded', organisation_id: null });
      return { ...base, outcome: 'recorded', alertId, caseId: null };
    }
    const match = await matchAlert(uow.trx, source, alert.labels);
    await uow.trx.updateTable('alert').set({ device: match.device }).where('id', '=', alertId).execute();
    if (match.organisationId === null) {
      await settle(uow, alertId, { state: 'unmatched', organisation_id: null });
      return { ...base, outcome: 'unmatched', alertId, caseId: null };
    }
    await recordEvent(uow, {
      type: 'alert.received',
      subjectType: 'alert',
      subjectId: alertId,
      organisationId: match.organisationId,
      after: {
        state: 'pending',
        fingerprint: alert.fingerprint,
        status: alert.status,
        matchedBy: match.matchedBy,
      },
    });
    let plan: OpenCasePlan;
    try {
      plan = await prepareAlertCase(uow, {
        now,
        alert: { ...alert, device: match.assetSerial ?? match.device, sourceName: source.name },
        target: {
          organisationId: match.organisationId,
          siteId: match.siteId,
          assetSerial: match.assetSerial,
          priority: priorityFor(
            { priorities: source.priorities, defaultPriority: source.default_priority },
            alert.severity,
          ),
        },
      });
    } catch (error) {
      // A case the cases module refuses (e.g. the customer was deactivated): kept for an
      // administrator rather than lost, or retried forever by the monitoring system.
      if (!(error instanceof AppError)) throw error;
      opts.log?.warn({ err: error, alertId }, 'alert could not open a case; left unmatched');
      await settle(uow, alertId, { state: 'unmatched', organisation_id: null });
      return { ...base, outcome: 'unmatched' as const, alertId, caseId: null };
    }
    // The case and the alert's link to it commit together: a crash leaves neither or both.
    const caseId = await openCaseIn(uow, plan);
    await settle(uow, alertId, { state: 'opened', case_id: caseId, organisation_id: match.organisationId });
    return { ...base, outcome: 'opened' as const, alertId, caseId };
  });
}

/** Records what became of the alert, with its event. */
async function settle(
  uow: UnitOfWork<Database>,
  alertId: number,
  to: { state: AlertState; case_id?: number; organisation_id: number | null },
) {
  await uow.trx
    .updateTable('alert')
    .set({
      state: to.state,
      organisation_id: to.organisation_id,
      ...(to.case_id !== undefined && { case_id: to.case_id }),
    })
    .where('id', '=', alertId)
    .execute();
  await recordEvent(uow, {
    type: `alert.${to.state}`,
    subjectType: 'alert',
    subjectId: alertId,
    organisationId: to.organisation_id,
    after: { state: to.state, caseId: to.case_id ?? null },
  });
}

async function noteRepeat(uow: UnitOfWork<Database>, alertId: number, caseId: number, alert: IncomingAlert) {
  const { n } = await uow.trx
    .selectFrom('alert')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .where('fingerprint', '=', alert.fingerprint)
    .where('status', '=', 'firing')
    .executeTakeFirstOrThrow();
  const count = Number(n);
  await addCaseTimelineEntry(uow, caseId, {
    kind: 'note',
    visibility: 'internal',
    body: firedAgainNote(count, alert.startsAt),
    data: { alert: { id: alertId, fingerprint: alert.fingerprint, event: 'fired_again', count } },
  });
  await recordCaseNoted(uow, caseId, alertId);
}

async function noteRecovery(
  uow: UnitOfWork<Database>,
  alertId: number,
  c: { id: number; state: string },
  alert: IncomingAlert,
  autoResolve: boolean,
  now: Date,
) {
  await addCaseTimelineEntry(uow, c.id, {
    kind: 'note',
    visibility: 'internal',
    body: resolvedNote(autoResolve, alert.endsAt),
    data: { alert: { id: alertId, fingerprint: alert.fingerprint, event: 'resolved', autoResolve } },
  });
  await recordCaseNoted(uow, c.id, alertId);
  if (!autoResolve) return;
  // The status table resolves a case someone worked on: an untouched one goes through "in progress".
  if (c.state === 'new')
    await changeCaseStateIn(uow, { caseId: c.id, to: 'in_progress', now, reopenDays: 0 });
  await changeCaseStateIn(uow, {
    caseId: c.id,
    to: 'resolved',
    reason: '告警已恢复 / Alert resolved',
    now,
    reopenDays: 0,
  });
}

async function recordCaseNoted(uow: UnitOfWork<Database>, caseId: number, alertId: number) {
  const c = await uow.trx
    .selectFrom('support_case')
    .select('organisation_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await recordEvent(uow, {
    type: 'case.noted',
    subjectType: 'case',
    subjectId: caseId,
    organisationId: c.organisation_id,
    after: { visibility: 'internal' },
    data: { alertId },
  });
}
