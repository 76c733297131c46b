import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { BriefingContent, ColumnKind } from '../briefing-content';

/** Excel number formats per column kind; dates and times are real date cells, not text. */
const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  decimal: '#,##0.0',
  percent: '0.0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};

/** Excel forbids these in sheet names, and allows at most 31 characters. */
const sheetNameOf = (name: string, taken: Set<string>): string => {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 28)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
};

/**
 * The analysts' edition: one sheet per section, a frozen bold header row, column widths set, and
 * numbers and dates as typed cells; an "About" sheet first with the week, status and sources.
 */
@Injectable()
export class BriefingXlsxRenderer {
  async render(content: BriefingContent): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = content.city;
    workbook.title = content.title;
    workbook.created = content.generatedAt;
    workbook.modified = content.generatedAt;
    const taken = new Set<string>();

    const about = workbook.addWorksheet(sheetNameOf(content.locale === 'vi' ? 'Thông tin' : 'About', taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    about.columns = [
      { header: content.locale === 'vi' ? 'Mục' : 'Item', key: 'item', width: 28 },
      { header: content.locale === 'vi' ? 'Giá trị' : 'Value', key: 'value', width: 90 },
    ];
    about.getRow(1).font = { bold: true };
    const rows: [string, string | Date | boolean][] = [
      [content.locale === 'vi' ? 'Báo cáo' : 'Briefing', content.title],
      [content.locale === 'vi' ? 'Tuần' : 'Week', content.subtitle],
      [content.locale === 'vi' ? 'Tạm thời' : 'Provisional', content.provisional],
      ...content.sources.map((source, i): [string, string] => [i === 0 ? (content.locale === 'vi' ? 'Nguồn số liệu' : 'Data sources') : '', source]),
    ];
    for (const [item, value] of rows) about.addRow({ item, value });

    for (const section of content.sections) {
      const sheet = workbook.addWorksheet(sheetNameOf(section.sheetName, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = section.columns.map((column) => ({
        header: column.label,
        key: column.key,
        width: column.width,
        style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
      }));
      const header = sheet.getRow(1);
      header.font = { bold: true };
      header.alignment = { vertical: 'middle', wrapText: true };
      for (const row of section.rows) sheet.addRow(row);
      if (section.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: section.columns.length } };
    }
    const buffer = await workbook.xlsx.writeBuffer();
    return Buffer.from(buffer as ArrayBuffer);
  }
}
