import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { formatCell, formatNumber, formatWallClock, localWallClock, type BriefingChart, type BriefingContent, type BriefingSection } from '../briefing-content';
import { BRIEFING_TEXT, t } from '../briefing-strings';

type Doc = PDFKit.PDFDocument;

/** Be Vietnam Pro: designed for Vietnamese, so every stacked diacritic (ặ, ỗ, ữ) has its own glyph. */
export const BRIEFING_FONT_FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
} as const;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, side: 50 };
const CONTENT_WIDTH = A4.width - 2 * MARGIN.side;
const BOTTOM = A4.height - MARGIN.bottom;
const COLORS = { ink: '#1d2433', muted: '#5b6475', accent: '#0b5394', rule: '#c9d1dd', zebra: '#f2f5f9', header: '#dde6f1', warning: '#b45309' };
const TABLE = { fontSize: 8, rowHeight: 15, padding: 3 };
const DEFAULT_PDF_ROWS = 40;

/**
 * The leaders' edition: A4, Vietnamese set in an embedded Be Vietnam Pro, tables and bar charts
 * drawn as vectors, "Trang x/y" on every page, and the generated time and data sources last.
 */
@Injectable()
export class BriefingPdfRenderer {
  private readonly fonts = {
    regular: readFileSync(require.resolve(BRIEFING_FONT_FILES.regular)),
    bold: readFileSync(require.resolve(BRIEFING_FONT_FILES.bold)),
  };

  render(content: BriefingContent): Promise<Buffer> {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: content.title, Author: content.city, Subject: content.subtitle, CreationDate: content.generatedAt },
      lang: content.locale,
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.registerFont('regular', this.fonts.regular);
    doc.registerFont('bold', this.fonts.bold);

