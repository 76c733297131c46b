import { Injectable } from '@nestjs/common';
import { ZipFile } from 'yazl';
import { isoDay, isoWallClock, type BriefingContent, type BriefingSection, type CellValue, type ColumnKind } from '../briefing-content';

/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
const BOM = '\uFEFF';

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Numbers with a dot and no grouping, dates as ISO: what any tool parses back, whatever its locale. */
function csvCell(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '';
  if (value instanceof Date) return kind === 'date' ? isoDay(value) : isoWallClock(value);
  return field(String(value));
}

export function sectionCsv(section: BriefingSection): string {
  const lines = [section.columns.map((column) => field(column.label)).join(',')];
  for (const row of section.rows) lines.push(section.columns.map((column) => csvCell(row[column.key] ?? null, column.kind)).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** `01-kpi-summary.csv` …: numbered in the briefing's order, ASCII names every unzip tool keeps intact. */
export const csvFileName = (section: BriefingSection, index: number): string => `${String(index + 1).padStart(2, '0')}-${section.id}.csv`;

/** One UTF-8 CSV (with BOM) per section, zipped, plus a README with the week and the sources. */
@Injectable()
export class BriefingCsvRenderer {
  render(content: BriefingContent): Promise<Buffer> {
    const zip = new ZipFile();
    const mtime = content.generatedAt;
    const readme = [content.title, content.subtitle, ...(content.provisional ? ['PROVISIONAL / TẠM THỜI'] : []), '', ...content.sources].join('\r\n');
    zip.addBuffer(Buffer.from(`${BOM}${readme}\r\n`, 'utf8'), 'README.txt', { mtime });
    content.sections.forEach((section, index) => zip.addBuffer(Buffer.from(sectionCsv(section), 'utf8'), csvFileName(section, index), { mtime }));
    zip.end();
    const chunks: Buffer[] = [];
    return new Promise<Buffer>((resolve, reject) => {
      zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
      zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
      zip.outputStream.on('error', reject);
    });
  }
}
