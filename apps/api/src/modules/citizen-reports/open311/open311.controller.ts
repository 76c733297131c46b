import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Open311Format } from '@mekong-ioc/shared';
import { open311ContentType } from '../../../infra/http/open311-format';
import { Public } from '../../auth/decorators/access.decorators';
import { ClientIpRateLimitGuard } from '../report-rate-limiter.provider';
import { localeParam, open311FormatParam, type RawParams } from './open311-params';
import { serialiseRequests, serialiseServiceDefinition, serialiseServices, serialiseTokens } from './open311-serialiser';
import { Open311Service } from './open311.service';

/**
 * Open311 GeoReport v2 at /open311/v2/ (outside the `api` prefix), each resource in `.json` and
 * `.xml`. Reading is public, as the standard has it; creating needs the client application's
 * `api_key`, which the service checks (403), so the route itself is public. Errors are the
 * standard's list of `{code, description}` (see the problem-details filter).
 */
@ApiExcludeController()
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Public()
  @Get('services.:format')
  services(@Param('format') format: string, @Query() query: RawParams, @Res() reply: FastifyReply): void {
    const fmt = open311FormatParam(format);
    send(reply, fmt, 200, serialiseServices(this.open311.services(localeParam(query)), fmt));
  }

  @Public()
  @Get('services/:serviceCode.:format')
  serviceDefinition(@Param('serviceCode') code: string, @Param('format') format: string, @Res() reply: FastifyReply): void {
    const fmt = open311FormatParam(format);
    send(reply, fmt, 200, serialiseServiceDefinition(this.open311.serviceDefinition(code), fmt));
  }

  @Public()
  @Get('requests.:format')
  async search(@Param('format') format: string, @Query() query: RawParams, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const fmt = open311FormatParam(format);
    const requests = await this.open311.search(query, localeParam(query), originOf(request));
    send(reply, fmt, 200, serialiseRequests(requests, fmt));
  }

  @Public()
  @UseGuards(ClientIpRateLimitGuard)
  @Post('requests.:format')
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data', 'application/json')
  async create(@Param('format') format: string, @Query() query: RawParams, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const fmt = open311FormatParam(format);
    const answer = await this.open311.create(request, fmt, query);
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.status(answer.status).type(answer.contentType).send(answer.body);
  }

  @Public()
  @Get('requests/:serviceRequestId.:format')
  async request(
    @Param('serviceRequestId') serviceRequestId: string,
    @Param('format') format: string,
    @Query() query: RawParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const fmt = open311FormatParam(format);
    const requests = await this.open311.request(serviceRequestId, localeParam(query), originOf(request));
    send(reply, fmt, 200, serialiseRequests(requests, fmt));
  }

  @Public()
  @Get('tokens/:token.:format')
  async token(@Param('token') token: string, @Param('format') format: string, @Res() reply: FastifyReply): Promise<void> {
    const fmt = open311FormatParam(format);
    send(reply, fmt, 200, serialiseTokens(await this.open311.token(token), fmt));
  }
}

function send(reply: FastifyReply, format: Open311Format, status: number, body: string): void {
  void reply.status(status).type(open311ContentType(format)).send(body);
}

/** Photo URLs in answers are absolute, so a client on another site can fetch them. */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
