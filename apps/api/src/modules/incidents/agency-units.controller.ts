import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ROLES, agencyUnitListQuerySchema, agencyUnitSchema, type AgencyUnit } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { AgencyUnitsService } from './agency-units.service';

class AgencyUnitListQueryDto extends createZodDto(agencyUnitListQuerySchema) {}
class AgencyUnitDto extends createZodDto(agencyUnitSchema) {}

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agency-units')
export class AgencyUnitsController {
  constructor(private readonly units: AgencyUnitsService) {}

  /** Every role: the wall and the console both draw units on the map. */
  @Roles(...ROLES)
  @Get()
  @ApiOkResponse({ type: [AgencyUnitDto] })
  list(@Query() query: AgencyUnitListQueryDto): Promise<AgencyUnit[]> {
    return this.units.list(query);
  }
}
