import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  kpiIdSchema,
  kpiListResponseSchema,
  kpiQuerySchema,
  kpiSeriesQuerySchema,
  kpiSeriesResponseSchema,
  type KpiListResponse,
  type KpiSeriesResponse,
} from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { Roles } from '../auth/decorators/access.decorators';
import { KpiException } from './kpi.exception';
import { KpiService } from './kpi.service';

class KpiQueryDto extends createZodDto(kpiQuerySchema) {}
class KpiListResponseDto extends createZodDto(kpiListResponseSchema) {}
class KpiSeriesQueryDto extends createZodDto(kpiSeriesQuerySchema) {}
class KpiSeriesResponseDto extends createZodDto(kpiSeriesResponseSchema) {}

/**
 * KPIs for the wall, the leaders' screens and the console. The same roles may join the `kpis`
 * live topic (see mayJoinTopic): everyone signed in except responders.
 */
@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(
    private readonly kpis: KpiService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin', 'duty_officer', 'leader', 'wall')
  @ApiOkResponse({ type: KpiListResponseDto })
  async list(@Query() query: KpiQueryDto): Promise<KpiListResponse> {
    const computedAt = this.clock.now().toISOString();
    const values = await this.kpis.compute({
      ...(query.ids && { ids: query.ids }),
      ...(query.window && { window: query.window }),
      ...(query.from && query.to && { from: new Date(query.from), to: new Date(query.to) }),
      ...(query.drilldown && { drilldown: query.drilldown }),
      compareWithPreviousWeek: query.compare ?? false,
    });
    return { computedAt, values };
  }

  @Get(':id/series')
  @Roles('admin', 'duty_officer', 'leader', 'wall')
  @ApiOkResponse({ type: KpiSeriesResponseDto })
  async series(@Param('id') id: string, @Query() query: KpiSeriesQueryDto): Promise<KpiSeriesResponse> {
    const kpiId = kpiIdSchema.safeParse(id);
    if (!kpiId.success) throw new KpiException('KPI_NOT_FOUND', `No KPI has the id "${id}".`);
    return this.kpis.series(kpiId.data, {
      from: new Date(query.from),
      to: new Date(query.to),
      ...(query.step && { step: query.step }),
      ...(query.dimension && { dimension: query.dimension }),
      ...(query.key !== undefined && { key: query.key }),
    });
  }
}
