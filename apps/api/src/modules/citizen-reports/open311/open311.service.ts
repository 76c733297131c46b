import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  MY_THO_CENTER,
  reportCategorySchema,
  type ApiKeyPrincipal,
  type Open311CreatedRequest,
  type Open311Format,
  type Open311Service as Open311ServiceType,
  type Open311ServiceDefinition,
  type Open311ServiceRequest,
  type Open311Token,
} from '@mekong-ioc/shared';
import { Clock } from '../../../infra/clock/clock';
import { OPEN311_BASE_PATH, open311ContentType } from '../../../infra/http/open311-format';
import { ApiKeysService } from '../../auth/api-keys.service';
import { AuthException } from '../../auth/auth.exception';
import { PhotoService } from '../../media/photo.service';
import { open311ServiceDefinition, open311Services, serviceNoticeFor, toOpen311Request, type ReportLocale } from '../citizen-report.mapper';
import { CitizenReportsException } from '../citizen-reports.exception';
import { CitizenReportsService } from '../citizen-reports.service';
import { idempotencyKeyOf, requestFingerprint, type StoredAnswer } from '../idempotency.service';
import { ReportRateLimiter } from '../report-rate-limiter.provider';
import { readReportSubmission } from '../report-submission.reader';
import { serialiseCreated } from './open311-serialiser';
import { OPEN311_MAX_RESULTS, parseCreateRequest, parseRequestSearch, type RawParams } from './open311-params';

/** Photos of an Open311 request come as `media` files, the name Open311 clients use. */
const MEDIA_FIELD = 'media';
/** How many reports are read at a time while filtering by status. */
const SEARCH_PAGE = 500;

const invalidParameter = (path: string, message: string) =>
  new CitizenReportsException('OPEN311_PARAMETER_INVALID', `${path}: ${message}`, [{ path, message }]);

/** Open311 GeoReport v2 over our citizen reports and their incidents. */
@Injectable()
export class Open311Service {
  constructor(
    private readonly reports: CitizenReportsService,
    private readonly apiKeys: ApiKeysService,
    private readonly photos: PhotoService,
    private readonly limiter: ReportRateLimiter,
    private readonly clock: Clock,
  ) {}

  services(locale: ReportLocale): Open311ServiceType[] {
    return open311Services(locale);
  }

  /** Our services define no extra attributes: the definition is there, with an empty list. */
  serviceDefinition(code: string): Open311ServiceDefinition {
    const category = reportCategorySchema.safeParse(code);
    if (!category.success) throw new CitizenReportsException('OPEN311_SERVICE_NOT_FOUND', `No service has the code "${code.slice(0, 60)}".`);
    return open311ServiceDefinition(category.data);
  }

  /** `GET requests`: the standard's filters; newest first, at most 1,000. */
  async search(params: RawParams, locale: ReportLocale, origin: string): Promise<Open311ServiceRequest[]> {
    const search = parseRequestSearch(params, this.clock.now());
    if (search.serviceRequestIds) {
      const found = await this.reports.findByServiceRequestIds(search.serviceRequestIds);
      return this.toRequests(found, locale, origin);
    }
    const results: Open311ServiceRequest[] = [];
    const criteria = { from: search.from, to: search.to, categories: search.serviceCodes };
    // Status lives with the incident, so the status filter is applied as pages are read.
    for (let offset = 0; results.length < OPEN311_MAX_RESULTS; offset += SEARCH_PAGE) {
      const page = await this.reports.searchPage(criteria, offset, SEARCH_PAGE);
      const requests = await this.toRequests(page, locale, origin);
      results.push(...(search.statuses ? requests.filter((request) => search.statuses?.includes(request.status)) : requests));
      if (page.length < SEARCH_PAGE) break;
    }
    return results.slice(0, OPEN311_MAX_RESULTS);
  }

  async request(serviceRequestId: string, locale: ReportLocale, origin: string): Promise<Open311ServiceRequest[]> {
    const found = serviceRequestId.length <= 40 ? await this.reports.findByServiceRequestIds([serviceRequestId]) : [];
    if (!found.length) throw new CitizenReportsException('OPEN311_REQUEST_NOT_FOUND', `No service request has the id "${serviceRequestId.slice(0, 40)}".`);
    return this.toRequests(found, locale, origin);
  }

