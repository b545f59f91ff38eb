/** Cancelling a spare request that turned out not to be needed, before any part has moved. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { runRmaStep } from '../rma-step.ts';
import { resumeCaseWhenNoSpareOutstanding } from './rma-case.ts';

export async function cancelRma(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  reason: string;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'cancel' }, async ({ uow, rma, now }) => {
    await resumeCaseWhenNoSpareOutstanding(uow, rma, now);
    return {
      set: { state: 'cancelled', cancelled_at: now, cancel_reason: opts.reason },
      timeline: { visibility: 'public', body: opts.reason },
      event: 'cancelled',
    };
  });
}
