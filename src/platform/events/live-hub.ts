/**
 * Live updates: committed domain events fanned out to server-sent-event subscribers. On
 * PostgreSQL the source is LISTEN on `tacdesk_events` (a trigger NOTIFYs every committed event),
 * so a change made through any process reaches every process's clients; on the embedded engine
 * (one process) it is the in-process bus. Each subscriber decides what it may see.
 */
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.ts';
import { committedEventsOf } from './domain-events.ts';

export interface LiveEvent {
  id: number;
  type: string;
  subjectType: string;
  subjectId: string;
  organisationId: number | null;
  data: unknown;
}

type Listener = (event: LiveEvent) => void;

export class LiveHub {
  readonly #listeners = new Set<Listener>();
  readonly #db: Kysely<PlatformTables>;
  #client: pg.Client | null = null;
  #stop: () => void = () => {};

  constructor(db: Kysely<PlatformTables>) {
    this.#db = db;
  }

  /** Starts listening: LISTEN on PostgreSQL (`url` given), the in-process bus otherwise. */
  async start(opts: { postgresUrl?: string | undefined; onError: (error: unknown) => void }): Promise<void> {
    if (opts.postgresUrl) {
      const client = new pg.Client({ connectionString: opts.postgresUrl });
      client.on('error', opts.onError);
      client.on('notification', (n) => {
        const id = Number(n.payload);
        if (Number.isInteger(id)) this.#load(id).catch(opts.onError);
      });
      await client.connect();
      await client.query('listen tacdesk_events');
      this.#client = client;
      return;
    }
    const bus = committedEventsOf(this.#db);
    const onEvent = (e: {
      id: number;
      type: string;
      subjectType: string;
      subjectId: number | string;
      organisationId?: number | null;
      data?: unknown;
    }) =>
      this.#emit({
        id: e.id,
        type: e.type,
        subjectType: e.subjectType,
        subjectId: String(e.subjectId),
        organisationId: e.organisationId ?? null,
        data: e.data ?? null,
      });
    bus.on('event', onEvent);
    this.#stop = () => bus.off('event', onEvent);
  }

  async #load(id: number): Promise<void> {
    const row = await this.#db
      .selectFrom('domain_event')
      .select(['id', 'type', 'subject_type', 'subject_id', 'organisation_id', 'data'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row)
      this.#emit({
        id: row.id,
        type: row.type,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        organisationId: row.organisation_id,
        data: row.data,
      });
  }

  #emit(event: LiveEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#stop();
    this.#listeners.clear();
    await this.#client?.end().catch(() => {});
  }
}
