/**
 * Gives a customer contact a portal account. The account is bound to the contact, so it only
 * ever sees the contact's organisation.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { createContactLoginBody } from '../../identity.api.ts';
import { hashPassword } from '../secrets.ts';
import { findUserById, findUserByUsername, type UserRecord } from '../user.repository.ts';
import { identityPolicy } from '../identity.policy.ts';
import { auditUser } from '../identity.presenter.ts';

export async function createContactLogin(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  contactId: number;
  input: z.output<typeof createContactLoginBody>;
}): Promise<UserRecord> {
  const actor = opts.ctx.actor;
  const contact = await opts.db
    .selectFrom('contact')
    .select(['id', 'name', 'email', 'mobile', 'organisation_id'])
    .where('id', '=', opts.contactId)
    .executeTakeFirst();
  // Another organisation's contact does not exist for a customer: 404 before any 403.
  if (!contact || (actor.kind === 'contact' && actor.organisationId !== contact.organisation_id))
    throw notFound('contact');
  if (!identityPolicy.canManageContactLogins(actor)) throw new AppError('forbidden', 'not allowed');
  const existing = await opts.db
    .selectFrom('app_user')
    .select('id')
    .where('contact_id', '=', contact.id)
    .executeTakeFirst();
  if (existing)
    throw new AppError('conflict', 'this contact already has a portal account', {
      zh: '此联系人已有门户账号',
    });
  if (await findUserByUsername(opts.db, opts.input.username)) {
    throw new AppError('conflict', `username ${opts.input.username} is taken`, {
      zh: `用户名 ${opts.input.username} 已被使用`,
      fieldErrors: [{ field: 'body.username', message: 'already taken', zh: '用户名已被使用' }],
    });
  }
  const passwordHash = await hashPassword(opts.input.password);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const { id } = await uow.trx
      .insertInto('app_user')
      .values({
        kind: 'contact',
        username: opts.input.username,
        display_name: contact.name,
        email: contact.email,
        phone: contact.mobile,
        password_hash: passwordHash,
        locale: opts.input.locale,
        contact_id: contact.id,
        must_change_password: true,
        password_changed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = (await findUserById(uow.trx, id))!;
    await recordEvent(uow, {
      type: 'user.created',
      subjectType: 'user',
      subjectId: id,
      organisationId: contact.organisation_id,
      after: auditUser(user),
    });
    return user;
  });
}
