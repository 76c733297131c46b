import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs work in one transaction. Embedded PGlite has a single session, so two transactions begun
 * at once would interleave their statements in it; there they wait their turn. On a PostgreSQL
 * server they run side by side, each on its own pooled connection.
 */
@Injectable()
export class TransactionRunner {
  private readonly serialise: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.serialise = config.database.kind === 'pglite';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const start = () => this.dataSource.transaction(isolation, work);
    if (!this.serialise) return start();
    const result = this.tail.then(start, start);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
