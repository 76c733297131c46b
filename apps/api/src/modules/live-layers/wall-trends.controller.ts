import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { wallTrendsSchema, type WallTrends } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { WallTrendsService } from './wall-trends.service';

class WallTrendsDto extends createZodDto(wallTrendsSchema) {}

@ApiTags('wall')
@ApiBearerAuth()
@Controller('wall-trends')
export class WallTrendsController {
  constructor(private readonly trends: WallTrendsService) {}

  /** The wall's 24-hour charts; leaders and officers see the same on their screens. */
  @Roles('wall', 'leader', 'duty_officer', 'admin')
  @Get()
  @ApiOkResponse({ type: WallTrendsDto })
  get(): Promise<WallTrends> {
    return this.trends.trends();
  }
}
