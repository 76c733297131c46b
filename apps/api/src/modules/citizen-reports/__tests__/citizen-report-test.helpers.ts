import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import type { TestApp } from '../../../test-support/test-app';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';

/** The demo key of the public report form: scope `reports:submit`. */
export const REPORT_KEY = DEMO_API_KEYS.find((key) => key.scopes.includes('reports:submit'))?.key ?? '';
/** The simulator's key: ingest scopes only, so it may not file reports. */
export const INGEST_ONLY_KEY = DEMO_API_KEYS.find((key) => !key.scopes.includes('reports:submit'))?.key ?? '';

/** Lists in the standard's XML, so one item still parses as a list. */
const XML_LISTS = new Set(['service', 'request', 'error', 'note', 'attribute', 'value']);
export const xmlParser = new XMLParser({ isArray: (name) => XML_LISTS.has(name), parseTagValue: false });

/** A small real JPEG, made by an encoder rather than written by hand. */
export const smallJpeg = (colour = '#c0392b'): Promise<Buffer> =>
  sharp({ create: { width: 32, height: 24, channels: 3, background: colour } }).jpeg().toBuffer();

export const formBody = (params: Record<string, string>): string => new URLSearchParams(params).toString();

export async function countReports(api: TestApp, where = 'true', parameters: unknown[] = []): Promise<number> {
  const rows = await api.app.get(DataSource).query<{ count: string }[]>(`SELECT count(*)::text AS count FROM citizen_reports WHERE ${where}`, parameters);
  return Number(rows[0]?.count ?? 0);
}
