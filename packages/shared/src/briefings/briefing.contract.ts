import { z } from 'zod';
import type { LiveReducer } from '../realtime/live-topic-state';
import { parseIsoWeek } from './iso-week';

const isoDateTime = z.iso.datetime({ offset: true });

/** PDF for leaders, XLSX and CSV (zipped, one file per section) for analysts. */
export const BRIEFING_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export const briefingFormatSchema = z.enum(BRIEFING_FORMATS);
export type BriefingFormat = z.infer<typeof briefingFormatSchema>;

export const BRIEFING_LOCALES = ['vi', 'en'] as const;
export const briefingLocaleSchema = z.enum(BRIEFING_LOCALES);
export type BriefingLocale = z.infer<typeof briefingLocaleSchema>;

export const BRIEFING_STATES = ['running', 'done', 'failed'] as const;
export const briefingStateSchema = z.enum(BRIEFING_STATES);
export type BriefingState = z.infer<typeof briefingStateSchema>;

/** An existing ISO week, `YYYY-Www` (`2026-W60` is refused). Whether it has begun is the API's call. */
export const isoWeekSchema = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, { message: 'expected an ISO week such as 2026-W07' })
  .refine((week) => parseIsoWeek(week) !== null, { message: 'no such ISO week' });

/** `POST /api/briefings`. */
export const createBriefingRequestSchema = z.object({
  week: isoWeekSchema,
  format: briefingFormatSchema,
  locale: briefingLocaleSchema.default('vi'),
});
export type CreateBriefingRequest = z.infer<typeof createBriefingRequestSchema>;

/** 202: the job runs in the background; its progress comes on the `briefings` live topic. */
export const createBriefingResponseSchema = z.object({
  jobId: z.uuid(),
  state: briefingStateSchema,
  provisional: z.boolean(),
});
export type CreateBriefingResponse = z.infer<typeof createBriefingResponseSchema>;

/** One briefing made or being made; `createdBy` is null for the Monday scheduler. */
export const briefingListItemSchema = z.object({
  id: z.uuid(),
  week: z.string(),
  format: briefingFormatSchema,
  locale: briefingLocaleSchema,
  /** The week was not over when it was made: its numbers may still change. */
  provisional: z.boolean(),
  state: briefingStateSchema,
  error: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** The name the download is saved under, e.g. `giao-ban-tuan-2026-W07.pdf`. */
  fileName: z.string(),
});
export type BriefingListItem = z.infer<typeof briefingListItemSchema>;

export const briefingListSchema = z.object({ items: z.array(briefingListItemSchema) });
export type BriefingList = z.infer<typeof briefingListSchema>;

/** Payload of the `briefings` live topic: one job's progress. */
export const briefingProgressSchema = z.object({
  jobId: z.uuid(),
  progress: z.number().min(0).max(1),
  state: briefingStateSchema,
});
export type BriefingProgress = z.infer<typeof briefingProgressSchema>;

/** Snapshot of the `briefings` topic: the jobs this instance is running or has just finished. */
export const briefingProgressSnapshotSchema = z.object({ jobs: z.array(briefingProgressSchema) });
export type BriefingProgressSnapshot = z.infer<typeof briefingProgressSnapshotSchema>;

export type BriefingProgressMap = ReadonlyMap<string, BriefingProgress>;

/** Reducer of the `briefings` topic: the newest progress per job. */
export const briefingProgressReducer: LiveReducer<BriefingProgressMap> = {
  fromSnapshot: (snapshot) =>
    new Map((snapshot === null ? [] : briefingProgressSnapshotSchema.parse(snapshot).jobs).map((job) => [job.jobId, job])),
  applyDelta: (state, payload) => {
    const job = briefingProgressSchema.parse(payload);
    const next = new Map(state);
    next.set(job.jobId, job);
    return next;
  },
};

const FILE_EXTENSIONS: Record<BriefingFormat, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'zip' };

/** `giao-ban-tuan-2026-W07.pdf` / `weekly-briefing-2026-W07.xlsx`; the CSV files come zipped. */
export const briefingFileName = (week: string, format: BriefingFormat, locale: BriefingLocale): string =>
  `${locale === 'vi' ? 'giao-ban-tuan' : 'weekly-briefing'}-${week}.${FILE_EXTENSIONS[format]}`;
