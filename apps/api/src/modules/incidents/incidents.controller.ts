import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  addIncidentNoteRequestSchema,
  auditVerificationSchema,
  createIncidentRequestSchema,
  createIncidentResponseSchema,
  incidentAuditEntrySchema,
  incidentDetailSchema,
  incidentListQuerySchema,
  incidentListSchema,
  mergeIncidentsRequestSchema,
  splitIncidentRequestSchema,
  splitIncidentResponseSchema,
  transitionIncidentRequestSchema,
  updateIncidentRequestSchema,
  type AuditVerification,
  type CreateIncidentResponse,
  type IncidentAuditEntry,
  type IncidentDetail,
  type IncidentList,
  type SplitIncidentResponse,
} from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { CurrentUser, type UserPrincipal } from '../auth/principal';
import { CurrentActor } from './current-actor.decorator';
import { IncidentAuditService } from './incident-audit.service';
import type { AuditActor } from './incident-intake.service';
import { IncidentsService } from './incidents.service';

class IncidentListQueryDto extends createZodDto(incidentListQuerySchema) {}
class IncidentListDto extends createZodDto(incidentListSchema) {}
class IncidentDetailDto extends createZodDto(incidentDetailSchema) {}
class CreateIncidentRequestDto extends createZodDto(createIncidentRequestSchema) {}
class CreateIncidentResponseDto extends createZodDto(createIncidentResponseSchema) {}
class TransitionIncidentRequestDto extends createZodDto(transitionIncidentRequestSchema) {}
class UpdateIncidentRequestDto extends createZodDto(updateIncidentRequestSchema) {}
class AddIncidentNoteRequestDto extends createZodDto(addIncidentNoteRequestSchema) {}
class MergeIncidentsRequestDto extends createZodDto(mergeIncidentsRequestSchema) {}
class SplitIncidentRequestDto extends createZodDto(splitIncidentRequestSchema) {}
class SplitIncidentResponseDto extends createZodDto(splitIncidentResponseSchema) {}
class IncidentAuditEntryDto extends createZodDto(incidentAuditEntrySchema) {}
class AuditVerificationDto extends createZodDto(auditVerificationSchema) {}

const incidentId = new ParseUUIDPipe({ version: undefined });

/**
 * The dispatch console's incident API. Responders see and move only their own agency's incidents
 * (another agency's answers 404); leaders read; duty officers and admins run the workflow.
 */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly audit: IncidentAuditService,
  ) {}

  @Roles('duty_officer', 'admin', 'leader', 'responder')
  @Get()
  @ApiOkResponse({ type: IncidentListDto })
  list(@Query() query: IncidentListQueryDto, @CurrentUser() user: UserPrincipal): Promise<IncidentList> {
    return this.incidents.list(query, user);
  }

  /** Walks the whole audit hash chain and names the first row that does not fit. */
  @Roles('admin')
  @Get('audit/verify')
  @ApiOkResponse({ type: AuditVerificationDto })
  verifyAudit(): Promise<AuditVerification> {
    return this.audit.verify();
  }

  @Roles('duty_officer', 'admin', 'leader', 'responder')
  @Get(':id')
  @ApiOkResponse({ type: IncidentDetailDto })
  detail(@Param('id', incidentId) id: string, @CurrentUser() user: UserPrincipal): Promise<IncidentDetail> {
    return this.incidents.detail(id, user);
  }

  @Roles('duty_officer', 'admin', 'leader', 'responder')
  @Get(':id/audit')
  @ApiOkResponse({ type: [IncidentAuditEntryDto] })
  auditOf(@Param('id', incidentId) id: string, @CurrentUser() user: UserPrincipal): Promise<IncidentAuditEntry[]> {
    return this.incidents.auditOf(id, user);
  }

  /** 201 with the new incident, or with the open incident nearby it joined (`joined: true`). */
  @Roles('duty_officer', 'admin')
  @Post()
  @ApiCreatedResponse({ type: CreateIncidentResponseDto })
  create(@Body() body: CreateIncidentRequestDto, @CurrentUser() user: UserPrincipal, @CurrentActor() actor: AuditActor): Promise<CreateIncidentResponse> {
    return this.incidents.create(body, actor, user);
  }

  /** 409 INCIDENT_TRANSITION_NOT_ALLOWED with `allowed`, or INCIDENT_VERSION_CONFLICT with `current`. */
  @Roles('duty_officer', 'admin', 'responder')
  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDetailDto })
  transition(
    @Param('id', incidentId) id: string,
    @Body() body: TransitionIncidentRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<IncidentDetail> {
    return this.incidents.transition(id, body, user, actor);
  }

  @Roles('duty_officer', 'admin')
  @Patch(':id')
  @ApiOkResponse({ type: IncidentDetailDto })
  update(
    @Param('id', incidentId) id: string,
    @Body() body: UpdateIncidentRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<IncidentDetail> {
    return this.incidents.update(id, body, user, actor);
  }

  @Roles('duty_officer', 'admin', 'responder')
  @Post(':id/notes')
  @ApiCreatedResponse({ type: IncidentDetailDto })
  addNote(
    @Param('id', incidentId) id: string,
    @Body() body: AddIncidentNoteRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<IncidentDetail> {
    return this.incidents.addNote(id, body, user, actor);
  }

  /** The listed incidents become duplicates of this one; their reports move here. */
  @Roles('duty_officer', 'admin')
  @Post(':id/merge')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDetailDto })
  merge(
    @Param('id', incidentId) id: string,
    @Body() body: MergeIncidentsRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<IncidentDetail> {
    return this.incidents.merge(id, body, user, actor);
  }

  /** The listed sources leave this incident for a new one. */
  @Roles('duty_officer', 'admin')
  @Post(':id/split')
  @ApiCreatedResponse({ type: SplitIncidentResponseDto })
  split(
    @Param('id', incidentId) id: string,
    @Body() body: SplitIncidentRequestDto,
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: AuditActor,
  ): Promise<SplitIncidentResponse> {
    return this.incidents.split(id, body, user, actor);
  }
}
