import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { IsNull, Repository } from 'typeorm';
import {
  WALL_DISPLAY_CREDENTIAL_PATTERN,
  wallPairingPath,
  type CreatedWallDisplay,
  type CreateWallDisplayRequest,
  type WallDisplay,
  type WallDisplaySession,
} from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { AccessTokenService } from './access-token.service';
import { AuthException } from './auth.exception';
import { hashSecret, randomSecret, secretMatches } from './secret-token.util';
import { WallDisplayEvents } from './wall-display-events';
import { WallDisplayEntity } from './wall-display.entity';

export const toWallDisplay = (entity: WallDisplayEntity): WallDisplay => ({
  id: entity.id,
  name: entity.name,
  prefix: `miocw_${entity.prefix}`,
  createdAt: entity.createdAt.toISOString(),
  lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
  revokedAt: entity.revokedAt?.toISOString() ?? null,
});

/**
 * How long a display found active is believed to stay so. A revocation takes effect at once on the
 * instance that made it (and its sockets are cut on every instance); other instances refuse the
 * display's REST calls within this time.
 */
const ACTIVE_DISPLAY_TTL_MS = 10_000;

/**
 * Wall displays: an administrator issues a named credential, the display trades it for short-lived
 * read-only `wall` sessions as often as it needs (start, reload, renewal) without a keyboard, and
 * revoking it ends those sessions.
 */
@Injectable()
export class WallDisplaysService {
  private readonly active = new LRUCache<string, true>({ max: 10_000, ttl: ACTIVE_DISPLAY_TTL_MS });

  constructor(
    @InjectRepository(WallDisplayEntity) private readonly displays: Repository<WallDisplayEntity>,
    private readonly accessTokens: AccessTokenService,
    private readonly events: WallDisplayEvents,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateWallDisplayRequest, createdBy: string): Promise<CreatedWallDisplay> {
    const prefix = randomSecret(16).replace(/[^A-Za-z0-9]/g, '').slice(0, 10).padEnd(10, '0');
    const credential = `miocw_${prefix}_${randomSecret()}`;
    const entity = await this.displays.save(
      this.displays.create({ name: request.name, prefix, secretHash: hashSecret(credential), createdBy, lastUsedAt: null, revokedAt: null }),
    );
    return { ...toWallDisplay(entity), credential, pairingPath: wallPairingPath(credential) };
  }

  async list(): Promise<WallDisplay[]> {
    return (await this.displays.find({ order: { createdAt: 'ASC' } })).map(toWallDisplay);
  }

  async revoke(id: string): Promise<void> {
    const result = await this.displays.update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!result.affected) throw new AuthException('WALL_DISPLAY_NOT_FOUND', 'No active wall display has that id.');
    this.active.delete(id);
    this.events.revoked.next({ displayId: id });
  }

  /** Trades a display's credential for a read-only wall session. */
  async openSession(credential: string): Promise<WallDisplaySession> {
    const prefix = WALL_DISPLAY_CREDENTIAL_PATTERN.exec(credential)?.[1];
    const entity = prefix ? await this.displays.findOneBy({ prefix }) : null;
    if (!entity || entity.revokedAt || !secretMatches(credential, entity.secretHash)) {
      throw new AuthException('AUTH_WALL_DISPLAY_INVALID', 'The wall display credential is not valid or was revoked.');
    }
    await this.displays.update({ id: entity.id }, { lastUsedAt: this.clock.now() });
    this.active.set(entity.id, true);
    const user = { id: entity.id, username: `display:${entity.prefix}`, displayName: entity.name, role: 'wall' as const, agencyId: null };
    return {
      accessToken: this.accessTokens.sign({ userId: user.id, username: user.username, role: 'wall', agencyId: null, displayId: entity.id }),
      expiresIn: this.accessTokens.ttlSeconds,
      user,
    };
  }

  /** Throws unless the display exists and is not revoked: its tokens stop working when it is. */
  async assertActive(displayId: string): Promise<void> {
    if (this.active.get(displayId)) return;
    const entity = await this.displays.findOneBy({ id: displayId });
    if (!entity || entity.revokedAt) throw new AuthException('AUTH_TOKEN_INVALID', 'The wall display was revoked.');
    this.active.set(displayId, true);
  }

  /** The display behind a token, for `GET /api/auth/me`. */
  async findActive(displayId: string): Promise<WallDisplay | null> {
    const entity = await this.displays.findOneBy({ id: displayId });
    return entity && !entity.revokedAt ? toWallDisplay(entity) : null;
  }
}
