import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CreatedWallDisplay, WallDisplay, WallDisplaySession } from '@mekong-ioc/shared';
import { Public, Roles } from './decorators/access.decorators';
import { CreatedWallDisplayDto, CreateWallDisplayRequestDto, WallDisplayDto, WallDisplaySessionDto, WallDisplaySessionRequestDto } from './dto/auth.dto';
import { CurrentUser, type UserPrincipal } from './principal';
import { WallDisplaysService } from './wall-displays.service';

@ApiTags('wall-displays')
@Controller('wall-displays')
export class WallDisplaysController {
  constructor(private readonly displays: WallDisplaysService) {}

  @Roles('admin')
  @ApiBearerAuth()
  @Get()
  @ApiOkResponse({ type: [WallDisplayDto] })
  list(): Promise<WallDisplay[]> {
    return this.displays.list();
  }

  @Roles('admin')
  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: CreatedWallDisplayDto, description: 'The credential and pairing path are in this answer only.' })
  create(@Body() body: CreateWallDisplayRequestDto, @CurrentUser() admin: UserPrincipal): Promise<CreatedWallDisplay> {
    return this.displays.create(body, admin.userId);
  }

  /** The display itself, with its credential: a read-only wall session, no password, no keyboard. */
  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ type: WallDisplaySessionDto })
  session(@Body() body: WallDisplaySessionRequestDto): Promise<WallDisplaySession> {
    return this.displays.openSession(body.credential);
  }

  /** Ends the display's sessions: its tokens stop working and its live connection is cut. */
  @Roles('admin')
  @ApiBearerAuth()
  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.displays.revoke(id);
  }
}
