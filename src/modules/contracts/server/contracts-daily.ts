/**
 * The contracts' daily housekeeping, run by the `contracts.daily` job (hourly, idempotent):
 * remind the owner once when an active contract enters its renewal window
 * (`contract.renewal_due`), and expire active contracts whose end has passed. A contract per
 * transaction, each re-checked under its row lock, so two workers never do the same one twice.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { addDays, daysBetween } from '../contract-status.ts';
import { serviceDay } from './entitlement.ts';
import { loadContractForUpdate } from './contract.repository.ts';
import { writeContractState } from './commands/change-contract-state.ts';

const BATCH = 200;
const JOB_CONTEXT: RequestContext = {
  ...SYSTEM_CONTEXT,
  actor: { kind: 'system', label: 'contracts.daily' },
};

/** Records `contract.renewal_due` once per contract whose renewal window has opened. */
export async function remindRenewals(db: Kysely<Database>, now: Date): Promise<number> {
  const today = serviceDay(now);
  let reminded = 0;
  let afterId = 0;
  for (;;) {
    const due = await db
      .selectFrom('service_contract')
      .select('id')
      .where('state', '=', 'active')
      .where('renewal_notified_at', 'is', null)
      .where('ends_on', '>=', today)
      .where(sql<boolean>`ends_on - renewal_notice_days <= ${today}::date`)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const { id } of due) {
      const done = await inTransaction(db, JOB_CONTEXT, async (uow) => {
        const row = await loadContractForUpdate(uow.trx, id);
        if (row.state !== 'active' || row.renewal_notified_at !== null) return false;
        if (row.ends_on < today || addDays(row.ends_on, -row.renewal_notice_days) > today) return false;
        await uow.trx
          .updateTable('service_contract')
          .set({ renewal_notified_at: now })
          .where('id', '=', id)
          .execute();
        const org = await uow.trx
          .selectFrom('organisation')
          .select('name')
          .where('id', '=', row.organisation_id)
          .executeTakeFirstOrThrow();
        await recordEvent(uow, {
          type: 'contract.renewal_due',
          subjectType: 'service_contract',
          subjectId: id,
          organisationId: row.organisation_id,
          data: {
            contractId: id,
            number: row.number,
            ownerId: row.owner_id,
            organisationId: row.organisation_id,
            organisationName: org.name,
            endsOn: row.ends_on,
            renewalNoticeDays: row.renewal_notice_days,
            daysToEnd: daysBetween(today, row.ends_on),
          },
        });
        return true;
      });
      if (done) reminded++;
    }
    if (due.length < BATCH) return reminded;
    afterId = due.at(-1)!.id;
  }
}

/** Marks active contracts whose end has passed as expired. */
export async function expireEndedContracts(db: Kysely<Database>, now: Date): Promise<number> {
  const today = serviceDay(now);
  let expired = 0;
  let afterId = 0;
  for (;;) {
    const ended = await db
      .selectFrom('service_contract')
      .select('id')
      .where('state', '=', 'active')
      .where('ends_on', '<', today)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const { id } of ended) {
      const done = await inTransaction(db, JOB_CONTEXT, async (uow) => {
        const row = await loadContractForUpdate(uow.trx, id);
        if (row.state !== 'active' || row.ends_on >= today) return false;
        await writeContractState(uow, row, 'expired', 'job', now, { reason: `ended on ${row.ends_on}` });
        return true;
      });
      if (done) expired++;
    }
    if (ended.length < BATCH) return expired;
    afterId = ended.at(-1)!.id;
  }
}

/** The `contracts.daily` job's work at `now`: reminders first, then expiry. */
export async function runContractsDaily(opts: {
  db: Kysely<Database>;
  now: Date;
}): Promise<{ reminded: number; expired: number }> {
  const reminded = await remindRenewals(opts.db, opts.now);
  const expired = await expireEndedContracts(opts.db, opts.now);
  return { reminded, expired };
}