    this.cover(doc, content);
    for (const chapter of content.chapters) {
      const sections = content.sections.filter((section) => section.chapter === chapter.id);
      if (sections.length === 0) continue;
      doc.addPage();
      doc.font('bold').fontSize(16).fillColor(COLORS.accent).text(chapter.title, MARGIN.side, MARGIN.top, { width: CONTENT_WIDTH });
      doc.moveDown(0.6);
      for (const section of sections) this.section(doc, section, content);
    }
    this.sourcesPage(doc, content);
    this.pageNumbers(doc, content);
    doc.end();
    return done;
  }

  private cover(doc: Doc, content: BriefingContent): void {
    doc.rect(0, 0, A4.width, 150).fill(COLORS.accent);
    doc.font('regular').fontSize(11).fillColor('#ffffff').text(content.city, MARGIN.side, 60, { width: CONTENT_WIDTH });
    doc.font('bold').fontSize(26).fillColor(COLORS.ink).text(t(BRIEFING_TEXT.title, content.locale), MARGIN.side, 200, { width: CONTENT_WIDTH });
    doc.font('bold').fontSize(40).fillColor(COLORS.accent).text(content.week, { width: CONTENT_WIDTH });
    doc.moveDown(0.3);
    doc.font('regular').fontSize(13).fillColor(COLORS.ink).text(content.subtitle, { width: CONTENT_WIDTH });
    doc.moveDown(1);
    if (content.provisional) {
      const y = doc.y;
      const text = t(BRIEFING_TEXT.provisional, content.locale, { at: formatWallClock(localWallClock(content.generatedAt)) });
      const height = doc.font('bold').fontSize(11).heightOfString(text, { width: CONTENT_WIDTH - 20 }) + 16;
      doc.roundedRect(MARGIN.side, y, CONTENT_WIDTH, height, 4).lineWidth(1.5).strokeColor(COLORS.warning).stroke();
      doc.fillColor(COLORS.warning).text(text, MARGIN.side + 10, y + 8, { width: CONTENT_WIDTH - 20 });
      doc.y = y + height + 12;
    }
    doc.font('regular').fontSize(10).fillColor(COLORS.muted);
    doc.text(t(BRIEFING_TEXT.generatedAt, content.locale, { at: formatWallClock(localWallClock(content.generatedAt)) }), MARGIN.side, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(1.5);
    doc.font('bold').fontSize(12).fillColor(COLORS.ink).text(t(BRIEFING_TEXT.contents, content.locale), { width: CONTENT_WIDTH });
    doc.moveDown(0.3);
    doc.font('regular').fontSize(11);
    for (const chapter of content.chapters) doc.text(chapter.title, { width: CONTENT_WIDTH });
    // The week at a glance: what changed most, straight from the KPI summary.
    const highlights = content.sections.find((section) => section.chapter === 'kpis')?.sentences.slice(0, 5) ?? [];
    if (highlights.length > 0) {
      doc.moveDown(1.2);
      doc.font('bold').fontSize(12).text(content.locale === 'vi' ? 'Điểm chính trong tuần' : 'The week at a glance', { width: CONTENT_WIDTH });
      doc.moveDown(0.3);
      doc.font('regular').fontSize(10.5);
      for (const sentence of highlights) doc.text(`•  ${sentence}`, { width: CONTENT_WIDTH, paragraphGap: 3 });
    }
  }

  private section(doc: Doc, section: BriefingSection, content: BriefingContent): void {
    // A title with fewer than a few rows under it belongs on the next page.
    this.ensureSpace(doc, 90);
    doc.font('bold').fontSize(12).fillColor(COLORS.ink).text(section.title, MARGIN.side, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.3);
    doc.font('regular').fontSize(10).fillColor(COLORS.ink);
    for (const sentence of section.sentences) {
      this.ensureSpace(doc, 30);
      doc.text(`•  ${sentence}`, MARGIN.side, doc.y, { width: CONTENT_WIDTH, paragraphGap: 2 });
    }
    if (section.sentences.length > 0) doc.moveDown(0.4);
    if (section.chart && section.chart.values.some((value) => value !== null && value > 0)) this.barChart(doc, section.chart, content);
    this.table(doc, section, content);
    doc.font('regular').fontSize(8).fillColor(COLORS.muted);
    for (const note of section.notes) {
      this.ensureSpace(doc, 24);
      doc.text(note, MARGIN.side, doc.y, { width: CONTENT_WIDTH, paragraphGap: 2 });
    }
    doc.fillColor(COLORS.ink);
    doc.moveDown(1.2);
  }

  private table(doc: Doc, section: BriefingSection, content: BriefingContent): void {
    const { locale } = content;
    if (section.rows.length === 0) {
      doc.font('regular').fontSize(9).fillColor(COLORS.muted).text(t(BRIEFING_TEXT.noRows, locale), MARGIN.side, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.4);
      return;
    }
    const totalWidth = section.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = section.columns.map((column) => (column.width / totalWidth) * CONTENT_WIDTH);
    const limit = section.pdfRowLimit ?? DEFAULT_PDF_ROWS;
    const rows = section.rows.slice(0, limit);
    doc.font('bold').fontSize(TABLE.fontSize);
    const headerHeight = Math.max(
      TABLE.rowHeight,
      ...section.columns.map((column, i) => doc.heightOfString(column.label, { width: (widths[i] ?? 0) - 2 * TABLE.padding }) + 2 * TABLE.padding),
    );
    const header = () => {
      const y = doc.y;
      doc.rect(MARGIN.side, y, CONTENT_WIDTH, headerHeight).fill(COLORS.header);
      doc.font('bold').fontSize(TABLE.fontSize).fillColor(COLORS.ink);
      let x = MARGIN.side;
      section.columns.forEach((column, i) => {
        const width = widths[i] ?? 0;
        doc.text(column.label, x + TABLE.padding, y + TABLE.padding, { width: width - 2 * TABLE.padding, align: column.kind === 'text' ? 'left' : 'right' });
        x += width;
      });
      doc.y = y + headerHeight;
    };
    this.ensureSpace(doc, headerHeight + 2 * TABLE.rowHeight);
    header();
    rows.forEach((row, index) => {
      if (doc.y + TABLE.rowHeight > BOTTOM) {
        doc.addPage();
        doc.y = MARGIN.top;
        header();
      }
      const y = doc.y;
      if (index % 2 === 1) doc.rect(MARGIN.side, y, CONTENT_WIDTH, TABLE.rowHeight).fill(COLORS.zebra);
      doc.font('regular').fontSize(TABLE.fontSize).fillColor(COLORS.ink);
      let x = MARGIN.side;
      section.columns.forEach((column, i) => {
        const width = widths[i] ?? 0;
        doc.text(formatCell(row[column.key] ?? null, column.kind, locale), x + TABLE.padding, y + 4, {
          width: width - 2 * TABLE.padding,
          height: TABLE.rowHeight - 4,
          align: column.kind === 'text' ? 'left' : 'right',
          lineBreak: false,
          ellipsis: true,
        });
        x += width;
      });
      doc.y = y + TABLE.rowHeight;
    });
    doc.moveTo(MARGIN.side, doc.y).lineTo(MARGIN.side + CONTENT_WIDTH, doc.y).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.x = MARGIN.side;
    doc.moveDown(0.4);
    if (section.rows.length > rows.length) {
      doc.font('regular').fontSize(8).fillColor(COLORS.muted).text(t(BRIEFING_TEXT.moreRows, locale, { count: section.rows.length - rows.length }), MARGIN.side, doc.y, { width: CONTENT_WIDTH });
    }
  }

  /**
   * Bars as vector rectangles: horizontal with the labels on the left when labels are long
   * (categories, roads), vertical columns for short ones (days); axes and reference lines as strokes.
   */
  private barChart(doc: Doc, chart: BriefingChart, content: BriefingContent): void {
    const horizontal = chart.categories.some((label) => label.length > 8);
    const values = chart.values.map((value) => value ?? 0);
    const maxValue = Math.max(1, ...values, ...(chart.references ?? []).map((reference) => reference.value));
    const colorOf = (i: number) => chart.colors?.[chart.colors.length === 1 ? 0 : i] ?? COLORS.accent;
    const height = horizontal ? 24 + chart.categories.length * 14 : 150;
    this.ensureSpace(doc, height + 20);
    const top = doc.y;
    doc.font('bold').fontSize(9).fillColor(COLORS.ink).text(chart.title, MARGIN.side, top, { width: CONTENT_WIDTH });
    const plotTop = top + 16;
    doc.font('regular').fontSize(7.5);
    if (horizontal) {
      const labelWidth = 150;
      const plotLeft = MARGIN.side + labelWidth + 6;
      const plotWidth = CONTENT_WIDTH - labelWidth - 46;
      chart.categories.forEach((label, i) => {
        const y = plotTop + i * 14;
        const width = (values[i] ?? 0) / maxValue * plotWidth;
        doc.fillColor(COLORS.ink).text(label, MARGIN.side, y + 2, { width: labelWidth, align: 'right', lineBreak: false, ellipsis: true, height: 10 });
        doc.rect(plotLeft, y + 1, Math.max(width, 0.5), 10).fill(colorOf(i));
        doc.fillColor(COLORS.muted).text(formatNumber(values[i] ?? 0, content.locale), plotLeft + width + 4, y + 2, { width: 40, lineBreak: false });
      });
      const axisBottom = plotTop + chart.categories.length * 14;
      doc.moveTo(plotLeft, plotTop - 2).lineTo(plotLeft, axisBottom).lineWidth(0.7).strokeColor(COLORS.muted).stroke();
      doc.y = axisBottom + 8;
    } else {
      const plotLeft = MARGIN.side + 30;
      const plotHeight = height - 40;
      const plotWidth = CONTENT_WIDTH - 40;
      const slot = plotWidth / Math.max(1, chart.categories.length);
      const baseline = plotTop + plotHeight;
      // Axis with three gridlines.
      for (const fraction of [0, 0.5, 1]) {
        const y = baseline - fraction * plotHeight;
        doc.moveTo(plotLeft, y).lineTo(plotLeft + plotWidth, y).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
        doc.fillColor(COLORS.muted).text(formatNumber(fraction * maxValue, content.locale), MARGIN.side - 4, y - 4, { width: 30, align: 'right', lineBreak: false });
      }
      chart.categories.forEach((label, i) => {
        const value = chart.values[i] ?? null;
        const x = plotLeft + i * slot + slot * 0.2;
        const barHeight = ((value ?? 0) / maxValue) * plotHeight;
        if (value !== null) {
          doc.rect(x, baseline - barHeight, slot * 0.6, barHeight).fill(colorOf(i));
          doc.fillColor(COLORS.ink).text(formatNumber(value, content.locale), x - 5, baseline - barHeight - 10, { width: slot * 0.6 + 10, align: 'center', lineBreak: false });
        }
        doc.fillColor(COLORS.muted).text(label, plotLeft + i * slot, baseline + 3, { width: slot, align: 'center', lineBreak: false });
      });
      for (const reference of chart.references ?? []) {
        const y = baseline - (reference.value / maxValue) * plotHeight;
        doc.moveTo(plotLeft, y).lineTo(plotLeft + plotWidth, y).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(COLORS.warning).stroke().undash();
        doc.fillColor(COLORS.warning).text(reference.label, plotLeft + 2, y - 10, { width: 80, lineBreak: false });
      }
      doc.moveTo(plotLeft, baseline).lineTo(plotLeft + plotWidth, baseline).lineWidth(0.7).strokeColor(COLORS.muted).stroke();
      doc.y = baseline + 16;
    }
    doc.x = MARGIN.side;
    doc.fillColor(COLORS.ink);
  }

  private sourcesPage(doc: Doc, content: BriefingContent): void {
    doc.addPage();
    doc.font('bold').fontSize(16).fillColor(COLORS.accent).text(t(BRIEFING_TEXT.sourcesTitle, content.locale), MARGIN.side, MARGIN.top, { width: CONTENT_WIDTH });
    doc.moveDown(0.6);
    doc.font('regular').fontSize(10).fillColor(COLORS.ink);
    for (const source of content.sources) doc.text(`•  ${source}`, { width: CONTENT_WIDTH, paragraphGap: 4 });
    if (content.provisional) {
      doc.moveDown(0.8);
      doc.font('bold').fillColor(COLORS.warning).text(t(BRIEFING_TEXT.provisional, content.locale, { at: formatWallClock(localWallClock(content.generatedAt)) }), { width: CONTENT_WIDTH });
    }
  }

  /** "Trang x/y" in every page's bottom margin, written once the page count is known. */
  private pageNumbers(doc: Doc, content: BriefingContent): void {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Text inside the bottom margin would otherwise make pdfkit start a new page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('regular').fontSize(8).fillColor(COLORS.muted);
      doc.text(`${content.title}`, MARGIN.side, A4.height - 40, { width: CONTENT_WIDTH / 2, lineBreak: false });
      doc.text(t(BRIEFING_TEXT.page, content.locale, { page: i + 1, pages: range.count }), MARGIN.side + CONTENT_WIDTH / 2, A4.height - 40, {
        width: CONTENT_WIDTH / 2,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottomMargin;
    }
  }

  private ensureSpace(doc: Doc, needed: number): void {
    if (doc.y + needed > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN.top;
    }
    doc.x = MARGIN.side;
  }
}
