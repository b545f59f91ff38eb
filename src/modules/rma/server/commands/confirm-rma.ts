/**
 * The customer confirms the spare request (seed 004: "请客户确认"): in the portal, or staff record
 * a confirmation given by phone, fax or e-mail, saying so in the note.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { runRmaStep } from '../rma-step.ts';

export async function confirmRma(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  note?: string | null | undefined;
  now: Date;
}): Promise<void> {
  const a = opts.ctx.actor;
  await runRmaStep({ ...opts, step: 'confirm' }, async ({ now }) => ({
    set: {
      state: 'confirmed',
      confirmed_at: now,
      confirmed_by_contact_id: a.kind === 'contact' ? a.contactId : null,
      confirmed_by_user_id: a.kind === 'staff' ? a.userId : null,
      confirmation_note: opts.note ?? null,
    },
    timeline: {
      visibility: 'public',
      body: opts.note ?? null,
      data: { byCustomer: a.kind === 'contact' },
    },
    event: 'confirmed',
  }));
}
