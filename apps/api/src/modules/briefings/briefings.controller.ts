import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { briefingListSchema, createBriefingRequestSchema, createBriefingResponseSchema, type BriefingList, type CreateBriefingResponse } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { CurrentUser, type UserPrincipal } from '../auth/principal';
import { BriefingsService, contentDisposition } from './briefings.service';

class CreateBriefingRequestDto extends createZodDto(createBriefingRequestSchema) {}
class CreateBriefingResponseDto extends createZodDto(createBriefingResponseSchema) {}
class BriefingListDto extends createZodDto(briefingListSchema) {}

const briefingId = new ParseUUIDPipe({ version: undefined });

/** The weekly briefing: made on request (202, progress on the `briefings` live topic), listed, downloaded. */
@ApiTags('briefings')
@ApiBearerAuth()
@Controller('briefings')
export class BriefingsController {
  constructor(private readonly briefings: BriefingsService) {}

  /**
   * The body is checked by the service against the shared contract rather than by the validation
   * pipe, because a bad week or format must be a 400 (the pipe answers 422).
   */
  @Roles('leader', 'duty_officer', 'admin')
  @Post()
  @HttpCode(202)
  @ApiBody({ type: CreateBriefingRequestDto })
  @ApiAcceptedResponse({ type: CreateBriefingResponseDto })
  create(@Body() body: unknown, @CurrentUser() user: UserPrincipal): Promise<CreateBriefingResponse> {
    return this.briefings.request(body, user);
  }

  @Roles('leader', 'duty_officer', 'admin')
  @Get()
  @ApiOkResponse({ type: BriefingListDto })
  list(): Promise<BriefingList> {
    return this.briefings.list();
  }

  @Roles('leader', 'duty_officer', 'admin')
  @Get(':id/file')
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip')
  @ApiOkResponse({ description: 'The briefing file, as an attachment.' })
  async file(@Param('id', briefingId) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.briefings.open(id);
    void reply.headers({
      'content-disposition': contentDisposition(file.fileName, file.displayName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    return new StreamableFile(file.stream, { type: file.contentType, ...(file.sizeBytes !== null && { length: file.sizeBytes }) });
  }
}
