import { z } from 'zod';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as this city serves it at `/open311/v2/`.
 * Field names are the standard's, snake_case, so existing clients work unchanged; these schemas
 * describe the JSON form, and the XML form carries the same fields under the standard's elements.
 */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** `GET services.{fmt}`: one service type. Our service codes are the report categories. */
export const open311ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  /** True when the service has extra attributes; ours have none. */
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof open311ServiceSchema>;

export const open311AttributeSchema = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});

/** `GET services/{service_code}.{fmt}`. */
export const open311ServiceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(open311AttributeSchema),
});
export type Open311ServiceDefinition = z.infer<typeof open311ServiceDefinitionSchema>;

/** The widely used `notes` extension: the request's public history, oldest first. */
export const open311NoteSchema = z.object({
  datetime: z.iso.datetime({ offset: true }),
  description: z.string(),
  /** The workflow step the note records (`new`, `verified`, `dispatched`, …). */
  type: z.string(),
});
export type Open311Note = z.infer<typeof open311NoteSchema>;

/** `GET requests.{fmt}` and `GET requests/{id}.{fmt}`: one service request. Never any contact detail. */
export const open311ServiceRequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  /** The finer workflow step, in the reader's language. */
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.iso.datetime({ offset: true }),
  updated_datetime: z.iso.datetime({ offset: true }),
  /** The resolve deadline of the incident's SLA. */
  expected_datetime: z.iso.datetime({ offset: true }).nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  /** Null when the request was located by its address only. */
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
  notes: z.array(open311NoteSchema),
});
export type Open311ServiceRequest = z.infer<typeof open311ServiceRequestSchema>;

/** `POST requests.{fmt}`: a list with one item. `token` is the citizen's tracking code. */
export const open311CreatedRequestSchema = z.object({
  service_request_id: z.string(),
  token: z.string(),
  service_notice: z.string(),
  account_id: z.string().nullable(),
});
export type Open311CreatedRequest = z.infer<typeof open311CreatedRequestSchema>;

/** `GET tokens/{token}.{fmt}`: a list with one item. */
export const open311TokenSchema = z.object({
  service_request_id: z.string(),
  token: z.string(),
});
export type Open311Token = z.infer<typeof open311TokenSchema>;

/** Every Open311 error answer is a list of these, with the same code as the HTTP status. */
export const open311ErrorSchema = z.object({
  code: z.number().int().min(400).max(599),
  description: z.string(),
});
export type Open311Error = z.infer<typeof open311ErrorSchema>;
