import type { FastifyRequest } from 'fastify';
import { AppException } from '../../common/app.exception';
import { MAX_FILES_PER_REQUEST } from '../../infra/http/multipart-options';
import { MediaException } from './media.exception';
import type { PhotoService, StoredPhoto } from './photo.service';

/** The form field that carries photos. */
export const PHOTO_FIELD = 'photo';

/**
 * Stores every `photo` file of a multipart request, one at a time as it streams in. If any is
 * refused, the ones stored before it are removed again, so a failed request leaves nothing behind.
 */
export async function storeUploadedPhotos(request: FastifyRequest, photos: PhotoService): Promise<StoredPhoto[]> {
  if (!request.isMultipart()) {
    if (request.headers['content-type'] === undefined) {
      throw new MediaException('PHOTO_MISSING', `Send one or more "${PHOTO_FIELD}" files as multipart/form-data.`);
    }
    throw new MediaException('PHOTO_TYPE_UNSUPPORTED', `Photos are uploaded as multipart/form-data with "${PHOTO_FIELD}" files.`);
  }
  const stored: StoredPhoto[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') continue;
      if (part.fieldname !== PHOTO_FIELD) {
        part.file.resume();
        throw new MediaException('PHOTO_UNEXPECTED_FIELD', `Unexpected file field "${part.fieldname.slice(0, 100)}"; photos go in "${PHOTO_FIELD}".`);
      }
      stored.push(await photos.store(part.file, { filename: part.filename }));
    }
  } catch (error) {
    await photos.discard(stored.map((photo) => photo.id));
    if ((error as { code?: unknown }).code === 'FST_FILES_LIMIT') {
      throw new MediaException('PHOTO_TOO_MANY', `At most ${MAX_FILES_PER_REQUEST} photos per request.`);
    }
    // Busboy reports a body that is not well-formed multipart (no boundary, cut short, bad part
    // headers) as a plain Error: the client's mistake, so 400, not 500. Limits keep their status.
    if (!(error instanceof AppException) && typeof (error as { statusCode?: unknown }).statusCode !== 'number') {
      throw new MediaException('PHOTO_BODY_MALFORMED', 'The body is not well-formed multipart/form-data.');
    }
    throw error;
  }
  if (!stored.length) throw new MediaException('PHOTO_MISSING', `The form has no "${PHOTO_FIELD}" file.`);
  return stored;
}
