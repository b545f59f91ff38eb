/** Reading mailboxes, and the checks a mailbox's settings must pass before they are written. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { MailboxTable } from './mailboxes.tables.ts';

export type MailboxRow = Selectable<MailboxTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function loadMailbox(
  db: Db,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<MailboxRow> {
  let query = db.selectFrom('mailbox').selectAll().where('id', '=', id);
  if (opts.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('mailbox');
  return row;
}

export async function checkMailboxName(db: Db, name: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom('mailbox').select('id').where('name', '=', name);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst())
    throw new AppError('conflict', `a mailbox named ${name} already exists`, {
      zh: `已有名为“${name}”的邮箱`,
      fieldErrors: [
        { field: 'body.name', message: 'already used by another mailbox', zh: '已被其他邮箱使用' },
      ],
    });
}

/** A mailbox as the audit trail records it: the password only as "set", without the poller's bookkeeping. */
export function auditView(row: MailboxRow) {
  const {
    password_sealed: _sealed,
    lease_owner: _owner,
    lease_until: _until,
    uid_folder: _folder,
    uid_validity: _validity,
    last_uid: _uid,
    ...rest
  } = row;
  return { ...rest, password: '********' };
}
