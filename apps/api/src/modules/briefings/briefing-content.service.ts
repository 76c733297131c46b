import { Inject, Injectable } from '@nestjs/common';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_PRIORITY_LABELS,
  KPI_DEFINITIONS,
  PLAN_TARGETS_2030,
  REPORT_CATEGORY_DEFINITIONS,
  VN_AQI_BANDS,
  VN_AQI_LEVELS,
  VN_AQI_SOURCE,
  ZONE_LABELS,
  isoWeekOf,
  localDateOf,
  vnAqi,
  zoneSchema,
  type BilingualLabel,
  type BriefingLocale,
  type KpiStatus,
  type KpiValue,
  type ReportCategory,
  type VnAqiLevel,
  type VnAqiPollutant,
} from '@mekong-ioc/shared';
import { KPI_AGGREGATIONS } from '../kpis/kpi-facts.repository';
import { roadOfSegment } from '../simulator/my-tho-registry';
import {
  BRIEFING_CHAPTERS,
  formatDay,
  formatNumber,
  formatWallClock,
  localDay,
  localWallClock,
  type BriefingColumn,
  type BriefingContent,
  type BriefingRow,
  type BriefingSection,
  type ColumnKind,
} from './briefing-content';
import { BriefingDataService, CONGESTED_INDEX, type BriefingRange, type IncidentTally } from './briefing-data.service';
import { BRIEFING_KPI_SOURCE, type BriefingKpiSource } from './briefing-kpi-source';
import { BRIEFING_TEXT, CAMERA_KIND_LABELS, CHAPTER_TITLES, INCIDENT_STATUS_LABELS, WEEKLY_KPI_LABELS, t } from './briefing-strings';
import { kpiChangeSentence, lowerFirst } from './kpi-change-sentence.util';

export interface BriefingContentRequest {
  week: string;
  locale: BriefingLocale;
  range: BriefingRange;
  provisional: boolean;
  generatedAt: Date;
}

const KPI_STATUS_LABELS: Record<KpiStatus, BilingualLabel> = {
  normal: { vi: 'Bình thường', en: 'Normal' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
  no_data: { vi: 'Không có số liệu', en: 'No data' },
};

const ALL: BilingualLabel = { vi: 'Tất cả', en: 'All' };
const LONGEST_OPEN_LIMIT = 15;
const CAMERA_UPTIME_TARGET = 95;
const HOUR_MS = 3_600_000;

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);
const round1 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

/** Column factory: `col('created', 'integer', 12, labels)`. */
const column = (key: string, kind: ColumnKind, width: number, label: BilingualLabel, locale: BriefingLocale): BriefingColumn => ({
  key,
  kind,
  width,
  label: label[locale],
});

/**
 * Assembles a week's briefing: KPI figures from the KPI service (the wall's numbers), the other
 * tables from BriefingDataService, labels in the asked language. Knows nothing of PDF or XLSX.
 */
@Injectable()
export class BriefingContentService {
  constructor(
    private readonly data: BriefingDataService,
    @Inject(BRIEFING_KPI_SOURCE) private readonly kpis: BriefingKpiSource,
  ) {}

  async build(request: BriefingContentRequest, onProgress: (fraction: number) => void = () => undefined): Promise<BriefingContent> {
    const { locale, range } = request;
    const steps: (() => Promise<BriefingSection[]>)[] = [
      () => this.kpiSections(request),
      () => this.incidentSections(request),
      () => this.reportSections(request),
      () => this.environmentSections(request),
      () => this.trafficSections(request),
      () => this.cameraSections(request),
      () => this.dossierSections(request),
      async () => this.planSections(request),
    ];
    const sections: BriefingSection[] = [];
    for (const [index, step] of steps.entries()) {
      sections.push(...(await step()));
      onProgress((index + 1) / steps.length);
    }
    const { year, number } = isoWeekOf(range.from);
    const lastDay = new Date(range.to.getTime() - 1);
    return {
      week: request.week,
      locale,
      from: range.from,
      to: range.to,
      provisional: request.provisional,
      generatedAt: request.generatedAt,
      title: `${t(BRIEFING_TEXT.title, locale)} ${request.week}`,
      subtitle: t(BRIEFING_TEXT.weekRange, locale, {
        number: String(number).padStart(2, '0'),
        year,
        from: formatDay(localDay(range.from)),
        to: formatDay(localDay(lastDay)),
      }),
      city: t(BRIEFING_TEXT.city, locale),
      chapters: BRIEFING_CHAPTERS.map((id) => ({ id, title: CHAPTER_TITLES[id][locale] })),
      sections,
      sources: this.sources(request),
    };
  }

  // -------------------------------------------------------------------------------------------
  // 1. KPIs

