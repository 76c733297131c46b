import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES, deviceIdSchema, feedSchema, latestReadingSchema, rollupSchema, type LatestReading, type Rollup } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { ReadingsService } from './readings.service';

class LatestQueryDto extends createZodDto(z.object({ feed: feedSchema.optional(), deviceId: deviceIdSchema.optional() })) {}
class RollupQueryDto extends createZodDto(
  z
    .object({ deviceId: deviceIdSchema, metric: z.string().min(1).max(40), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 31 * 86_400_000, {
      message: 'to must be after from, at most 31 days later',
      path: ['to'],
    }),
) {}
class LatestReadingDto extends createZodDto(latestReadingSchema) {}
class RollupDto extends createZodDto(rollupSchema) {}

@ApiTags('readings')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller('readings')
export class ReadingsController {
  constructor(private readonly readings: ReadingsService) {}

  @Get('latest')
  @ApiOkResponse({ type: [LatestReadingDto] })
  latest(@Query() query: LatestQueryDto): Promise<LatestReading[]> {
    return this.readings.latest(query);
  }

  @Get('rollups')
  @ApiOkResponse({ type: [RollupDto] })
  rollups(@Query() query: RollupQueryDto): Promise<Rollup[]> {
    return this.readings.rollups(query.deviceId, query.metric, new Date(query.from), new Date(query.to));
  }
}
