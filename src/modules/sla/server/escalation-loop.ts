/** Runs the escalation sweep every few seconds, in every process that runs background work. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { sweepEscalations } from './escalation-sweep.ts';

export class EscalationLoop {
  readonly #db: Kysely<Database>;
  readonly #clock: () => Date;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;

  constructor(opts: {
    db: Kysely<Database>;
    clock?: () => Date;
    intervalMs?: number;
    onError: (error: unknown) => void;
  }) {
    this.#db = opts.db;
    this.#clock = opts.clock ?? (() => new Date());
    this.#intervalMs = opts.intervalMs ?? 5_000;
    this.#onError = opts.onError;
  }

  start(): void {
    const tick = async () => {
      this.#running = sweepEscalations({ db: this.#db, now: this.#clock(), onError: this.#onError }).catch(
        this.#onError,
      );
      await this.#running;
      this.#running = null;
      if (this.#timer) this.#timer = setTimeout(tick, this.#intervalMs);
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