  /** The token we hand out is the tracking code, so it always resolves at once. */
  async token(token: string): Promise<Open311Token[]> {
    const report = await this.reports.findByTrackingCode(token.slice(0, 40));
    if (!report) throw new CitizenReportsException('OPEN311_REQUEST_NOT_FOUND', 'No service request has this token.');
    return [{ service_request_id: report.serviceRequestId, token: report.trackingCode }];
  }

  /**
   * `POST requests`: the client application is identified by `api_key` (a parameter, as the
   * standard has it, or our X-Api-Key header) with the scope `reports:submit`; 403 otherwise.
   */
  async create(request: FastifyRequest, format: Open311Format, params: RawParams): Promise<StoredAnswer & { replayed: boolean }> {
    const idempotencyKey = idempotencyKeyOf(request.headers['idempotency-key']);
    const submission = await readReportSubmission(request, this.photos, { fileField: MEDIA_FIELD, invalid: invalidParameter });
    try {
      // Query parameters count too (some clients send api_key there); the body wins on a clash.
      const fields = { ...queryFields(params), ...submission.fields };
      const apiKey = await this.clientApplication(fields['api_key'] ?? request.headers['x-api-key']);
      await this.limiter.hitApiKey(apiKey.id);
      const parsed = parseCreateRequest(fields);
      const locationApproximate = parsed.lat === undefined || parsed.long === undefined;
      const { api_key: _secret, ...fingerprinted } = fields;
      const route = `POST ${OPEN311_BASE_PATH}/requests.${format}`;
      return await this.reports.submit(
        {
          channel: 'open311',
          category: parsed.service_code,
          description: parsed.description ?? '',
          lat: parsed.lat ?? MY_THO_CENTER.lat,
          lon: parsed.long ?? MY_THO_CENTER.lon,
          locationApproximate,
          address: parsed.address_string ?? null,
          externalMediaUrl: parsed.media_url ?? null,
          contact: {
            firstName: parsed.first_name,
            lastName: parsed.last_name,
            email: parsed.email,
            phone: parsed.phone,
            deviceId: parsed.device_id,
            accountId: parsed.account_id,
          },
          locale: parsed.locale,
          apiKeyId: apiKey.id,
          actorLabel: `Open311: ${apiKey.name}`,
          requestId: String(request.id),
        },
        submission.photos,
        {
          idempotency: idempotencyKey
            ? { scope: apiKey.id, key: idempotencyKey, fingerprint: requestFingerprint(route, fingerprinted, submission.photoDigests) }
            : null,
          answer: (filed) => {
            const created: Open311CreatedRequest = {
              service_request_id: filed.serviceRequestId,
              token: filed.trackingCode,
              service_notice: serviceNoticeFor(filed.trackingCode, parsed.locale),
              // We keep no citizen accounts, so there is no account id of ours to give.
              account_id: null,
            };
            return { status: 201, contentType: open311ContentType(format), body: serialiseCreated([created], format) };
          },
        },
      );
    } catch (error) {
      // Photos of a refused request are not kept (submit() has already dropped them otherwise).
      await this.photos.discard(submission.photos.map((photo) => photo.id));
      throw error;
    }
  }

  private async toRequests(reports: Parameters<CitizenReportsService['publicStates']>[0], locale: ReportLocale, origin: string) {
    const states = await this.reports.publicStates(reports);
    return reports.flatMap((report) => {
      const state = states.get(report.id);
      return state ? [toOpen311Request(report, state, locale, origin)] : [];
    });
  }

  private async clientApplication(presented: string | string[] | undefined): Promise<ApiKeyPrincipal> {
    if (typeof presented !== 'string' || !presented) {
      throw new CitizenReportsException('OPEN311_API_KEY_INVALID', 'api_key is required to create a service request.');
    }
    let apiKey: ApiKeyPrincipal;
    try {
      apiKey = await this.apiKeys.authenticate(presented);
    } catch (error) {
      if (error instanceof AuthException) throw new CitizenReportsException('OPEN311_API_KEY_INVALID', 'Invalid api_key received; the request was not created.');
      throw error;
    }
    if (!apiKey.scopes.includes('reports:submit')) {
      throw new CitizenReportsException('OPEN311_API_KEY_INVALID', 'This api_key may not create service requests.');
    }
    return apiKey;
  }
}

/** Single string values of the query; lists and objects there are not form fields. */
function queryFields(params: RawParams): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string') fields[name] = value;
  return fields;
}
