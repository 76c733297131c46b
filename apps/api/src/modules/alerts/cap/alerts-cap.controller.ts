import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CAP_CONTENT_TYPE } from '@mekong-ioc/shared';
import { Public } from '../../auth/decorators/access.decorators';
import { AlertsCapService } from './alerts-cap.service';

const alertId = new ParseUUIDPipe({ version: undefined });

/** Links in CAP documents are absolute, so a system on another site can follow them. */
const apiBaseOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}/api`;

/*
 * CAP 1.2 out. Public, like a weather service's feed, because its readers are other systems that
 * hold no account here; what it says is limited to what the public may know (see AlertsCapService).
 */

@ApiTags('alerts')
@Controller('alerts.cap')
export class AlertsCapFeedController {
  constructor(private readonly cap: AlertsCapService) {}

  /** An Atom feed of the current public alerts (and those cleared in the last hour, as Cancel), each a CAP message inline. */
  @Public()
  @Get()
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'Atom feed with CAP 1.2 alerts as entry content' })
  async feed(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.status(200).type('application/atom+xml; charset=utf-8').send(await this.cap.feed(apiBaseOf(request)));
  }
}

/** One alert as CAP, beside its JSON form (`/api/alerts/{id}` and `/api/alerts/{id}.cap`). */
@ApiTags('alerts')
@Controller('alerts')
export class AlertsCapDocumentController {
  constructor(private readonly cap: AlertsCapService) {}

  /** One alert as a CAP 1.2 message: Alert, Update (acknowledged, escalated) or Cancel (cleared). */
  @Public()
  @Get(':id.cap')
  @ApiProduces(CAP_CONTENT_TYPE)
  @ApiOkResponse({ description: 'CAP 1.2 alert with vi-VN and en-US info blocks' })
  async document(@Param('id', alertId) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.status(200).type(CAP_CONTENT_TYPE).send(await this.cap.document(id, apiBaseOf(request)));
  }
}
