import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, type Session, type SessionUser } from '@mekong-ioc/shared';
import { AuthService } from './auth.service';
import { Public, Roles } from './decorators/access.decorators';
import { LoginRequestDto, RefreshRequestDto, SessionDto, SessionUserDto } from './dto/auth.dto';
import { CurrentUser, type UserPrincipal } from './principal';
import { UsersService } from './users.service';
import { AuthException } from './auth.exception';
import { WallDisplaysService } from './wall-displays.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly wallDisplays: WallDisplaysService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  login(@Body() body: LoginRequestDto): Promise<Session> {
    return this.auth.login(body);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  refresh(@Body() body: RefreshRequestDto): Promise<Session> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() body: RefreshRequestDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Roles(...ROLES)
  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: SessionUserDto })
  async me(@CurrentUser() principal: UserPrincipal): Promise<SessionUser> {
    if (principal.displayId) {
      const display = await this.wallDisplays.findActive(principal.displayId);
      if (!display) throw new AuthException('AUTH_TOKEN_INVALID', 'The wall display was revoked.');
      return { id: display.id, username: principal.username, displayName: display.name, role: 'wall', agencyId: null };
    }
    const user = await this.users.findById(principal.userId);
    if (!user?.active) throw new AuthException('AUTH_TOKEN_INVALID', 'The account no longer exists or is disabled.');
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, agencyId: user.agencyId };
  }
}
