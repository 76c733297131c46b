import { Controller, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { storedPhotoSchema } from '@mekong-ioc/shared';
import { MAX_FILES_PER_REQUEST } from '../../infra/http/multipart-options';
import { Public, Roles } from '../auth/decorators/access.decorators';
import { storeUploadedPhotos } from './photo-upload.reader';
import { PhotoService, type PhotoVariant, type StoredPhoto } from './photo.service';

class StoredPhotoDto extends createZodDto(storedPhotoSchema) {}

/**
 * Stored files never change (a new upload is a new id), so caches may keep them for good. The
 * sandboxing CSP makes a browser treat a photo opened directly as inert content, whatever it holds.
 */
const PHOTO_HEADERS = {
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly photos: PhotoService) {}

  /** Photos for an incident, uploaded first; their ids are then given to the incident. */
  @Roles('duty_officer', 'admin', 'responder')
  @Post('photos')
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['photo'], properties: { photo: { type: 'array', items: { type: 'string', format: 'binary' }, maxItems: MAX_FILES_PER_REQUEST } } },
  })
  @ApiCreatedResponse({ type: [StoredPhotoDto] })
  upload(@Req() request: FastifyRequest): Promise<StoredPhoto[]> {
    return storeUploadedPhotos(request, this.photos);
  }

  /** Public: the id is a random UUID, shared only with those shown the report or incident. */
  @Public()
  @Get(':id')
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The photo, re-encoded as JPEG without metadata.' })
  photo(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return this.serve(id, 'photo', reply);
  }

  @Public()
  @Get(':id/thumbnail')
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'A thumbnail of the photo, at most 320 px on its longer side.' })
  thumbnail(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return this.serve(id, 'thumbnail', reply);
  }

  private async serve(id: string, variant: PhotoVariant, reply: FastifyReply): Promise<StreamableFile> {
    const { stream, bytes } = await this.photos.open(id, variant);
    void reply.headers(PHOTO_HEADERS);
    return new StreamableFile(stream, { type: 'image/jpeg', ...(bytes !== null && { length: bytes }) });
  }
}
