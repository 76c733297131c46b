import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

type Publish = () => void;

/**
 * Holds events raised inside a transaction until it commits (and drops them if it rolls back),
 * so subscribers never hear of a change that did not happen. Works for transactions the caller
 * began, e.g. the citizen-report intake, whose commit this module does not see otherwise.
 */
@Injectable()
export class IncidentEventOutbox implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(IncidentEventOutbox.name);
  private readonly pending = new WeakMap<QueryRunner, Publish[]>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Publishes once the manager's transaction commits; at once when there is none. */
  defer(manager: EntityManager, publish: Publish): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return this.run(publish);
    const queue = this.pending.get(runner) ?? [];
    queue.push(publish);
    this.pending.set(runner, queue);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint is not the end of the transaction.
    if (event.queryRunner.isTransactionActive) return;
    const queue = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    for (const publish of queue ?? []) this.run(publish);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private run(publish: Publish): void {
    try {
      publish();
    } catch (error) {
      // A subscriber's failure must not undo or fail the change that was committed.
      this.logger.error(`incident event subscriber failed: ${String(error)}`);
    }
  }
}
