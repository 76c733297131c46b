import { z } from 'zod';
import { incidentStatusSchema } from '../incidents/incident-status';
import { reportCategorySchema } from '../incidents/report-category';

/** At most this many photos per report, through the web form or Open311. */
export const MAX_REPORT_PHOTOS = 5;

/**
 * Tracking codes: 10 characters of Crockford base32 (no I, L, O, U), about 50 bits, so they are
 * short enough to read over the phone and cannot be guessed or enumerated.
 */
export const TRACKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;
export const trackingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TRACKING_CODE_PATTERN, 'a tracking code is 10 letters and digits');

/**
 * A citizen report from the web form (`POST /api/reports`, multipart/form-data: these fields plus
 * up to five `photo` files). Contact details are optional and private.
 */
export const submitReportRequestSchema = z.object({
  category: reportCategorySchema,
  description: z.string().trim().min(10, 'at least 10 characters').max(4_000),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  address: z.string().trim().max(300).optional(),
  name: z.string().trim().max(120).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{8,20}$/, 'a phone number')
    .optional(),
  locale: z.enum(['vi', 'en']).default('vi'),
});
export type SubmitReportRequest = z.infer<typeof submitReportRequestSchema>;

export const submitReportResponseSchema = z.object({
  trackingCode: z.string().regex(TRACKING_CODE_PATTERN),
  /** The Open311 `service_request_id` of the same report. */
  serviceRequestId: z.string(),
  photos: z.number().int().min(0).max(MAX_REPORT_PHOTOS),
});
export type SubmitReportResponse = z.infer<typeof submitReportResponseSchema>;

/** One public step of a report's history: no names, no contact details, no internal notes. */
export const trackingEventSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  status: incidentStatusSchema,
  /** A public note in the reader's language, when the step has one. */
  note: z.string().nullable(),
});
export type TrackingEvent = z.infer<typeof trackingEventSchema>;

/** What `GET /api/track/{code}` answers: what a citizen may see of their report. */
export const trackingViewSchema = z.object({
  trackingCode: z.string(),
  serviceRequestId: z.string(),
  category: reportCategorySchema,
  description: z.string(),
  lat: z.number(),
  lon: z.number(),
  address: z.string().nullable(),
  status: incidentStatusSchema,
  /** Open311's coarse status. */
  open311Status: z.enum(['open', 'closed']),
  agency: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
  submittedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** When the city expects it resolved, from the SLA of the incident's priority. */
  expectedAt: z.iso.datetime({ offset: true }).nullable(),
  history: z.array(trackingEventSchema),
  photos: z.array(z.object({ url: z.string(), thumbnailUrl: z.string() })),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;
