import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  pushWallFocusRequestSchema,
  wallFocusCommandSchema,
  wallReleaseCommandSchema,
  type WallFocusCommand,
  type WallReleaseCommand,
} from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { CurrentUser, type UserPrincipal } from '../auth/principal';
import { WallCommandsService } from './wall-commands.service';

class PushWallFocusRequestDto extends createZodDto(pushWallFocusRequestSchema) {}
class WallFocusCommandDto extends createZodDto(wallFocusCommandSchema) {}
class WallReleaseCommandDto extends createZodDto(wallReleaseCommandSchema) {}

/** Duty officers point the operations-room wall at a place; walls follow the live `wall` topic. */
@ApiTags('wall')
@ApiBearerAuth()
@Controller('wall')
export class WallController {
  constructor(private readonly commands: WallCommandsService) {}

  @Roles('duty_officer', 'admin')
  @Post('focus')
  @HttpCode(200)
  @ApiOkResponse({ type: WallFocusCommandDto })
  focus(@Body() body: PushWallFocusRequestDto, @CurrentUser() user: UserPrincipal): Promise<WallFocusCommand> {
    return this.commands.focus(body, user);
  }

  @Roles('duty_officer', 'admin')
  @Post('release')
  @HttpCode(200)
  @ApiOkResponse({ type: WallReleaseCommandDto })
  release(@CurrentUser() user: UserPrincipal): Promise<WallReleaseCommand> {
    return this.commands.release(user);
  }
}
