import { ZONE_LABELS, zoneSchema, type BilingualLabel, type BriefingLocale, type KpiBreakdownEntry } from '@mekong-ioc/shared';
import { formatNumber } from './briefing-content';

export interface KpiWeekChange {
  label: BilingualLabel;
  unit: string;
  /** A sum over zones (a count): only then is there a zone it "mostly" comes from. */
  additive: boolean;
  value: number | null;
  previousWeek: number | null;
  breakdown?: readonly KpiBreakdownEntry[];
}

/** A change this large is worth a sentence: 10 % for counts and durations, 2 points for rates. */
export const NOTABLE_RELATIVE_CHANGE = 0.1;
export const NOTABLE_POINT_CHANGE = 2;

/** The zone with the largest share of a count, as "chủ yếu ở …" names it. */
function largestZone(breakdown: readonly KpiBreakdownEntry[] | undefined): BilingualLabel | null {
  let best: { key: string; value: number } | null = null;
  for (const entry of breakdown ?? []) {
    if (entry.dimension !== 'zone' || entry.value === null || entry.value <= 0) continue;
    if (!best || entry.value > best.value) best = { key: entry.key, value: entry.value };
  }
  const zone = zoneSchema.safeParse(best?.key);
  return zone.success ? ZONE_LABELS[zone.data] : null;
}

/** "Khu đô thị phía Tây" mid-sentence: "khu đô thị phía Tây". */
export const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);

/**
 * One sentence for a KPI whose week differs notably from the week before, e.g. "Phản ánh quá hạn
 * tăng 35% so với tuần trước, chủ yếu ở khu đô thị phía Tây"; null when nothing notable changed or
 * a week has no data. Rates (%) change by points, not by a percentage of themselves.
 */
export function kpiChangeSentence(change: KpiWeekChange, locale: BriefingLocale): string | null {
  const { value, previousWeek: previous } = change;
  if (value === null || previous === null) return null;
  const label = change.label[locale];
  const up = value > previous;
  if (change.unit === '%') {
    const points = Math.abs(value - previous);
    if (points < NOTABLE_POINT_CHANGE) return null;
    const [before, after] = [formatNumber(previous, locale, 1), formatNumber(value, locale, 1)];
    return locale === 'vi'
      ? `${label} ${up ? 'tăng' : 'giảm'} ${formatNumber(points, locale, 1)} điểm phần trăm so với tuần trước (từ ${before}% ${up ? 'lên' : 'xuống'} ${after}%).`
      : `${label} ${up ? 'rose' : 'fell'} ${formatNumber(points, locale, 1)} percentage points on the previous week (from ${before}% to ${after}%).`;
  }
  let sentence: string;
  if (previous === 0) {
    if (value === 0) return null;
    const amount = formatNumber(value, locale, Number.isInteger(value) ? 0 : 1);
    sentence = locale === 'vi' ? `${label} tăng từ 0 lên ${amount} so với tuần trước` : `${label} rose from 0 to ${amount} on the previous week`;
  } else {
    const relative = (value - previous) / Math.abs(previous);
    if (Math.abs(relative) < NOTABLE_RELATIVE_CHANGE) return null;
    const percent = formatNumber(Math.round(Math.abs(relative) * 100), locale);
    sentence = locale === 'vi'
      ? `${label} ${up ? 'tăng' : 'giảm'} ${percent}% so với tuần trước`
      : `${label} ${up ? 'rose' : 'fell'} ${percent}% on the previous week`;
  }
  // Only a sum has contributors; a mean or a worst value does not add up over zones.
  const zone = up && change.additive ? largestZone(change.breakdown) : null;
  if (zone) sentence += locale === 'vi' ? `, chủ yếu ở ${lowerFirst(zone.vi)}` : `, mostly in the ${zone.en} zone`;
  return `${sentence}.`;
}
