/**
 * What a mail does to cases, inside the caller's transaction and through the cases module: open
 * a case (channel e-mail) with the mail's attachments, or add a customer's reply to a case — which
 * follows the rules of a reply on the portal, and reopens a closed case within the reopen window.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor, RequestContext } from '../../../platform/authz/actor.ts';
import type { UnitOfWork } from '../../../platform/events/domain-events.ts';
import { openCaseBody } from '../../cases/cases.api.ts';
import { withinReopenWindow, type CaseState } from '../../cases/case-status.ts';
import {
  addCaseEntryIn,
  attachFilesIn,
  changeCaseStateIn,
  openCaseIn,
  prepareOpenCase,
  reopenWindowDays,
  type CaseFile,
} from '../../cases/server/index.ts';
import { stripQuotedHistory } from './reply-text.ts';
import { clip } from './parse-mail.ts';

/** The server acting for the mail channel: the author of cases it opens and of its audit rows. */
export const MAIL_INTAKE_ACTOR: Actor = { kind: 'system', label: '邮件接收 / E-mail intake' };

export function mailIntakeContext(requestId: string | null = null): RequestContext {
  return { actor: MAIL_INTAKE_ACTOR, requestId, ip: null };
}

/** What a case needs of a received mail. */
export interface MailForCase {
  inboundMailId: number;
  subject: string;
  text: string;
  files: CaseFile[];
}

const NO_SUBJECT = '无主题 / (no subject)';
const NO_TEXT = '（无正文）/ (no text)';

/**
 * Opens the mail's case for a customer (and contact) in the caller's transaction. The cases
 * module's checks run first and write nothing, so an AppError from them leaves the transaction
 * clean for the caller to quarantine the mail instead.
 */
export async function openMailCaseIn(
  uow: UnitOfWork<Database>,
  opts: {
    mail: MailForCase;
    organisationId: number;
    contactId: number | null;
    priority: number;
    now: Date;
  },
): Promise<number> {
  const { mail, now } = opts;
  const input = openCaseBody.parse({
    organisationId: opts.organisationId,
    contactId: opts.contactId,
    channel: 'email',
    title: clip(mail.subject.trim(), 200) || NO_SUBJECT,
    description: clip(mail.text.trim(), 20_000) || NO_TEXT,
    priority: opts.priority,
  });
  const plan = await prepareOpenCase(uow.trx, { ctx: uow.ctx, input, now });
  const caseId = await openCaseIn(uow, plan);
  await attachFilesIn(uow, { id: caseId, organisation_id: opts.organisationId }, mail.files, {
    visibility: 'public',
    now,
    entry: { inboundMailId: mail.inboundMailId },
  });
  return caseId;
}

export interface ReplyTarget {
  id: number;
  number: string;
  organisation_id: number;
  state: CaseState;
  resolved_at: Date | null;
  closed_at: Date | null;
}

/** The case a mail refers to, followed through merges to the case that survived; locked. */
export async function loadReplyTarget(
  trx: Transaction<Database>,
  caseId: number,
): Promise<ReplyTarget | undefined> {
  let id = caseId;
  for (let hop = 0; hop < 10; hop++) {
    const c = await trx
      .selectFrom('support_case')
      .select(['id', 'number', 'organisation_id', 'state', 'resolved_at', 'closed_at', 'merged_into_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!c) return undefined;
    if (c.merged_into_id === null) return c;
    id = c.merged_into_id;
  }
  return undefined;
}

/**
 * Why a reply may not land on the case (English and zh-CN), or null: closed ones take replies only
 * within the reopen window.
 */
export async function replyRefusal(
  trx: Transaction<Database>,
  target: ReplyTarget,
  now: Date,
): Promise<{ message: string; zh: string } | null> {
  if (target.state === 'cancelled')
    return { message: `${target.number} is cancelled`, zh: `案例 ${target.number} 已取消` };
  if (target.state !== 'closed') return null;
  const days = await reopenWindowDays(trx);
  return withinReopenWindow(target.closed_at ?? target.resolved_at, now, days)
    ? null
    : {
        message: `${target.number} was closed more than ${days} days ago`,
        zh: `案例 ${target.number} 已关闭超过 ${days} 天`,
      };
}

/**
 * The mail as a public reply by `uow.ctx.actor` (the customer's contact or a staff user), the
 * quoted history cut off; a closed case is reopened first. Call replyRefusal before.
 */
export async function addMailReplyIn(
  uow: UnitOfWork<Database>,
  opts: { target: ReplyTarget; mail: MailForCase; now: Date },
): Promise<void> {
  const { target, mail, now } = opts;
  if (target.state === 'closed') {
    await changeCaseStateIn(uow, {
      caseId: target.id,
      to: 'in_progress',
      reason: '客户通过邮件回复 / The customer replied by e-mail',
      now,
      reopenDays: await reopenWindowDays(uow.trx),
    });
  }
  const body = clip(stripQuotedHistory(mail.text), 50_000) || NO_TEXT;
  await addCaseEntryIn(uow, { caseId: target.id, input: { kind: 'reply', body }, now });
  await attachFilesIn(uow, target, mail.files, {
    visibility: 'public',
    now,
    entry: { inboundMailId: mail.inboundMailId },
  });
}

/**
 * The sender as a party of the case's customer: an active contact of that organisation, or an
 * active staff user (an engineer answering a notification by mail). Null for anyone else.
 */
export async function senderAsParty(
  trx: Transaction<Database>,
  address: string,
  organisationId: number,
): Promise<Actor | null> {
  const contact = await trx
    .selectFrom('contact')
    .leftJoin('app_user', (j) =>
      j.onRef('app_user.contact_id', '=', 'contact.id').on('app_user.active', '=', true),
    )
    .select(['contact.id', 'contact.name', 'app_user.id as user_id'])
    .where(sql<string>`lower(contact.email)`, '=', address)
    .where('contact.organisation_id', '=', organisationId)
    .where('contact.active', '=', true)
    .orderBy('contact.id')
    .executeTakeFirst();
  if (contact) {
    return {
      kind: 'contact',
      userId: contact.user_id,
      organisationId,
      contactId: contact.id,
      label: contact.name,
      tokenId: null,
    };
  }
  const staff = await trx
    .selectFrom('app_user')
    .select([
      'id',
      'display_name',
      'branch_id',
      sql<string[]>`(select coalesce(array_agg(role), '{}') from user_role where user_id = app_user.id)`.as(
        'roles',
      ),
    ])
    .where(sql<string>`lower(email)`, '=', address)
    .where('kind', '=', 'staff')
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst();
  if (!staff) return null;
  return {
    kind: 'staff',
    userId: staff.id,
    roles: new Set(staff.roles),
    branchId: staff.branch_id,
    label: staff.display_name,
    tokenId: null,
  };
}
