import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { submitReportResponseSchema, trackingViewSchema, type TrackingView } from '@mekong-ioc/shared';
import { Public } from '../auth/decorators/access.decorators';
import { CitizenReportsException } from './citizen-reports.exception';
import { ReportFormService } from './report-form.service';
import { ClientIpRateLimitGuard } from './report-rate-limiter.provider';

class SubmitReportResponseDto extends createZodDto(submitReportResponseSchema) {}
class TrackingViewDto extends createZodDto(trackingViewSchema) {}

/** The public web form. Its answer carries no contact detail. */
@ApiTags('citizen-reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly form: ReportFormService) {}

  /**
   * multipart/form-data with the fields of the contract and up to five `photo` files, or JSON
   * without photos. An `Idempotency-Key` header makes a retry answer the first report again.
   */
  @Public()
  @UseGuards(ClientIpRateLimitGuard)
  @Post()
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiCreatedResponse({ type: SubmitReportResponseDto })
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.form.submit(request);
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.status(answer.status).type(answer.contentType).send(answer.body);
  }
}

/** The public tracking page: what a citizen may see of a report, by its tracking code. */
@ApiTags('citizen-reports')
@Controller('track')
export class TrackingController {
  constructor(private readonly form: ReportFormService) {}

  @Public()
  @Get(':code')
  @ApiOkResponse({ type: TrackingViewDto })
  track(@Param('code') code: string, @Query('locale') locale?: string): Promise<TrackingView> {
    if (locale !== undefined && locale !== 'vi' && locale !== 'en') {
      throw new CitizenReportsException('REPORT_INVALID', 'locale must be vi or en.', [{ path: 'locale', message: 'must be vi or en' }]);
    }
    return this.form.track(code, locale ?? null);
  }
}
