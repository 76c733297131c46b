import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  ackAlertRequestSchema,
  ALERT_HANDLER_ROLES,
  alertDetailSchema,
  alertIncidentResponseSchema,
  alertListQuerySchema,
  alertListSchema,
  alertSchema,
  type Alert,
  type AlertDetail,
  type AlertIncidentResponse,
  type AlertList,
} from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { CurrentUser, type UserPrincipal } from '../auth/principal';
import { CurrentActor } from '../incidents/current-actor.decorator';
import type { AuditActor } from '../incidents/incident-intake.service';
import { AlertsService } from './alerts.service';

class AlertListQueryDto extends createZodDto(alertListQuerySchema) {}
class AlertListDto extends createZodDto(alertListSchema) {}
class AlertDto extends createZodDto(alertSchema) {}
class AlertDetailDto extends createZodDto(alertDetailSchema) {}
class AckAlertRequestDto extends createZodDto(ackAlertRequestSchema) {}
class AlertIncidentResponseDto extends createZodDto(alertIncidentResponseSchema) {}

const alertId = new ParseUUIDPipe({ version: undefined });

/**
 * Alerts for the wall and the dispatch console: everyone who watches the city reads them (not
 * responders, who work incidents); duty officers and admins acknowledge them and turn them into
 * incidents.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Roles('admin', 'duty_officer', 'leader', 'wall')
  @Get()
  @ApiOkResponse({ type: AlertListDto })
  async list(@Query() query: AlertListQueryDto): Promise<AlertList> {
    return { items: await this.alerts.list(query) };
  }

  @Roles('admin', 'duty_officer', 'leader', 'wall')
  @Get(':id')
  @ApiOkResponse({ type: AlertDetailDto })
  detail(@Param('id', alertId) id: string): Promise<AlertDetail> {
    return this.alerts.detail(id);
  }

  /** raised → acknowledged; a retry with the same `opId` answers 200 and changes nothing. 409 when already acknowledged or cleared. */
  @Roles(...ALERT_HANDLER_ROLES)
  @Post(':id/ack')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertDto })
  acknowledge(@Param('id', alertId) id: string, @Body() body: AckAlertRequestDto, @CurrentUser() user: UserPrincipal): Promise<Alert> {
    return this.alerts.acknowledge(id, body, user);
  }

  /** 201 when the alert opened or joined an incident now; 200 when it was linked already. */
  @Roles(...ALERT_HANDLER_ROLES)
  @Post(':id/incident')
  @ApiCreatedResponse({ type: AlertIncidentResponseDto })
  async openIncident(
    @Param('id', alertId) id: string,
    @CurrentActor() actor: AuditActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AlertIncidentResponse> {
    const { response, created } = await this.alerts.openIncident(id, { userId: actor.userId, label: actor.label, role: actor.role, requestId: actor.requestId });
    void reply.status(created ? 201 : 200);
    return response;
  }
}
