import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import { CitizenReportsException } from './citizen-reports.exception';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** How long a first answer is kept for retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** Expired keys are swept at most this often, on the back of a request that brings a key. */
const PURGE_INTERVAL_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** An HTTP answer as sent and as replayed. */
export interface StoredAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface IdempotencyClaim {
  /** The API key id, or `ip:<address>`: one caller's keys never collide with another's. */
  scope: string;
  key: string;
  fingerprint: string;
}

/** The `Idempotency-Key` header as sent, or null; malformed keys are refused with 400. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new CitizenReportsException('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1 to 255 printable ASCII characters, sent once.');
  }
  return header;
}

/** What makes two requests "the same": the route, every field, and each photo's bytes. */
export function requestFingerprint(route: string, fields: Record<string, string>, photoDigests: string[]): string {
  const sortedFields = Object.keys(fields)
    .sort()
    .map((name) => [name, fields[name]]);
  return createHash('sha256').update(JSON.stringify([route, sortedFields, photoDigests])).digest('hex');
}

/**
 * Claims an idempotency key inside the transaction that does the work. The key's row is inserted
 * first: a concurrent request with the same key blocks on the primary key until this transaction
 * ends, then finds the committed row (and its answer), or, if this one rolled back, claims it
 * itself. So a key never makes two reports, and every visible row holds its answer.
 */
@Injectable()
export class IdempotencyService {
  private lastPurgeAt = 0;

  constructor(private readonly clock: Clock) {}

  /** Null when the key is ours to use; the earlier answer when it was used before with the same request. */
  async claim(manager: EntityManager, claim: IdempotencyClaim): Promise<StoredAnswer | null> {
    const repository = manager.getRepository(IdempotencyKeyEntity);
    const expiredBefore = new Date(this.clock.now().getTime() - IDEMPOTENCY_TTL_MS);
    await this.purgeExpired(manager, expiredBefore);
    await repository.delete({ scope: claim.scope, key: claim.key, createdAt: LessThan(expiredBefore) });
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({ scope: claim.scope, key: claim.key, fingerprint: claim.fingerprint, createdAt: this.clock.now() })
      .orIgnore()
      .returning(['key'])
      .execute();
    if ((inserted.raw as unknown[]).length) return null;

    const earlier = await repository.findOneByOrFail({ scope: claim.scope, key: claim.key });
    if (earlier.fingerprint !== claim.fingerprint) {
      throw new CitizenReportsException(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request; use a new key for a new report.',
      );
    }
    if (earlier.responseStatus === null || earlier.responseBody === null || earlier.responseContentType === null) {
      // Not reachable while claim and answer share a transaction; kept as a loud guard.
      throw new Error('idempotency key row without its answer');
    }
    return { status: earlier.responseStatus, contentType: earlier.responseContentType, body: earlier.responseBody };
  }

  async record(manager: EntityManager, claim: IdempotencyClaim, answer: StoredAnswer): Promise<void> {
    await manager.getRepository(IdempotencyKeyEntity).update(
      { scope: claim.scope, key: claim.key },
      { responseStatus: answer.status, responseContentType: answer.contentType, responseBody: answer.body },
    );
  }

  /** Lazily, at most once a minute per instance: keys live a day, nobody needs them swept sooner. */
  private async purgeExpired(manager: EntityManager, expiredBefore: Date): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurgeAt < PURGE_INTERVAL_MS) return;
    this.lastPurgeAt = now;
    await manager.getRepository(IdempotencyKeyEntity).delete({ createdAt: LessThan(expiredBefore) });
  }
}
