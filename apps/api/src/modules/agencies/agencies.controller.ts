import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ROLES, agencySchema, type Agency } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { AgenciesService } from './agencies.service';

class AgencyDto extends createZodDto(agencySchema) {}

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Roles(...ROLES)
  @Get()
  @ApiOkResponse({ type: [AgencyDto] })
  list(): Promise<Agency[]> {
    return this.agencies.list();
  }
}
