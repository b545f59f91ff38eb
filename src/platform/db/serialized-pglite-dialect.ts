/**
 * Kysely's PGlite dialect hands the one PGlite connection to every caller at once, so a query
 * from one request could run inside another request's open transaction. This dialect puts a
 * FIFO mutex around the connection: a transaction owns it until commit or rollback, and other
 * queries wait their turn (PostgreSQL semantics for a pool of one).
 */
import {
  PGliteDialect,
  type DatabaseConnection,
  type Driver,
  type PGliteDialectConfig,
  type TransactionSettings,
  type CompiledQuery,
  type QueryCompiler,
} from 'kysely';

class ConnectionMutex {
  #locked = false;
  #waiters: Array<() => void> = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

class SerializedDriver implements Driver {
  readonly #inner: Driver;
  readonly #mutex = new ConnectionMutex();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    try {
      return await this.#inner.acquireConnection();
    } catch (error) {
      this.#mutex.unlock();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#inner.releaseConnection(connection);
    } finally {
      this.#mutex.unlock();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.releaseSavepoint!(connection, name, compile);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

export class SerializedPGliteDialect extends PGliteDialect {
  constructor(config: PGliteDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver());
  }
}

export type { CompiledQuery };
