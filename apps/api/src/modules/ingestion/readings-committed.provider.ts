import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { FeedId } from '@mekong-ioc/shared';
import type { ReadingRow } from './reading-writer.provider';

export interface CommittedReadings {
  feed: FeedId;
  /** Only the rows newly stored by this batch; duplicates were seen before. */
  rows: ReadingRow[];
}

/**
 * Readings just committed, HTTP and MQTT alike, for work that reacts to them (camera analytics
 * opening incidents, alerts). Published after the commit; a subscriber must catch its own
 * failures, because ingest has already answered for these readings and must not fail on them.
 */
@Injectable()
export class ReadingsCommitted implements OnModuleDestroy {
  readonly stream = new Subject<CommittedReadings>();

  onModuleDestroy(): void {
    this.stream.complete();
  }
}
