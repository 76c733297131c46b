import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  attachIncidentPhotosRequestSchema,
  incidentContextSchema,
  incidentDetailSchema,
  incidentFieldPhotosSchema,
  responderProgressRequestSchema,
  suggestedUnitsQuerySchema,
  suggestedUnitsSchema,
  type IncidentContext,
  type IncidentDetail,
  type IncidentFieldPhotos,
  type SuggestedUnits,
} from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { CurrentUser, type UserPrincipal } from '../auth/principal';
import { CurrentActor } from '../incidents/current-actor.decorator';
import type { AuditActor } from '../incidents/incident-intake.service';
import { IncidentContextService } from './incident-context.service';
import { ResponderActionsService } from './responder-actions.service';
import { SuggestedUnitsService } from './suggested-units.service';

class SuggestedUnitsQueryDto extends createZodDto(suggestedUnitsQuerySchema) {}
class SuggestedUnitsDto extends createZodDto(suggestedUnitsSchema) {}
class IncidentContextDto extends createZodDto(incidentContextSchema) {}
class AttachIncidentPhotosRequestDto extends createZodDto(attachIncidentPhotosRequestSchema) {}
class IncidentFieldPhotosDto extends createZodDto(incidentFieldPhotosSchema) {}
class ResponderProgressRequestDto extends createZodDto(responderProgressRequestSchema) {}
class IncidentDetailDto extends createZodDto(incidentDetailSchema) {}

const incidentId = new ParseUUIDPipe({ version: undefined });

/** The dispatch console's and the responder view's additions to the incident API. */
@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('incidents')
export class DispatchController {
  constructor(
    private readonly suggestedUnits: SuggestedUnitsService,
    private readonly context: IncidentContextService,
    private readonly responderActions: ResponderActionsService,
  ) {}

  /** Nearest available units of the agency (default: the incident's), with straight-line distance and ETA. */
  @Roles('duty_officer', 'admin')
  @Get(':id/suggested-units')
  @ApiOkResponse({ type: SuggestedUnitsDto })
  suggest(@Param('id', incidentId) id: string, @Query() query: SuggestedUnitsQueryDto): Promise<SuggestedUnits> {
    return this.suggestedUnits.suggest(id, query);
  }

  /** Camera analytics events and sensor readings near the incident over the last hours. */
  @Roles('duty_officer', 'admin')
  @Get(':id/context')
  @ApiOkResponse({ type: IncidentContextDto })
  contextOf(@Param('id', incidentId) id: string): Promise<IncidentContext> {
    return this.context.contextOf(id);
  }

  /** Photos taken on site (the reports' photos are on the incident's sources). */
  @Roles('duty_officer', 'admin', 'leader', 'responder')
  @Get(':id/photos')
  @ApiOkResponse({ type: IncidentFieldPhotosDto })
  photos(@Param('id', incidentId) id: string, @CurrentUser() user: UserPrincipal): Promise<IncidentFieldPhotos> {
    return this.responderActions.fieldPhotos(id, user);
  }

  /** Gives the incident photos uploaded first with POST /api/media/photos. */
  @Roles('duty_officer', 'admin', 'responder')
  @Post(':id/photos')
  @ApiCreatedResponse({ type: IncidentFieldPhotosDto })
  attachPhotos(
    @Param('id', incidentId) id: string,
    @Body() body: AttachIncidentPhotosRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<IncidentFieldPhotos> {
    return this.responderActions.attachPhotos(id, body, user, actor);
  }

  /** A responder's "accepted" or "on the way" while dispatched: a public note (409 in another status). */
  @Roles('duty_officer', 'admin', 'responder')
  @Post(':id/progress')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDetailDto })
  progress(
    @Param('id', incidentId) id: string,
    @Body() body: ResponderProgressRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<IncidentDetail> {
    return this.responderActions.recordProgress(id, body, user, actor);
  }
}
