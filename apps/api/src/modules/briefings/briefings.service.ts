import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  briefingFileName,
  createBriefingRequestSchema,
  parseIsoWeek,
  type BriefingFormat,
  type BriefingList,
  type BriefingListItem,
  type BriefingLocale,
  type BriefingState,
  type CreateBriefingResponse,
} from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { fieldErrors } from '../../infra/http/problem-details.filter';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import type { UserPrincipal } from '../auth/principal';
import { BriefingException } from './briefing.exception';
import { BRIEFING_CONTENT_TYPES, BriefingJobs } from './briefing-jobs.service';

export interface BriefingFile {
  stream: Readable;
  contentType: string;
  /** ASCII, for the `filename` fallback. */
  fileName: string;
  /** The name in the briefing's language, for `filename*`. */
  displayName: string;
  sizeBytes: number | null;
}

interface BriefingRow {
  id: string;
  week: string;
  format: BriefingFormat;
  locale: BriefingLocale;
  provisional: boolean;
  status: BriefingState;
  error: string | null;
  created_by: string | null;
  display_name: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
  size_bytes: string | number | null;
  file_key: string | null;
}

const LIST_LIMIT = 100;
const DISPLAY_EXTENSIONS: Record<BriefingFormat, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'zip' };

const iso = (value: Date | string): string => new Date(value).toISOString();

export function toBriefingListItem(row: BriefingRow): BriefingListItem {
  return {
    id: row.id,
    week: row.week,
    format: row.format,
    locale: row.locale,
    provisional: row.provisional,
    state: row.status,
    error: row.error,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.display_name ?? '' } : null,
    createdAt: iso(row.created_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    fileName: briefingFileName(row.week, row.format, row.locale),
  };
}

/** `Báo cáo giao ban tuần 2026-W07 (CSV).zip` / `Weekly briefing 2026-W07.pdf`. */
const displayNameOf = (row: Pick<BriefingRow, 'week' | 'format' | 'locale'>): string =>
  `${row.locale === 'vi' ? 'Báo cáo giao ban tuần' : 'Weekly briefing'} ${row.week}${row.format === 'csv' ? ' (CSV)' : ''}.${DISPLAY_EXTENSIONS[row.format]}`;

/** Who asks for which briefing, what there is, and the stored files. */
@Injectable()
export class BriefingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: BriefingJobs,
    private readonly clock: Clock,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /** 400 for a week that does not exist or has not begun, or an unknown format; else the job starts. */
  async request(body: unknown, user: UserPrincipal): Promise<CreateBriefingResponse> {
    const parsed = createBriefingRequestSchema.safeParse(body ?? {});
    if (!parsed.success) throw new BriefingException('BRIEFING_REQUEST_INVALID', 'The week, format or locale is not valid.', fieldErrors(parsed.error));
    const window = parseIsoWeek(parsed.data.week);
    if (!window) throw new BriefingException('BRIEFING_REQUEST_INVALID', 'No such ISO week.');
    if (window.from > this.clock.now()) {
      throw new BriefingException('BRIEFING_WEEK_IN_FUTURE', `Week ${parsed.data.week} has not begun yet.`, [{ path: 'week', message: 'the week has not begun' }]);
    }
    const job = await this.jobs.start({ ...parsed.data, createdBy: user.userId });
    return { jobId: job.id, state: 'running', provisional: job.provisional };
  }

  async list(): Promise<BriefingList> {
    const rows = await this.dataSource.query<BriefingRow[]>(
      `SELECT b.*, u.display_name FROM briefings b LEFT JOIN users u ON u.id = b.created_by
        ORDER BY b.created_at DESC, b.id LIMIT $1`,
      [LIST_LIMIT],
    );
    return { items: rows.map(toBriefingListItem) };
  }

  async open(id: string): Promise<BriefingFile> {
    const [row] = await this.dataSource.query<BriefingRow[]>(`SELECT b.*, NULL AS display_name FROM briefings b WHERE b.id = $1`, [id]);
    if (!row) throw new BriefingException('BRIEFING_NOT_FOUND', 'No such briefing.');
    if (row.status !== 'done' || !row.file_key) {
      throw new BriefingException('BRIEFING_NOT_READY', row.status === 'failed' ? `The briefing failed: ${row.error ?? 'unknown error'}` : 'The briefing is still being made.');
    }
    const stream = await this.storage.get(row.file_key);
    if (!stream) throw new BriefingException('BRIEFING_FILE_MISSING', 'The briefing file is no longer stored.');
    return {
      stream,
      contentType: BRIEFING_CONTENT_TYPES[row.format],
      fileName: briefingFileName(row.week, row.format, row.locale),
      displayName: displayNameOf(row),
      sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    };
  }
}

/**
 * RFC 6266 with RFC 8187: an ASCII `filename` for old clients, and `filename*` in UTF-8 for the
 * Vietnamese name (percent-encoded, including the characters RFC 8187 reserves).
 */
export function contentDisposition(asciiName: string, displayName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(displayName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
