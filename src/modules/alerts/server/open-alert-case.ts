/** The case of an alert through the cases module (channel `alert`), and the open case a fingerprint already has. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { openCaseBody } from '../../cases/cases.api.ts';
import { STATE_INFO, CASE_STATES } from '../../cases/case-status.ts';
import { openCaseIn, prepareOpenCase, type OpenCasePlan } from '../../cases/server/index.ts';
import type { UnitOfWork } from '../../../platform/events/domain-events.ts';
import { alertCaseDescription, alertCaseTitle, type AlertText } from '../alert-case-text.ts';
import type { Priority } from '../alert-rules.ts';

export interface AlertCaseTarget {
  organisationId: number;
  siteId: number | null;
  assetSerial: string | null;
  priority: Priority;
}

/**
 * Opens the alert's case in the caller's transaction, so the alert and its case commit together.
 * The checks run first and write nothing: an AppError from them leaves the transaction clean for
 * the caller to record why the alert opened no case.
 */
export async function prepareAlertCase(
  uow: UnitOfWork<Database>,
  opts: { alert: AlertText; target: AlertCaseTarget; now: Date },
): Promise<OpenCasePlan> {
  const { alert, target } = opts;
  const input = openCaseBody.parse({
    organisationId: target.organisationId,
    siteId: target.siteId,
    channel: 'alert',
    assetSerial: target.assetSerial,
    title: alertCaseTitle(alert),
    description: alertCaseDescription(alert),
    priority: target.priority,
  });
  return prepareOpenCase(uow.trx, { ctx: uow.ctx, input, now: opts.now });
}

export { openCaseIn };

const OPEN_STATES = CASE_STATES.filter((s) => STATE_INFO[s].open);

/**
 * The open case this source's fingerprint last opened or joined (a merged case's survivor),
 * locked for the caller's transaction; undefined when there is none or it is no longer open.
 */
export async function findOpenAlertCase(
  trx: Transaction<Database>,
  sourceId: number,
  fingerprint: string,
): Promise<{ id: number; organisation_id: number; state: (typeof CASE_STATES)[number] } | undefined> {
  const last = await trx
    .selectFrom('alert')
    .innerJoin('support_case', 'support_case.id', 'alert.case_id')
    .select(sql<number>`coalesce(support_case.merged_into_id, support_case.id)`.as('case_id'))
    .where('alert.source_id', '=', sourceId)
    .where('alert.fingerprint', '=', fingerprint)
    .where('alert.case_id', 'is not', null)
    .orderBy('alert.id', 'desc')
    .executeTakeFirst();
  if (!last) return undefined;
  const c = await trx
    .selectFrom('support_case')
    .select(['id', 'organisation_id', 'state'])
    .where('id', '=', last.case_id)
    .where('state', 'in', OPEN_STATES)
    .forUpdate()
    .executeTakeFirst();
  return c;
}