  private async kpiSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    // The KPI service's own week comparison: the same range seven days earlier.
    const values = await this.kpis.compute({ from: range.from, to: range.asOf, drilldown: 'zone', compareWithPreviousWeek: true });
    const byId = new Map<string, KpiValue>(values.map((value) => [value.id, value]));
    const rows: BriefingRow[] = [];
    const sentences: string[] = [];
    for (const definition of KPI_DEFINITIONS) {
      const value = byId.get(definition.id);
      if (!value) continue;
      const label = WEEKLY_KPI_LABELS[definition.id] ?? definition.label;
      const previous = value.previousWeek ?? null;
      const isRate = value.unit === '%';
      rows.push({
        kpi: label[locale],
        unit: value.unit,
        value: value.value,
        previous,
        change: value.value !== null && previous !== null ? round1(value.value - previous) : null,
        changePercent: !isRate && value.value !== null && previous !== null && previous !== 0 ? round1((100 * (value.value - previous)) / Math.abs(previous)) : null,
        status: KPI_STATUS_LABELS[value.status][locale],
      });
      const sentence = kpiChangeSentence(
        { label, unit: value.unit, additive: KPI_AGGREGATIONS[definition.id].kind === 'sum', value: value.value, previousWeek: previous, breakdown: value.breakdown },
        locale,
      );
      if (sentence) sentences.push(sentence);
    }
    return [
      {
        id: 'kpi-summary',
        chapter: 'kpis',
        title: locale === 'vi' ? 'Chỉ số chính so với tuần trước' : 'Key indicators against the previous week',
        sheetName: locale === 'vi' ? 'Chỉ số' : 'KPIs',
        columns: [
          column('kpi', 'text', 34, { vi: 'Chỉ số', en: 'Indicator' }, locale),
          column('unit', 'text', 8, { vi: 'Đơn vị', en: 'Unit' }, locale),
          column('value', 'decimal', 12, { vi: 'Tuần này', en: 'This week' }, locale),
          column('previous', 'decimal', 12, { vi: 'Tuần trước', en: 'Previous week' }, locale),
          column('change', 'decimal', 11, { vi: 'Chênh lệch', en: 'Change' }, locale),
          column('changePercent', 'decimal', 11, { vi: 'Thay đổi (%)', en: 'Change (%)' }, locale),
          column('status', 'text', 16, { vi: 'Trạng thái', en: 'Status' }, locale),
        ],
        rows,
        sentences,
        notes: [
          locale === 'vi'
            ? 'Số liệu lấy từ cùng dịch vụ KPI với màn hình tường, cho khoảng thời gian của tuần; chênh lệch của tỷ lệ (%) tính theo điểm phần trăm.'
            : 'Figures come from the same KPI service as the wall, over the week; the change of a rate (%) is in percentage points.',
        ],
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // 2. Incidents

  private async incidentSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    const [byCategory, byZone, byAgency, byPriority, agencies, longest] = [
      await this.data.incidentTallies(range, 'category'),
      await this.data.incidentTallies(range, 'zone'),
      await this.data.incidentTallies(range, 'agency_id'),
      await this.data.incidentTallies(range, 'priority'),
      await this.data.agencyNames(),
      await this.data.longestOpen(range, LONGEST_OPEN_LIMIT),
    ];
    const tallyColumns = (first: BriefingColumn): BriefingColumn[] => [
      first,
      column('created', 'integer', 10, { vi: 'Phát sinh', en: 'Opened' }, locale),
      column('resolved', 'integer', 10, { vi: 'Đã xử lý', en: 'Resolved' }, locale),
      column('withinSla', 'percent', 12, { vi: 'Đạt SLA (%)', en: 'Within SLA (%)' }, locale),
      column('meanResolveHours', 'decimal', 14, { vi: 'Xử lý TB (giờ)', en: 'Mean to resolve (h)' }, locale),
    ];
    const tallyRow = (label: string, tally: IncidentTally): BriefingRow => ({
      label,
      created: tally.created,
      resolved: tally.resolved,
      withinSla: share(tally.withinSla, tally.due),
      meanResolveHours: tally.meanResolveMinutes === null ? null : round1(tally.meanResolveMinutes / 60),
    });
    const categoryLabel = (key: string | null) => (key && key in REPORT_CATEGORY_DEFINITIONS ? REPORT_CATEGORY_DEFINITIONS[key as ReportCategory][locale] : (key ?? ''));
    const zoneLabel = (key: string | null) => {
      const zone = zoneSchema.safeParse(key);
      return zone.success ? ZONE_LABELS[zone.data][locale] : (key ?? '');
    };
    const agencyLabel = (key: string | null) => (key ? (agencies.get(key)?.[locale] ?? key) : t(BRIEFING_TEXT.unassigned, locale));
    const total = byCategory.reduce((sum, tally) => sum + tally.created, 0);
    const dueAll = byPriority.reduce((sum, tally) => sum + tally.due, 0);
    const withinAll = byPriority.reduce((sum, tally) => sum + tally.withinSla, 0);
    const topZone = byZone[0];
    const overview: string[] = [];
    if (total > 0) {
      overview.push(
        locale === 'vi'
          ? `Trong tuần phát sinh ${formatNumber(total, locale)} sự cố; ${share(withinAll, dueAll) === null ? 'chưa có sự cố đến hạn xử lý' : `${formatNumber(share(withinAll, dueAll) ?? 0, locale, 1)}% sự cố đến hạn được xử lý trong SLA`}.`
          : `${formatNumber(total, locale)} incidents were opened in the week; ${share(withinAll, dueAll) === null ? 'none has reached its deadline yet' : `${formatNumber(share(withinAll, dueAll) ?? 0, locale, 1)}% of those due were resolved within SLA`}.`,
      );
      if (topZone) {
        overview.push(
          locale === 'vi'
            ? `Nhiều sự cố nhất ở ${lowerFirst(zoneLabel(topZone.key))} (${formatNumber(topZone.created, locale)}).`
            : `Most incidents were in ${zoneLabel(topZone.key)} (${formatNumber(topZone.created, locale)}).`,
        );
      }
    }
    const slaNote =
      locale === 'vi'
        ? 'Sự cố phát sinh trong tuần, không tính sự cố trùng và không hợp lệ. Đạt SLA: đã xử lý trước hạn, trên số sự cố đã xử lý hoặc đã quá hạn.'
        : 'Incidents opened in the week, not counting duplicates and rejected ones. Within SLA: resolved by the deadline, of those resolved or past their deadline.';
    const bar = (title: BilingualLabel, rows: { label: string; value: number }[], color: string) => ({
      kind: 'bar' as const,
      title: title[locale],
      categories: rows.map((row) => row.label),
      values: rows.map((row) => row.value),
      colors: [color],
      unit: '',
    });

    const priorityRows: BriefingRow[] = [...INCIDENT_PRIORITIES.map((priority) => {
      const tally = byPriority.find((row) => row.key === priority);
      return { priority, ...this.slaCells(tally) } as BriefingRow;
    }), { priority: ALL[locale], ...this.slaCells(this.sumTallies(byPriority)) }];

    return [
      {
        id: 'incidents-by-category',
        chapter: 'incidents',
        title: locale === 'vi' ? 'Sự cố theo lĩnh vực' : 'Incidents by category',
        sheetName: locale === 'vi' ? 'Sự cố theo lĩnh vực' : 'Incidents by category',
        columns: tallyColumns(column('label', 'text', 30, { vi: 'Lĩnh vực', en: 'Category' }, locale)),
        rows: byCategory.map((tally) => tallyRow(categoryLabel(tally.key), tally)),
        sentences: overview,
        notes: [slaNote],
        chart: bar({ vi: 'Số sự cố theo lĩnh vực', en: 'Incidents by category' }, byCategory.map((tally) => ({ label: categoryLabel(tally.key), value: tally.created })), '#1f6fb2'),
      },
      {
        id: 'incidents-by-zone',
        chapter: 'incidents',
        title: locale === 'vi' ? 'Sự cố theo khu đô thị' : 'Incidents by urban zone',
        sheetName: locale === 'vi' ? 'Sự cố theo khu' : 'Incidents by zone',
        columns: tallyColumns(column('label', 'text', 30, { vi: 'Khu đô thị', en: 'Zone' }, locale)),
        rows: byZone.map((tally) => tallyRow(zoneLabel(tally.key), tally)),
        sentences: [],
        notes: [],
        chart: bar({ vi: 'Số sự cố theo khu đô thị', en: 'Incidents by zone' }, byZone.map((tally) => ({ label: zoneLabel(tally.key), value: tally.created })), '#2a9d8f'),
      },
      {
        id: 'incidents-by-agency',
        chapter: 'incidents',
        title: locale === 'vi' ? 'Sự cố theo cơ quan xử lý' : 'Incidents by agency',
        sheetName: locale === 'vi' ? 'Sự cố theo cơ quan' : 'Incidents by agency',
        columns: tallyColumns(column('label', 'text', 34, { vi: 'Cơ quan', en: 'Agency' }, locale)),
        rows: byAgency.map((tally) => tallyRow(agencyLabel(tally.key), tally)),
        sentences: [],
        notes: [],
      },
      {
        id: 'incidents-sla',
        chapter: 'incidents',
        title: locale === 'vi' ? 'Tuân thủ SLA theo mức ưu tiên' : 'SLA compliance by priority',
        sheetName: locale === 'vi' ? 'Tuân thủ SLA' : 'SLA compliance',
        columns: [
          column('priority', 'text', 10, { vi: 'Mức', en: 'Priority' }, locale),
          column('created', 'integer', 10, { vi: 'Phát sinh', en: 'Opened' }, locale),
          column('dispatchDue', 'integer', 12, { vi: 'Đến hạn điều phối', en: 'Dispatch due' }, locale),
          column('dispatchWithin', 'percent', 14, { vi: 'Điều phối đúng hạn (%)', en: 'Dispatched in time (%)' }, locale),
          column('due', 'integer', 12, { vi: 'Đến hạn xử lý', en: 'Resolve due' }, locale),
          column('withinSla', 'integer', 12, { vi: 'Xử lý đúng hạn', en: 'Resolved in time' }, locale),
          column('withinSlaShare', 'percent', 12, { vi: 'Đạt SLA (%)', en: 'Within SLA (%)' }, locale),
        ],
        rows: priorityRows,
        sentences: [],
        notes: [
          locale === 'vi'
            ? `Mức ưu tiên: ${INCIDENT_PRIORITIES.map((p) => `${p} ${INCIDENT_PRIORITY_LABELS[p].vi.toLocaleLowerCase('vi')}`).join(', ')}.`
            : `Priorities: ${INCIDENT_PRIORITIES.map((p) => `${p} ${INCIDENT_PRIORITY_LABELS[p].en.toLowerCase()}`).join(', ')}.`,
        ],
      },
      {
        id: 'incidents-longest-open',
        chapter: 'incidents',
        title: locale === 'vi' ? 'Sự cố tồn đọng lâu nhất' : 'Longest-open incidents',
        sheetName: locale === 'vi' ? 'Tồn đọng lâu nhất' : 'Longest open',
        columns: [
          column('reference', 'text', 12, { vi: 'Mã', en: 'Reference' }, locale),
          column('category', 'text', 22, { vi: 'Lĩnh vực', en: 'Category' }, locale),
          column('zone', 'text', 22, { vi: 'Khu đô thị', en: 'Zone' }, locale),
          column('priority', 'text', 7, { vi: 'Mức', en: 'Priority' }, locale),
          column('status', 'text', 13, { vi: 'Trạng thái', en: 'Status' }, locale),
          column('agency', 'text', 24, { vi: 'Cơ quan', en: 'Agency' }, locale),
          column('createdAt', 'datetime', 17, { vi: 'Tiếp nhận lúc', en: 'Opened at' }, locale),
          column('openHours', 'decimal', 10, { vi: 'Tồn (giờ)', en: 'Open (h)' }, locale),
        ],
        rows: longest.map((incident) => ({
          reference: incident.reference,
          category: categoryLabel(incident.category),
          zone: zoneLabel(incident.zone),
          priority: incident.priority,
          status: INCIDENT_STATUS_LABELS[incident.status]?.[locale] ?? incident.status,
          agency: (locale === 'vi' ? incident.agencyVi : incident.agencyEn) ?? t(BRIEFING_TEXT.unassigned, locale),
          createdAt: localWallClock(incident.createdAt),
          openHours: round1(incident.openHours),
        })),
        sentences: [],
        notes: [
          locale === 'vi'
            ? `Sự cố còn mở tại thời điểm ${formatWallClock(localWallClock(range.asOf))}, tối đa ${LONGEST_OPEN_LIMIT} sự cố; giờ Việt Nam.`
            : `Incidents still open at ${formatWallClock(localWallClock(range.asOf))}, at most ${LONGEST_OPEN_LIMIT}; Vietnam time.`,
        ],
      },
    ];
  }

  private sumTallies(tallies: readonly IncidentTally[]): IncidentTally {
    return tallies.reduce<IncidentTally>(
      (sum, tally) => ({
        key: null,
        created: sum.created + tally.created,
        resolved: sum.resolved + tally.resolved,
        due: sum.due + tally.due,
        withinSla: sum.withinSla + tally.withinSla,
        dispatchDue: sum.dispatchDue + tally.dispatchDue,
        dispatchedWithinSla: sum.dispatchedWithinSla + tally.dispatchedWithinSla,
        meanResolveMinutes: null,
      }),
      { key: null, created: 0, resolved: 0, due: 0, withinSla: 0, dispatchDue: 0, dispatchedWithinSla: 0, meanResolveMinutes: null },
    );
  }

  private slaCells(tally: IncidentTally | undefined): BriefingRow {
    return {
      created: tally?.created ?? 0,
      dispatchDue: tally?.dispatchDue ?? 0,
      dispatchWithin: tally ? share(tally.dispatchedWithinSla, tally.dispatchDue) : null,
      due: tally?.due ?? 0,
      withinSla: tally?.withinSla ?? 0,
      withinSlaShare: tally ? share(tally.withinSla, tally.due) : null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // 3. Citizen reports

  private async reportSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    const tallies = await this.data.reportTallies(range);
    const received = tallies.reduce((sum, row) => sum + row.received, 0);
    const onTime = tallies.reduce((sum, row) => sum + row.resolvedOnTime, 0);
    const resolved = tallies.reduce((sum, row) => sum + row.resolved, 0);
    const rows: BriefingRow[] = tallies.map((row) => ({
      category: REPORT_CATEGORY_DEFINITIONS[row.category]?.[locale] ?? row.category,
      received: row.received,
      resolved: row.resolved,
      resolvedOnTime: row.resolvedOnTime,
      onTimeShare: share(row.resolvedOnTime, row.received),
    }));
    if (rows.length > 0) rows.push({ category: ALL[locale], received, resolved, resolvedOnTime: onTime, onTimeShare: share(onTime, received) });
    return [
      {
        id: 'citizen-reports',
        chapter: 'reports',
        title: locale === 'vi' ? 'Phản ánh hiện trường của người dân' : 'Citizen reports',
        sheetName: locale === 'vi' ? 'Phản ánh' : 'Citizen reports',
        columns: [
          column('category', 'text', 30, { vi: 'Lĩnh vực', en: 'Category' }, locale),
          column('received', 'integer', 12, { vi: 'Tiếp nhận', en: 'Received' }, locale),
          column('resolved', 'integer', 12, { vi: 'Đã xử lý', en: 'Resolved' }, locale),
          column('resolvedOnTime', 'integer', 14, { vi: 'Xử lý đúng hạn', en: 'Resolved on time' }, locale),
          column('onTimeShare', 'percent', 14, { vi: 'Đúng hạn (%)', en: 'On time (%)' }, locale),
        ],
        rows,
        sentences: [
          locale === 'vi'
            ? `Phản ánh tiếp nhận trong tuần: ${formatNumber(received, locale)}; đã xử lý ${formatNumber(resolved, locale)}, trong đó đúng hạn ${formatNumber(onTime, locale)}.`
            : `Citizen reports received in the week: ${formatNumber(received, locale)}; ${formatNumber(resolved, locale)} resolved, ${formatNumber(onTime, locale)} of them on time.`,
        ],
        notes: [
          locale === 'vi'
            ? 'Mức độ hài lòng của người dân: hệ thống chưa thu thập, nên không có trong báo cáo.'
            : 'Citizen satisfaction: not collected by the system yet, so not reported.',
          locale === 'vi'
            ? 'Đúng hạn: sự cố mà phản ánh dẫn tới được xử lý trước hạn SLA.'
            : 'On time: the incident the report fed was resolved by its SLA deadline.',
        ],
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // 4. Environment

  private async environmentSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    const [hourly, gauges, salinity] = [await this.data.airHourly(range), await this.data.waterLevels(range), await this.data.salinity(range)];

    // Daily VN_AQI per station: PM as the day's mean of hourly means, CO, NO₂, O₃ as the highest hourly mean.
    const perStationDay = new Map<string, { station: string; day: string; values: Map<string, number[]> }>();
    for (const row of hourly) {
      const day = localDateOf(row.hour);
      const key = `${row.deviceId}|${day}`;
      let entry = perStationDay.get(key);
      if (!entry) perStationDay.set(key, (entry = { station: locale === 'vi' ? row.nameVi : row.nameEn, day, values: new Map() }));
      const list = entry.values.get(row.metric) ?? [];
      list.push(row.mean);
      entry.values.set(row.metric, list);
    }
    const mean = (list: number[] | undefined) => (list?.length ? list.reduce((a, b) => a + b, 0) / list.length : null);
    const max = (list: number[] | undefined) => (list?.length ? Math.max(...list) : null);
    const worstPerDay = new Map<string, { aqi: number; level: VnAqiLevel; station: string; stations: number }>();
    const stationDays = new Map<VnAqiLevel, number>();
    for (const entry of perStationDay.values()) {
      const concentrations: Partial<Record<VnAqiPollutant, number | null>> = {
        pm25: mean(entry.values.get('pm25')),
        pm10: mean(entry.values.get('pm10')),
        co: max(entry.values.get('co')),
        no2: max(entry.values.get('no2')),
        o3_1h: max(entry.values.get('o3')),
      };
      const result = vnAqi(concentrations);
      if (!result) continue;
      stationDays.set(result.level, (stationDays.get(result.level) ?? 0) + 1);
      const known = worstPerDay.get(entry.day);
      if (!known || result.aqi > known.aqi) {
        worstPerDay.set(entry.day, { aqi: result.aqi, level: result.level, station: entry.station, stations: (known?.stations ?? 0) + 1 });
      } else {
        known.stations += 1;
      }
    }
    const days: string[] = [];
    for (let at = range.from.getTime(); at < range.asOf.getTime(); at += 24 * HOUR_MS) days.push(localDateOf(new Date(at)));
    const cityDays = new Map<VnAqiLevel, number>();
    for (const day of worstPerDay.values()) cityDays.set(day.level, (cityDays.get(day.level) ?? 0) + 1);
    const levelLabel = (level: VnAqiLevel) => VN_AQI_BANDS[level][locale];
    const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

    const byLevelRows: BriefingRow[] = VN_AQI_LEVELS.map((level) => ({
      level: levelLabel(level),
      range: `${level === 'good' ? 0 : VN_AQI_BANDS[VN_AQI_LEVELS[VN_AQI_LEVELS.indexOf(level) - 1] ?? 'good'].max + 1}–${Number.isFinite(VN_AQI_BANDS[level].max) ? VN_AQI_BANDS[level].max : 500}`,
      cityDays: cityDays.get(level) ?? 0,
      stationDays: stationDays.get(level) ?? 0,
    }));
    const countsSentence = VN_AQI_LEVELS.filter((level) => (cityDays.get(level) ?? 0) > 0)
      .map((level) => `${levelLabel(level)}: ${cityDays.get(level)} ${locale === 'vi' ? 'ngày' : cityDays.get(level) === 1 ? 'day' : 'days'}`)
      .join('; ');

    const gaugeRows: BriefingRow[] = gauges.map((gauge) => {
      const stage = gauge.peak === null ? null : gauge.levels.filter((level) => (gauge.peak ?? 0) >= level).length;
      return {
        station: locale === 'vi' ? gauge.nameVi : gauge.nameEn,
        peak: gauge.peak === null ? null : round1(gauge.peak),
        level1: gauge.levels[0],
        level2: gauge.levels[1],
        level3: gauge.levels[2],
        stage,
        alarms: gauge.alarmsLevel1,
        hoursLevel1: round1(gauge.minutesAtLevel[0] / 60),
        hoursLevel3: round1(gauge.minutesAtLevel[2] / 60),
      };
    });
    const alarmed = gauges.filter((gauge) => gauge.alarmsLevel1 > 0).length;
    const salinityRows: BriefingRow[] = salinity.map((station) => ({
      station: locale === 'vi' ? station.nameVi : station.nameEn,
      peak: station.peak === null ? null : Math.round(station.peak * 100) / 100,
      mean: station.mean === null ? null : Math.round(station.mean * 100) / 100,
      warning: station.warning,
      critical: station.critical,
      hoursAboveWarning: round1(station.minutesAboveWarning / 60),
      hoursAboveCritical: round1(station.minutesAboveCritical / 60),
    }));
    const salty = salinity.filter((station) => station.minutesAboveWarning > 0).length;

    return [
      {
        id: 'aqi-days',
        chapter: 'environment',
        title: locale === 'vi' ? 'Số ngày theo mức chất lượng không khí (VN_AQI)' : 'Days by air-quality category (VN_AQI)',
        sheetName: locale === 'vi' ? 'VN_AQI theo mức' : 'VN_AQI by category',
        columns: [
          column('level', 'text', 16, { vi: 'Mức', en: 'Category' }, locale),
          column('range', 'text', 10, { vi: 'Khoảng VN_AQI', en: 'VN_AQI range' }, locale),
          column('cityDays', 'integer', 14, { vi: 'Số ngày (trạm xấu nhất)', en: 'Days (worst station)' }, locale),
          column('stationDays', 'integer', 14, { vi: 'Số trạm-ngày', en: 'Station-days' }, locale),
        ],
        rows: byLevelRows,
        sentences: countsSentence ? [`${locale === 'vi' ? 'VN_AQI ngày của trạm xấu nhất' : 'Daily VN_AQI of the worst station'}: ${countsSentence}.`] : [],
        notes: [
          locale === 'vi'
            ? `VN_AQI ngày theo ${VN_AQI_SOURCE}: bụi PM2.5, PM10 trung bình ngày; CO, NO₂, O₃ lấy giá trị trung bình giờ cao nhất.`
            : `Daily VN_AQI after ${VN_AQI_SOURCE}: PM2.5 and PM10 as daily means; CO, NO₂ and O₃ as the highest hourly mean.`,
        ],
      },
      {
        id: 'aqi-daily',
        chapter: 'environment',
        title: locale === 'vi' ? 'VN_AQI theo ngày (trạm xấu nhất)' : 'Daily VN_AQI (worst station)',
        sheetName: locale === 'vi' ? 'VN_AQI theo ngày' : 'VN_AQI by day',
        columns: [
          column('day', 'date', 12, { vi: 'Ngày', en: 'Day' }, locale),
          column('aqi', 'integer', 10, { vi: 'VN_AQI', en: 'VN_AQI' }, locale),
          column('level', 'text', 14, { vi: 'Mức', en: 'Category' }, locale),
          column('station', 'text', 40, { vi: 'Trạm', en: 'Station' }, locale),
          column('stations', 'integer', 12, { vi: 'Số trạm có số liệu', en: 'Stations reporting' }, locale),
        ],
        rows: days.map((day) => {
          const worst = worstPerDay.get(day);
          return { day: dayDate(day), aqi: worst?.aqi ?? null, level: worst ? levelLabel(worst.level) : null, station: worst?.station ?? null, stations: worst?.stations ?? 0 };
        }),
        sentences: [],
        notes: [],
        chart: {
          kind: 'bar',
          title: locale === 'vi' ? 'VN_AQI ngày cao nhất' : 'Highest daily VN_AQI',
          categories: days.map((day) => formatDay(dayDate(day)).slice(0, 5)),
          values: days.map((day) => worstPerDay.get(day)?.aqi ?? null),
          colors: days.map((day) => {
            const worst = worstPerDay.get(day);
            return worst ? VN_AQI_BANDS[worst.level].color : '#cccccc';
          }),
          unit: '',
          references: [{ value: 100, label: levelLabel('moderate') }],
        },
      },
      {
        id: 'water-levels',
        chapter: 'environment',
        title: locale === 'vi' ? 'Mực nước và báo động' : 'Water levels and alarms',
        sheetName: locale === 'vi' ? 'Mực nước' : 'Water levels',
        columns: [
          column('station', 'text', 40, { vi: 'Trạm', en: 'Gauge' }, locale),
          column('peak', 'decimal', 10, { vi: 'Cao nhất (cm)', en: 'Peak (cm)' }, locale),
          column('level1', 'integer', 8, { vi: 'BĐ I', en: 'Alarm I' }, locale),
          column('level2', 'integer', 8, { vi: 'BĐ II', en: 'Alarm II' }, locale),
          column('level3', 'integer', 8, { vi: 'BĐ III', en: 'Alarm III' }, locale),
          column('stage', 'integer', 9, { vi: 'Mức đạt', en: 'Stage' }, locale),
          column('alarms', 'integer', 9, { vi: 'Lần báo động', en: 'Alarms' }, locale),
          column('hoursLevel1', 'decimal', 10, { vi: 'Giờ ≥ BĐ I', en: 'Hours ≥ I' }, locale),
          column('hoursLevel3', 'decimal', 10, { vi: 'Giờ ≥ BĐ III', en: 'Hours ≥ III' }, locale),
        ],
        rows: gaugeRows,
        sentences: [
          locale === 'vi'
            ? `${formatNumber(alarmed, locale)}/${formatNumber(gauges.length, locale)} trạm mực nước vượt báo động I trong tuần.`
            : `${formatNumber(alarmed, locale)} of ${formatNumber(gauges.length, locale)} water-level gauges passed alarm level I in the week.`,
        ],
        notes: [
          locale === 'vi'
            ? 'Mức báo động I, II, III (cm) theo danh mục trạm; một lần báo động là một lần mực nước lên tới mức I từ dưới mức I.'
            : 'Alarm levels I, II and III (cm) from the station registry; an alarm is the level rising to level I from below it.',
        ],
      },
      {
        id: 'salinity',
        chapter: 'environment',
        title: locale === 'vi' ? 'Độ mặn và số giờ vượt ngưỡng' : 'Salinity and hours above limits',
        sheetName: locale === 'vi' ? 'Độ mặn' : 'Salinity',
        columns: [
          column('station', 'text', 40, { vi: 'Trạm', en: 'Station' }, locale),
          column('peak', 'decimal', 10, { vi: 'Cao nhất (‰)', en: 'Peak (‰)' }, locale),
          column('mean', 'decimal', 10, { vi: 'Trung bình (‰)', en: 'Mean (‰)' }, locale),
          column('warning', 'decimal', 10, { vi: 'Ngưỡng cảnh báo', en: 'Warning limit' }, locale),
          column('critical', 'decimal', 10, { vi: 'Ngưỡng nguy hại', en: 'Critical limit' }, locale),
          column('hoursAboveWarning', 'decimal', 12, { vi: 'Giờ vượt cảnh báo', en: 'Hours above warning' }, locale),
          column('hoursAboveCritical', 'decimal', 12, { vi: 'Giờ vượt nguy hại', en: 'Hours above critical' }, locale),
        ],
        rows: salinityRows,
        sentences: [
          locale === 'vi'
            ? `${formatNumber(salty, locale)}/${formatNumber(salinity.length, locale)} trạm đo mặn vượt ngưỡng cảnh báo trong tuần.`
            : `${formatNumber(salty, locale)} of ${formatNumber(salinity.length, locale)} salinity stations went above their warning limit in the week.`,
        ],
        notes: [],
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // 5. Traffic

  private async trafficSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    const segments = await this.data.trafficSegments(range);
    const roads = new Map<string, { label: string; segments: number; congestedHours: number; hours: number; indexSum: number; indexCount: number }>();
    for (const segment of segments) {
      const road = roadOfSegment(segment.groupId);
      // Outside the demo registry, the device name without its ", đoạn 3" / ", segment 3".
      const label = road ? (locale === 'vi' ? road.nameVi : road.nameEn) : (locale === 'vi' ? segment.nameVi : segment.nameEn).replace(/,\s*(đoạn|segment)\s*\d+$/i, '');
      const key = road?.code ?? label;
      const entry = roads.get(key) ?? { label, segments: 0, congestedHours: 0, hours: 0, indexSum: 0, indexCount: 0 };
      entry.segments += 1;
      entry.congestedHours += segment.congestedHours;
      entry.hours += segment.hours;
      if (segment.meanIndex !== null) {
        entry.indexSum += segment.meanIndex;
        entry.indexCount += 1;
      }
      roads.set(key, entry);
    }
    const sorted = [...roads.values()].sort((a, b) => b.congestedHours - a.congestedHours || a.label.localeCompare(b.label));
    const top = sorted[0];
    return [
      {
        id: 'traffic-congestion',
        chapter: 'traffic',
        title: locale === 'vi' ? 'Số giờ ùn tắc trên các tuyến đường chính' : 'Congestion hours on the main roads',
        sheetName: locale === 'vi' ? 'Ùn tắc giao thông' : 'Traffic congestion',
        columns: [
          column('road', 'text', 36, { vi: 'Tuyến đường', en: 'Road' }, locale),
          column('segments', 'integer', 10, { vi: 'Số đoạn', en: 'Segments' }, locale),
          column('congestedHours', 'integer', 14, { vi: 'Giờ ùn tắc (đoạn-giờ)', en: 'Congested segment-hours' }, locale),
          column('congestedShare', 'percent', 14, { vi: 'Tỷ lệ giờ ùn tắc (%)', en: 'Share of hours (%)' }, locale),
          column('meanIndex', 'percent', 14, { vi: 'Chỉ số ùn tắc TB (%)', en: 'Mean congestion (%)' }, locale),
        ],
        rows: sorted.map((road) => ({
          road: road.label,
          segments: road.segments,
          congestedHours: road.congestedHours,
          congestedShare: share(road.congestedHours, road.hours),
          meanIndex: road.indexCount ? round1((100 * road.indexSum) / road.indexCount) : null,
        })),
        sentences:
          top && top.congestedHours > 0
            ? [
                locale === 'vi'
                  ? `Ùn tắc nhiều nhất trên ${top.label}: ${formatNumber(top.congestedHours, locale)} đoạn-giờ.`
                  : `Most congestion on ${top.label}: ${formatNumber(top.congestedHours, locale)} segment-hours.`,
              ]
            : [],
        notes: [
          locale === 'vi'
            ? `Một giờ của một đoạn tính là ùn tắc khi chỉ số ùn tắc (1 − tốc độ trung bình / tốc độ tự do) từ ${CONGESTED_INDEX * 100}% trở lên.`
            : `An hour of a segment counts as congested when its congestion index (1 − mean speed / free-flow speed) is ${CONGESTED_INDEX * 100}% or more.`,
        ],
        chart: {
          kind: 'bar',
          title: locale === 'vi' ? 'Giờ ùn tắc theo tuyến (10 tuyến nhiều nhất)' : 'Congested hours by road (top 10)',
          categories: sorted.slice(0, 10).map((road) => road.label),
          values: sorted.slice(0, 10).map((road) => road.congestedHours),
          colors: ['#e76f51'],
          unit: '',
        },
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // 6. Cameras

  private async cameraSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    const cameras = await this.data.cameraUptime(range);
    const kinds = [...new Set(cameras.map((camera) => camera.kind))].sort();
    const rowOf = (label: string, list: typeof cameras): BriefingRow => ({
      kind: label,
      cameras: list.length,
      uptime: list.length ? round1((100 * list.reduce((sum, camera) => sum + camera.uptime, 0)) / list.length) : null,
      belowTarget: list.filter((camera) => camera.uptime * 100 < CAMERA_UPTIME_TARGET).length,
    });
    const rows = kinds.map((kind) => rowOf(CAMERA_KIND_LABELS[kind]?.[locale] ?? kind, cameras.filter((camera) => camera.kind === kind)));
    const all = rowOf(ALL[locale], cameras);
    if (rows.length > 0) rows.push(all);
    return [
      {
        id: 'camera-uptime',
        chapter: 'cameras',
        title: locale === 'vi' ? 'Thời gian hoạt động của camera' : 'Camera uptime',
        sheetName: locale === 'vi' ? 'Camera' : 'Cameras',
        columns: [
          column('kind', 'text', 28, { vi: 'Loại camera', en: 'Kind' }, locale),
          column('cameras', 'integer', 10, { vi: 'Số camera', en: 'Cameras' }, locale),
          column('uptime', 'percent', 16, { vi: 'Hoạt động TB (%)', en: 'Mean uptime (%)' }, locale),
          column('belowTarget', 'integer', 16, { vi: `Dưới ${CAMERA_UPTIME_TARGET}%`, en: `Below ${CAMERA_UPTIME_TARGET}%` }, locale),
        ],
        rows,
        sentences:
          all.uptime === null
            ? []
            : [
                locale === 'vi'
                  ? `Camera hoạt động trung bình ${formatNumber(Number(all.uptime), locale, 1)}% thời gian; ${formatNumber(Number(all.belowTarget), locale)} camera dưới ${CAMERA_UPTIME_TARGET}%.`
                  : `Cameras were up ${formatNumber(Number(all.uptime), locale, 1)}% of the time on average; ${formatNumber(Number(all.belowTarget), locale)} below ${CAMERA_UPTIME_TARGET}%.`,
              ],
        notes: [
          locale === 'vi'
            ? 'Thời gian hoạt động: tỷ lệ thời gian trong tuần camera báo trực tuyến qua tín hiệu nhịp (heartbeat); camera không gửi tín hiệu tính là ngừng hoạt động.'
            : 'Uptime: the share of the week a camera reported itself online by heartbeat; a camera that sent nothing counts as down.',
        ],
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // 7. Public-service dossiers

  private async dossierSections({ locale, range }: BriefingContentRequest): Promise<BriefingSection[]> {
    const units = await this.data.dossiers(range);
    const rowOf = (label: string, received: number, onTime: number, late: number, overdue: number): BriefingRow => ({
      unit: label,
      received,
      resolvedOnTime: onTime,
      resolvedLate: late,
      overdue,
      onTimeShare: share(onTime, onTime + late),
    });
    const rows = units.map((unit) => rowOf(locale === 'vi' ? unit.nameVi : unit.nameEn, unit.received, unit.resolvedOnTime, unit.resolvedLate, unit.overdue));
    const sum = (pick: (unit: (typeof units)[number]) => number) => units.reduce((total, unit) => total + pick(unit), 0);
    const total = rowOf(ALL[locale], sum((u) => u.received), sum((u) => u.resolvedOnTime), sum((u) => u.resolvedLate), sum((u) => u.overdue));
    if (rows.length > 0) rows.push(total);
    return [
      {
        id: 'dossiers',
        chapter: 'public_services',
        title: locale === 'vi' ? 'Hồ sơ thủ tục hành chính' : 'Public-service dossiers',
        sheetName: locale === 'vi' ? 'Hồ sơ TTHC' : 'Dossiers',
        columns: [
          column('unit', 'text', 44, { vi: 'Bộ phận một cửa', en: 'One-stop office' }, locale),
          column('received', 'integer', 10, { vi: 'Tiếp nhận', en: 'Received' }, locale),
          column('resolvedOnTime', 'integer', 12, { vi: 'Giải quyết đúng hạn', en: 'Resolved on time' }, locale),
          column('resolvedLate', 'integer', 12, { vi: 'Giải quyết trễ hạn', en: 'Resolved late' }, locale),
          column('overdue', 'integer', 10, { vi: 'Quá hạn', en: 'Overdue' }, locale),
          column('onTimeShare', 'percent', 12, { vi: 'Đúng hạn (%)', en: 'On time (%)' }, locale),
        ],
        rows,
        sentences:
          total.onTimeShare === null
            ? []
            : [
                locale === 'vi'
                  ? `Tiếp nhận ${formatNumber(Number(total.received), locale)} hồ sơ; ${formatNumber(Number(total.onTimeShare), locale, 1)}% hồ sơ đã giải quyết là đúng hạn.`
                  : `${formatNumber(Number(total.received), locale)} dossiers received; ${formatNumber(Number(total.onTimeShare), locale, 1)}% of those resolved were on time.`,
              ],
        notes: [],
        pdfRowLimit: 25,
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // 8. Plan targets

  private planSections({ locale }: BriefingContentRequest): BriefingSection[] {
    const noData = t(BRIEFING_TEXT.noData, locale);
    return [
      {
        id: 'plan-2030',
        chapter: 'plan',
        title: locale === 'vi' ? 'Mục tiêu kế hoạch 2025–2030 và thực hiện' : '2025–2030 plan targets and actuals',
        sheetName: locale === 'vi' ? 'Mục tiêu 2030' : '2030 targets',
        columns: [
          column('target', 'text', 34, { vi: 'Chỉ tiêu', en: 'Target' }, locale),
          column('min', 'decimal', 12, { vi: 'Mục tiêu (từ)', en: 'Target (from)' }, locale),
          column('max', 'decimal', 12, { vi: 'Mục tiêu (đến)', en: 'Target (to)' }, locale),
          column('unit', 'text', 14, { vi: 'Đơn vị', en: 'Unit' }, locale),
          column('year', 'integer', 8, { vi: 'Năm', en: 'Year' }, locale),
          column('actual', 'text', 18, { vi: 'Thực hiện', en: 'Actual' }, locale),
        ],
        rows: PLAN_TARGETS_2030.map((target) => ({
          target: target.label[locale],
          min: typeof target.target === 'number' ? target.target : target.target.min,
          max: typeof target.target === 'number' ? target.target : target.target.max,
          unit: target.unit[locale],
          year: target.year,
          actual: noData,
        })),
        sentences: [],
        notes: [
          locale === 'vi'
            ? 'Các chỉ tiêu kinh tế do cơ quan thống kê công bố, chưa kết nối vào hệ thống: cột "Thực hiện" ghi "chưa có số liệu".'
            : 'These economic figures come from the statistics office and are not connected yet: the Actual column says "no data yet".',
        ],
      },
    ];
  }

  private sources({ locale, range, generatedAt }: BriefingContentRequest): string[] {
    const at = formatWallClock(localWallClock(generatedAt));
    const window = `${formatWallClock(localWallClock(range.from))} – ${formatWallClock(localWallClock(range.asOf))}`;
    return locale === 'vi'
      ? [
          t(BRIEFING_TEXT.generatedAt, locale, { at }),
          `Khoảng số liệu: ${window} (giờ Việt Nam, UTC+7).`,
          'Chỉ số tổng quan: dịch vụ KPI của Trung tâm điều hành (cùng số liệu với màn hình tường).',
          'Sự cố, SLA, phản ánh: bảng sự cố và phản ánh hiện trường (ứng dụng, web, Open311) của hệ thống.',
          'Môi trường, giao thông, camera, hồ sơ TTHC: số liệu thiết bị tổng hợp theo phút; ngưỡng và mức báo động theo danh mục thiết bị.',
          `VN_AQI: ${VN_AQI_SOURCE}.`,
          'Mục tiêu 2030: Kế hoạch phát triển TP. Mỹ Tho giai đoạn 2025–2030; số liệu thực hiện chưa có.',
        ]
      : [
          t(BRIEFING_TEXT.generatedAt, locale, { at }),
          `Data window: ${window} (Vietnam time, UTC+7).`,
          'KPI summary: the operations centre KPI service (the same figures as the wall).',
          'Incidents, SLA, citizen reports: the incident and citizen-report tables (app, web, Open311).',
          'Environment, traffic, cameras, dossiers: device readings rolled up per minute; limits and alarm levels from the device registry.',
          `VN_AQI: ${VN_AQI_SOURCE}.`,
          '2030 targets: My Tho development plan 2025–2030; actuals not available yet.',
        ];
  }
}
