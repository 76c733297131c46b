import { kpiDefinition, type KpiId, type KpiSeriesPoint, type KpiValue } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n/language';
import { downsampleSeries } from '../utils/downsample.util';
import { ageSecondsOf, FEED_INTERVAL_SECONDS, formatAge, isStale } from '../utils/freshness.util';

export interface KpiTileProps {
  id: KpiId;
  value: KpiValue | undefined;
  previousWeek: number | null | undefined;
  series: KpiSeriesPoint[] | undefined;
  language: Language;
  now: number;
  clockSkewMs: number | null;
}

const UNIT_EN: Record<string, string> = { phút: 'min', 'xe/giờ': 'veh/h' };
const SPARK_POINTS = 120;

export function formatKpiNumber(value: number, unit: string, language: Language): string {
  const digits = unit === '%' || Math.abs(value) < 10 ? 1 : 0;
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: Number.isInteger(value) ? 0 : digits }).format(value);
}

function Sparkline({ points }: { points: KpiSeriesPoint[] }) {
  const sampled = downsampleSeries(points, (point) => point.value, SPARK_POINTS);
  const values = sampled.map((point) => point.value).filter((value): value is number => value !== null);
  if (values.length < 2) return <svg className="wall-kpi__spark" aria-hidden="true" />;
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const path = sampled
    .filter((point) => point.value !== null)
    .map((point, i, all) => `${((i / Math.max(1, all.length - 1)) * 100).toFixed(2)},${(28 - (((point.value as number) - min) / span) * 26).toFixed(2)}`)
    .join(' ');
  return (
    <svg className="wall-kpi__spark" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="1.6" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** One KPI, read from 5 m: big value and unit, status colour, 24-hour sparkline, last week, data age. */
export function KpiTile({ id, value, previousWeek, series, language, now, clockSkewMs }: KpiTileProps) {
  const { t } = useTranslation();
  const definition = kpiDefinition(id);
  const unit = language === 'en' ? (UNIT_EN[definition.unit] ?? definition.unit) : definition.unit;
  const computedAge = ageSecondsOf(value?.computedAt, now, clockSkewMs);
  const dataAge = ageSecondsOf(value?.asOf ?? value?.computedAt, now, clockSkewMs);
  const stale = value === undefined || isStale(computedAge, FEED_INTERVAL_SECONDS.kpi);
  const number = value?.value ?? null;
  const change = number !== null && previousWeek !== null && previousWeek !== undefined ? number - previousWeek : null;
  const state = value === undefined ? 'no-data' : stale ? 'stale' : value.status;
  return (
    <article className="wall-kpi" data-state={state} data-status={value?.status ?? 'no_data'} data-kpi={id} data-testid="wall-kpi">
      <h2 className="wall-kpi__label">{definition.label[language]}</h2>
      <p className="wall-kpi__value">
        <span className="wall-kpi__number" data-testid="wall-kpi-value">
          {number === null ? '—' : formatKpiNumber(number, definition.unit, language)}
        </span>
        {number !== null && unit && <span className="wall-kpi__unit">{unit}</span>}
      </p>
      {series && <Sparkline points={series} />}
      <p className="wall-kpi__compare">
        {change === null
          ? t('wall.live.noComparison')
          : t('wall.live.vsLastWeek', { change: `${change > 0 ? '+' : change < 0 ? '−' : '±'}${formatKpiNumber(Math.abs(change), definition.unit, language)}` })}
      </p>
      <p className="wall-kpi__freshness" data-testid="wall-kpi-freshness">
        {value === undefined ? t('wall.noData') : `${stale ? `${t('wall.live.stale')} · ` : ''}${t('wall.live.dataAge', { age: formatAge(dataAge, language) })}`}
      </p>
    </article>
  );
}
