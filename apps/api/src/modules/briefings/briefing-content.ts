import { VIETNAM_UTC_OFFSET_MS, type BriefingLocale } from '@mekong-ioc/shared';

/*
 * A briefing's content, independent of its format: chapters of sections, each section one table
 * (a sheet in the XLSX, a file in the CSV zip) with optional sentences and a chart for the PDF.
 * Numbers stay numbers and dates stay dates until a renderer formats them.
 */

export type CellValue = string | number | Date | null;

/**
 * `date`: a local calendar day, held as UTC midnight of that day (what a spreadsheet shows as is);
 * `datetime`: a local wall-clock time, held shifted by +7 h for the same reason (see `localWallClock`).
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

export interface BriefingColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Width in characters (spreadsheet) and the share of the line (PDF). */
  width: number;
}

export type BriefingRow = Record<string, CellValue>;

export interface BriefingChart {
  kind: 'bar';
  title: string;
  /** One label per bar or point. */
  categories: string[];
  values: (number | null)[];
  /** A colour per bar (e.g. the AQI band's), or one for the series. */
  colors?: string[];
  unit: string;
  /** Horizontal reference lines (a target, a threshold). */
  references?: { value: number; label: string }[];
}

export const BRIEFING_CHAPTERS = ['kpis', 'incidents', 'reports', 'environment', 'traffic', 'cameras', 'public_services', 'plan'] as const;
export type BriefingChapter = (typeof BRIEFING_CHAPTERS)[number];

export interface BriefingSection {
  /** ASCII, stable: CSV file names and tests use it. */
  id: string;
  chapter: BriefingChapter;
  title: string;
  /** At most 31 characters, none of `[]:*?/\`: an XLSX sheet name. */
  sheetName: string;
  columns: BriefingColumn[];
  rows: BriefingRow[];
  /** Generated from the numbers: what changed, what stands out. */
  sentences: string[];
  /** Caveats: what a figure means, what is not collected. */
  notes: string[];
  chart?: BriefingChart;
  /** The PDF shows at most this many rows (the spreadsheet has them all). */
  pdfRowLimit?: number;
}

export interface BriefingContent {
  week: string;
  locale: BriefingLocale;
  from: Date;
  to: Date;
  provisional: boolean;
  generatedAt: Date;
  title: string;
  subtitle: string;
  city: string;
  chapters: { id: BriefingChapter; title: string }[];
  sections: BriefingSection[];
  /** Where each figure comes from, for the last page. */
  sources: string[];
}

/** A local (UTC+7) calendar day as a Date at UTC midnight of that day. */
export const localDay = (at: Date): Date => {
  const shifted = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
};

/** A moment as local wall-clock time in a Date's UTC fields (spreadsheets have no time zones). */
export const localWallClock = (at: Date): Date => new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);

const LOCALE_TAG: Record<BriefingLocale, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(value: number, locale: BriefingLocale, fractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALE_TAG[locale], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** dd/MM/yyyy from a `date` cell (Vietnamese and British order agree). */
export const formatDay = (day: Date): string => `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;

/** dd/MM/yyyy HH:mm from a `datetime` cell. */
export const formatWallClock = (at: Date): string => `${formatDay(at)} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;

/** ISO forms for CSV: `2026-02-09`, `2026-02-09 14:05`. */
export const isoDay = (day: Date): string => day.toISOString().slice(0, 10);
export const isoWallClock = (at: Date): string => at.toISOString().slice(0, 16).replace('T', ' ');

/** A cell as the PDF prints it. */
export function formatCell(value: CellValue, kind: ColumnKind, locale: BriefingLocale): string {
  if (value === null) return '–';
  if (value instanceof Date) return kind === 'date' ? formatDay(value) : formatWallClock(value);
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'integer':
      return formatNumber(value, locale, 0);
    case 'decimal':
      // A whole number (a count among averages) reads better without ",0".
      return formatNumber(value, locale, Number.isInteger(value) ? 0 : 1);
    case 'percent':
      return `${formatNumber(value, locale, 1)}%`;
    default:
      return String(value);
  }
}
