/** Reading alert sources, and the checks a source's settings must pass before they are written. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { severityKey } from '../alert-rules.ts';
import type { AlertSourceRow } from './alerts.presenter.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function loadAlertSource(
  db: Db,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<AlertSourceRow> {
  let query = db.selectFrom('alert_source').selectAll().where('id', '=', id);
  if (opts.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('alert source');
  return row;
}

export async function checkSourceOrganisation(db: Db, organisationId: number | null | undefined) {
  if (!organisationId) return;
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw invalidField('body.organisationId', 'no such organisation', '没有这个客户');
}

export async function checkSourceName(db: Db, name: string, exceptId?: number) {
  let query = db.selectFrom('alert_source').select('id').where('name', '=', name);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst())
    throw new AppError('conflict', `an alert source named ${name} already exists`, {
      zh: `已有名为“${name}”的告警源`,
      fieldErrors: [
        { field: 'body.name', message: 'already used by another alert source', zh: '已被其他告警源使用' },
      ],
    });
}

/** Severities compared without case: `Critical` and `critical` are one entry. */
export function normalisePriorities(priorities: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [severity, priority] of Object.entries(priorities)) {
    const key = severityKey(severity);
    if (key in out && out[key] !== priority)
      throw invalidField(
        `body.priorities.${severity}`,
        'given twice with different priorities',
        '重复出现且对应的优先级不同',
      );
    out[key] = priority;
  }
  return out;
}
