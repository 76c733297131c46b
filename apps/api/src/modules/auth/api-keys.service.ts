import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { IsNull, Repository } from 'typeorm';
import type { ApiKey, ApiKeyPrincipal, ApiKeyScope, CreateApiKeyRequest, CreatedApiKey } from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { ApiKeyEntity } from './api-key.entity';
import { AuthException } from './auth.exception';
import { hashSecret, randomSecret, secretMatches } from './secret-token.util';

const KEY_PATTERN = /^mioc_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export const toApiKey = (entity: ApiKeyEntity): ApiKey => ({
  id: entity.id,
  name: entity.name,
  prefix: `mioc_${entity.prefix}`,
  scopes: entity.scopes,
  createdAt: entity.createdAt.toISOString(),
  revokedAt: entity.revokedAt?.toISOString() ?? null,
});

/**
 * A verified key is remembered this long, so a gateway sending many requests a second costs no
 * database look-up per request. A revocation takes effect at once on the instance that made it
 * and within this time on the others.
 */
const VERIFIED_KEY_TTL_MS = 30_000;

/** Client-application keys: `mioc_<prefix>_<secret>`, found by prefix, checked by hash. */
@Injectable()
export class ApiKeysService {
  private readonly verified = new LRUCache<string, ApiKeyPrincipal>({ max: 10_000, ttl: VERIFIED_KEY_TTL_MS });

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const prefix = randomSecret(16).replace(/[^A-Za-z0-9]/g, '').slice(0, 10).padEnd(10, '0');
    const secret = randomSecret();
    const key = `mioc_${prefix}_${secret}`;
    const entity = await this.keys.save(
      this.keys.create({ name: request.name, prefix, secretHash: hashSecret(key), scopes: request.scopes, revokedAt: null }),
    );
    return { ...toApiKey(entity), key };
  }

  /** Registers a key whose value is already known (demo and provisioning); kept if it exists. */
  async ensure(name: string, key: string, scopes: ApiKeyScope[]): Promise<void> {
    const prefix = KEY_PATTERN.exec(key)?.[1];
    if (!prefix) throw new Error(`"${name}" is not a well-formed API key`);
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ name, prefix, secretHash: hashSecret(key), scopes, revokedAt: null })
      .orIgnore()
      .execute();
  }

  async list(): Promise<ApiKey[]> {
    return (await this.keys.find({ order: { createdAt: 'ASC' } })).map(toApiKey);
  }

  async revoke(id: string): Promise<void> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!result.affected) throw new AuthException('API_KEY_NOT_FOUND', 'No active API key has that id.');
    for (const [cacheKey, principal] of this.verified.entries()) if (principal.id === id) this.verified.delete(cacheKey);
  }

  async authenticate(presented: string): Promise<ApiKeyPrincipal> {
    const cacheKey = hashSecret(presented).toString('base64');
    const known = this.verified.get(cacheKey);
    if (known) return known;
    const prefix = KEY_PATTERN.exec(presented)?.[1];
    const entity = prefix ? await this.keys.findOneBy({ prefix }) : null;
    if (!entity || entity.revokedAt || !secretMatches(presented, entity.secretHash)) {
      throw new AuthException('AUTH_API_KEY_INVALID', 'The API key is not valid.');
    }
    const principal = { id: entity.id, name: entity.name, scopes: entity.scopes };
    this.verified.set(cacheKey, principal);
    return principal;
  }
}
