/**
 * Recomputes the due times of the open cases that depend on a changed calendar or escalation
 * matrix, a case per short transaction (row locked), so a big service centre's recompute never
 * holds the database. Run from a background job after the change has committed.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { rescheduleCase } from '../case-clock.ts';

const OPEN = ['new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_vendor', 'rma_pending'] as const;

export async function rescheduleOpenCases(opts: {
  db: Kysely<Database>;
  now: Date;
  calendarId?: number;
  serviceLevelId?: number;
}): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    let query = opts.db
      .selectFrom('support_case')
      .select('id')
      .where('state', 'in', OPEN)
      .where('id', '>', after)
      .orderBy('id')
      .limit(200);
    if (opts.calendarId) query = query.where('sla_calendar_id', '=', opts.calendarId);
    if (opts.serviceLevelId) query = query.where('service_level_id', '=', opts.serviceLevelId);
    const page = await query.execute();
    for (const { id } of page) {
      await opts.db.transaction().execute(async (trx) => {
        const locked = await trx
          .selectFrom('support_case')
          .select('id')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (locked) await rescheduleCase(trx, id, opts.now);
      });
      count++;
      // PGlite answers without leaving the microtask queue: give requests and timers a turn.
      await nextTurn();
    }
    if (page.length < 200) return count;
    after = page.at(-1)!.id;
  }
}
