import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { MAX_REPORT_PHOTOS } from '@mekong-ioc/shared';
import { AppException } from '../../common/app.exception';
import type { PhotoService, StoredPhoto } from '../media/photo.service';
import { CitizenReportsException } from './citizen-reports.exception';

/** A report POST as read: its text fields, and its photos already stored (unowned until the report commits). */
export interface ReportSubmission {
  fields: Record<string, string>;
  photos: StoredPhoto[];
  /** sha-256 of each photo's bytes as uploaded, for the idempotency fingerprint. */
  photoDigests: string[];
}

export interface SubmissionFormat {
  /** The multipart field that carries photos: `media` for Open311, `photo` for the web form. */
  fileField: string;
  /** How this route reports a malformed field: Open311 answers 400, the web form 422. */
  invalid: (path: string, message: string) => AppException;
}

/**
 * Reads a report from multipart/form-data (fields and photo files, each photo stored as it streams
 * in), from a form-encoded body or from JSON (fields only). If anything fails after some photos were
 * stored, those are removed again.
 */
export async function readReportSubmission(request: FastifyRequest, photos: PhotoService, format: SubmissionFormat): Promise<ReportSubmission> {
  if (!request.isMultipart()) return { fields: fieldsOfBody(request.body, format), photos: [], photoDigests: [] };

  const submission: ReportSubmission = { fields: emptyFields(), photos: [], photoDigests: [] };
  try {
    const parts = request.parts();
    for (;;) {
      const next = await parts.next().catch((error: unknown) => {
        throw malformedOr(error);
      });
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        if (part.valueTruncated) throw format.invalid(part.fieldname, 'is too long');
        addField(submission.fields, part.fieldname, String(part.value), format);
        continue;
      }
      if (part.fieldname !== format.fileField) {
        part.file.resume();
        throw format.invalid(part.fieldname.slice(0, 100), `unexpected file; photos go in "${format.fileField}"`);
      }
      if (submission.photos.length >= MAX_REPORT_PHOTOS) throw tooManyPhotos();
      const digest = createHash('sha256');
      let bodyBroken = false;
      const stored = photos.store(part.file, { filename: part.filename });
      // Listening after store() has attached its own reader: both see every chunk of the same flow.
      part.file.on('data', (chunk: Buffer) => digest.update(chunk)).once('error', () => (bodyBroken = true));
      submission.photos.push(
        await stored.catch((error: unknown) => {
          throw bodyBroken ? malformedOr(error) : error;
        }),
      );
      submission.photoDigests.push(digest.digest('hex'));
    }
  } catch (error) {
    await photos.discard(submission.photos.map((photo) => photo.id));
    if ((error as { code?: unknown }).code === 'FST_FILES_LIMIT') throw tooManyPhotos();
    throw error;
  }
  return submission;
}

/**
 * Busboy reports a body that is not well-formed multipart (no boundary, cut short, bad part
 * headers) as a plain Error; that is the client's mistake, so 400, not a 500. Errors that carry
 * their own status (limits: 413) keep it.
 */
function malformedOr(error: unknown): unknown {
  if (error instanceof AppException || typeof (error as { statusCode?: unknown }).statusCode === 'number') return error;
  return new CitizenReportsException('REPORT_BODY_MALFORMED', 'The body is not well-formed multipart/form-data.');
}

// No prototype, so a field named __proto__ is a field like any other.
const emptyFields = (): Record<string, string> => Object.create(null) as Record<string, string>;

const tooManyPhotos = () => new CitizenReportsException('REPORT_TOO_MANY_PHOTOS', `At most ${MAX_REPORT_PHOTOS} photos per report.`);

function fieldsOfBody(body: unknown, format: SubmissionFormat): Record<string, string> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw format.invalid('(body)', 'must be an object of fields');
  const fields = emptyFields();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) throw format.invalid(name.slice(0, 100), 'is given more than once');
    if (typeof value === 'object') throw format.invalid(name.slice(0, 100), 'must be a plain value');
    addField(fields, name, String(value), format);
  }
  return fields;
}

function addField(fields: Record<string, string>, name: string, value: string, format: SubmissionFormat): void {
  if (Object.hasOwn(fields, name)) throw format.invalid(name.slice(0, 100), 'is given more than once');
  fields[name] = value;
}
