import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { LoginRequest, Session, SessionUser } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { AccessTokenService } from './access-token.service';
import { AuthException } from './auth.exception';
import { PasswordHasher } from './password-hasher.provider';
import { RefreshTokenEntity } from './refresh-token.entity';
import { hashSecret, randomSecret, secretMatches } from './secret-token.util';
import { UserEntity } from './user.entity';

/** Sign-in, token refresh with rotation, and sign-out. */
@Injectable()
export class AuthService implements OnModuleInit {
  /** Verified against when the user does not exist, so a wrong username costs as long as a wrong password. */
  private decoyHash = '';

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.hasher.hash(randomSecret());
  }

  async login({ username, password }: LoginRequest): Promise<Session> {
    const user = await this.users.findOneBy({ username: username.toLowerCase() });
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? this.decoyHash, password);
    if (!user || !passwordOk || !user.active) {
      throw new AuthException('AUTH_BAD_CREDENTIALS', 'Wrong username or password.');
    }
    return this.openSession(user);
  }

  /**
   * Exchanges a refresh token for a new session. Each refresh token works once; presenting one that
   * was already used means it was copied, so every session of that user is ended.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const token = await this.findRefreshToken(refreshToken);
    if (token.revokedAt) {
      await this.refreshTokens.update({ userId: token.userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      throw new AuthException('AUTH_REFRESH_INVALID', 'The refresh token was already used; all sessions were ended.');
    }
    if (token.expiresAt <= this.clock.now()) throw new AuthException('AUTH_REFRESH_INVALID', 'The refresh token has expired.');
    const user = await this.users.findOneBy({ id: token.userId });
    if (!user?.active) throw new AuthException('AUTH_REFRESH_INVALID', 'The account is disabled.');

    const revoked = await this.refreshTokens.update({ id: token.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!revoked.affected) throw new AuthException('AUTH_REFRESH_INVALID', 'The refresh token was already used.');
    return this.openSession(user);
  }

  async logout(refreshToken: string): Promise<void> {
    const token = await this.findRefreshToken(refreshToken);
    await this.refreshTokens.update({ id: token.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async findRefreshToken(refreshToken: string): Promise<RefreshTokenEntity> {
    const [id, secret] = refreshToken.split('.');
    const token = id && secret && /^[0-9a-f-]{36}$/.test(id) ? await this.refreshTokens.findOneBy({ id }) : null;
    if (!token || !secretMatches(secret ?? '', token.secretHash)) {
      throw new AuthException('AUTH_REFRESH_INVALID', 'The refresh token is not valid.');
    }
    return token;
  }

  private async openSession(user: UserEntity): Promise<Session> {
    const sessionUser: SessionUser = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      agencyId: user.agencyId,
    };
    const secret = randomSecret();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.auth.refreshTtlSeconds * 1000);
    const stored = await this.refreshTokens.save(
      this.refreshTokens.create({ userId: user.id, secretHash: hashSecret(secret), expiresAt, revokedAt: null }),
    );
    return {
      accessToken: this.accessTokens.sign({
        userId: user.id,
        username: user.username,
        role: user.role,
        agencyId: user.agencyId,
      }),
      expiresIn: this.accessTokens.ttlSeconds,
      refreshToken: `${stored.id}.${secret}`,
      refreshExpiresAt: expiresAt.toISOString(),
      user: sessionUser,
    };
  }
}
