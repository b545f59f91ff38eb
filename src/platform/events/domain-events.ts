/**
 * Domain events: written in the transaction of the change they describe (so the audit trail
 * can never disagree with the data), and published in-process only after that commit.
 */
import { EventEmitter } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.ts';
import type { RequestContext } from '../authz/actor.ts';

export interface NewDomainEvent {
  /** Dotted past-tense name, e.g. `user.created`, `case.escalated`. */
  type: string;
  subjectType: string;
  subjectId: number | string;
  /** The customer organisation the subject belongs to; scopes who may see the event. */
  organisationId?: number | null;
  before?: unknown;
  after?: unknown;
  data?: unknown;
}

export interface PublishedEvent extends NewDomainEvent {
  id: number;
  occurredAt: Date;
}

type EventBus = EventEmitter<{ event: [PublishedEvent] }>;
const buses = new WeakMap<object, EventBus>();

/**
 * In-process subscribers (live updates) of one database hear its committed events only; a
 * process holding two databases (tests) keeps them apart.
 */
export function committedEventsOf(db: object): EventBus {
  let bus = buses.get(db);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    buses.set(db, bus);
  }
  return bus;
}

/** A transaction that remembers what to publish once it has committed. */
export interface UnitOfWork<DB> {
  trx: Transaction<DB>;
  ctx: RequestContext;
  pending: PublishedEvent[];
}

function actorColumns(ctx: RequestContext) {
  const a = ctx.actor;
  if (a.kind === 'system') return { actor_kind: 'system' as const, actor_id: null, actor_label: a.label };
  if (a.tokenId !== null) return { actor_kind: 'token' as const, actor_id: a.tokenId, actor_label: a.label };
  return { actor_kind: 'user' as const, actor_id: a.userId, actor_label: a.label };
}

const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Work that must happen in the same transaction as every recorded event (e.g. the outbox
 * deciding which people to tell). Registered once per process by the composition root.
 */
export type EventHook = (uow: UnitOfWork<unknown>, event: PublishedEvent) => Promise<void>;
const hooks: EventHook[] = [];

export function registerEventHook(hook: EventHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

/** Appends one event (= audit record) inside the unit of work's transaction. */
export async function recordEvent<DB extends PlatformTables>(
  uow: UnitOfWork<DB>,
  event: NewDomainEvent,
): Promise<void> {
  const trx = uow.trx as unknown as Transaction<PlatformTables>;
  const row = await trx
    .insertInto('domain_event')
    .values({
      type: event.type,
      subject_type: event.subjectType,
      subject_id: String(event.subjectId),
      organisation_id: event.organisationId ?? null,
      ...actorColumns(uow.ctx),
      request_id: uow.ctx.requestId,
      ip: uow.ctx.ip,
      before: toJson(event.before),
      after: toJson(event.after),
      data: toJson(event.data),
    })
    .returning(['id', 'occurred_at'])
    .executeTakeFirstOrThrow();
  const published = { ...event, id: row.id, occurredAt: row.occurred_at };
  uow.pending.push(published);
  for (const hook of hooks) await hook(uow as UnitOfWork<unknown>, published);
}

/**
 * Runs `work` in one transaction with an event recorder; publishes the recorded events after
 * commit. Keep the work short and free of network I/O: PGlite has a single connection.
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  ctx: RequestContext,
  work: (uow: UnitOfWork<DB>) => Promise<T>,
): Promise<T> {
  const pending: PublishedEvent[] = [];
  const result = await db.transaction().execute((trx) => work({ trx, ctx, pending }));
  const bus = buses.get(db);
  if (bus) for (const event of pending) bus.emit('event', event);
  return result;
}
