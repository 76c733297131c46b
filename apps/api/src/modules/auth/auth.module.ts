import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { AccessTokenService } from './access-token.service';
import { AccessGuard } from './access.guard';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher.provider';
import { RefreshTokenEntity } from './refresh-token.entity';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { WallDisplayEvents } from './wall-display-events';
import { WallDisplayEntity } from './wall-display.entity';
import { WallDisplaysController } from './wall-displays.controller';
import { WallDisplaysService } from './wall-displays.service';

@Module({
  imports: [
    // Secrets and claims are passed per call from the validated config (see AccessTokenService).
    JwtModule.register({}),
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity, ApiKeyEntity, AgencyEntity, WallDisplayEntity]),
  ],
  controllers: [AuthController, UsersController, ApiKeysController, WallDisplaysController],
  providers: [
    AccessTokenService,
    ApiKeysService,
    AuthService,
    PasswordHasher,
    UsersService,
    WallDisplayEvents,
    WallDisplaysService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccessTokenService, ApiKeysService, UsersService, PasswordHasher, WallDisplayEvents, WallDisplaysService],
})
export class AuthModule {}
