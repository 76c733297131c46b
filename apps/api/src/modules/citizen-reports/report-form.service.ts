import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { submitReportRequestSchema, type ApiKeyPrincipal, type SubmitReportResponse, type TrackingView } from '@mekong-ioc/shared';
import { fieldErrors } from '../../infra/http/problem-details.filter';
import { ApiKeysService } from '../auth/api-keys.service';
import { AuthException } from '../auth/auth.exception';
import { PhotoService } from '../media/photo.service';
import type { ReportLocale } from './citizen-report.mapper';
import { CitizenReportsException } from './citizen-reports.exception';
import { CitizenReportsService } from './citizen-reports.service';
import { idempotencyKeyOf, requestFingerprint, type StoredAnswer } from './idempotency.service';
import { ReportRateLimiter } from './report-rate-limiter.provider';
import { readReportSubmission } from './report-submission.reader';

const PHOTO_FIELD = 'photo';
const ROUTE = 'POST /api/reports';

const invalidField = (path: string, message: string) =>
  new CitizenReportsException('REPORT_INVALID', `${path}: ${message}`, [{ path, message }]);

/** The public web form (`POST /api/reports`) and the tracking page (`GET /api/track/{code}`). */
@Injectable()
export class ReportFormService {
  constructor(
    private readonly reports: CitizenReportsService,
    private readonly photos: PhotoService,
    private readonly apiKeys: ApiKeysService,
    private readonly limiter: ReportRateLimiter,
  ) {}

  async submit(request: FastifyRequest): Promise<StoredAnswer & { replayed: boolean }> {
    const idempotencyKey = idempotencyKeyOf(request.headers['idempotency-key']);
    // The form may run behind a client application's key (a kiosk, a partner site); then that key's limit counts too.
    const apiKey = await this.optionalApiKey(request.headers['x-api-key']);
    if (apiKey) await this.limiter.hitApiKey(apiKey.id);
    const submission = await readReportSubmission(request, this.photos, { fileField: PHOTO_FIELD, invalid: invalidField });
    try {
      const parsed = submitReportRequestSchema.safeParse(submission.fields);
      if (!parsed.success) {
        throw new CitizenReportsException('REPORT_INVALID', 'The report does not match the expected shape.', fieldErrors(parsed.error));
      }
      const form = parsed.data;
      return await this.reports.submit(
        {
          channel: 'web',
          category: form.category,
          description: form.description,
          lat: form.lat,
          lon: form.lon,
          locationApproximate: false,
          address: form.address ?? null,
          externalMediaUrl: null,
          // Vietnamese names are written whole, so the form's one name field is kept as given.
          contact: { firstName: form.name, email: form.email, phone: form.phone },
          locale: form.locale,
          apiKeyId: apiKey?.id ?? null,
          actorLabel: apiKey ? `Web form: ${apiKey.name}` : 'Web form',
          requestId: String(request.id),
        },
        submission.photos,
        {
          idempotency: idempotencyKey
            ? {
                scope: apiKey?.id ?? `ip:${request.ip}`,
                key: idempotencyKey,
                fingerprint: requestFingerprint(ROUTE, submission.fields, submission.photoDigests),
              }
            : null,
          answer: (filed) => {
            const body: SubmitReportResponse = { trackingCode: filed.trackingCode, serviceRequestId: filed.serviceRequestId, photos: filed.photoCount };
            return { status: 201, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
          },
        },
      );
    } catch (error) {
      await this.photos.discard(submission.photos.map((photo) => photo.id));
      throw error;
    }
  }

  track(code: string, locale: ReportLocale | null): Promise<TrackingView> {
    return this.reports.trackingView(code, locale);
  }

  private async optionalApiKey(presented: string | string[] | undefined): Promise<ApiKeyPrincipal | null> {
    if (presented === undefined) return null;
    if (typeof presented !== 'string') throw new AuthException('AUTH_API_KEY_INVALID', 'Send one X-Api-Key header.');
    const apiKey = await this.apiKeys.authenticate(presented);
    if (!apiKey.scopes.includes('reports:submit')) throw new AuthException('AUTH_SCOPE_DENIED', 'The API key lacks the scope reports:submit.');
    return apiKey;
  }
}
