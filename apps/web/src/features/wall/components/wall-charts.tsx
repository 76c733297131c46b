import {
  REPORT_CATEGORIES,
  REPORT_CATEGORY_DEFINITIONS,
  ZONES,
  type LiveLayer,
  type ReportPointState,
  type WallTrends,
} from '@mekong-ioc/shared';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Language } from '../../../i18n/language';
import type { LayerStore } from '../state/layer-store';
import { downsampleSeries } from '../utils/downsample.util';
import { ageSecondsOf, formatAge, formatClock, isStale } from '../utils/freshness.util';

export type WallChartId = 'reportsByCategory' | 'incidentFlow' | 'aqiByZone' | 'waterLevels' | 'congestion';

export interface WallChartsProps {
  charts: readonly WallChartId[];
  trends: WallTrends | null;
  reports: LayerStore<LiveLayer> | undefined;
  language: Language;
  now: number;
}

const AXIS = { stroke: '#9fb3c2', fontSize: '1.6vh', tickLine: false } as const;
const GRID = <CartesianGrid stroke="#1d3344" strokeDasharray="4 6" vertical={false} />;
const ZONE_COLORS = ['#4cc3d9', '#f2b134', '#b388ff', '#3ddc84', '#ff8a80'] as const;
const GAUGE_COLORS = ['#4cc3d9', '#b388ff', '#3ddc84', '#f2b134'] as const;
const ALARM_COLORS = ['#f5c823', '#f58223', '#eb2828'] as const;
const ALARM_LABELS = ['wall.live.charts.alarm1', 'wall.live.charts.alarm2', 'wall.live.charts.alarm3'] as const;
/** Trends are fetched every 2 minutes; past three fetches they are old. */
const TRENDS_INTERVAL_SECONDS = 120;

const hourTick = (t: string) => formatClock(t);

interface ChartPanelProps {
  id: WallChartId;
  title: string;
  age: string;
  stale: boolean;
  /** Said instead of drawing bare axes when there is nothing to plot. */
  empty: string | null;
  children: ReactNode;
}

function ChartPanel({ title, age, stale, empty, children, id }: ChartPanelProps) {
  return (
    <section className="wall-chart" data-state={stale ? 'stale' : 'fresh'} data-testid={`wall-chart-${id}`}>
      <header className="wall-chart__head">
        <h2>{title}</h2>
        <span className="wall-chart__age">{age}</span>
      </header>
      <div className="wall-chart__body">
        {empty ? (
          <p className="wall-chart__empty" data-testid={`wall-chart-${id}-empty`}>
            {empty}
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {children as React.ReactElement}
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}

/** The wall's trend charts; every series goes through the ≤ 1 000-point downsampler first. */
export function WallCharts({ charts, trends, reports, language, now }: WallChartsProps) {
  const { t } = useTranslation();
  const trendsAge = ageSecondsOf(trends?.generatedAt, now);
  const trendsStale = isStale(trendsAge, TRENDS_INTERVAL_SECONDS);
  const trendsAgeText = t('wall.live.dataAge', { age: formatAge(trendsAge, language) });
  const reportsVersion = reports?.version ?? -1;
  const emptyIf = (nothing: boolean) => (nothing ? t('wall.live.charts.noData') : null);

  const byCategory = useMemo(() => {
    const counts = new Map<string, number>();
    for (const entity of (reports?.items ?? []) as { state: ReportPointState }[]) counts.set(entity.state.category, (counts.get(entity.state.category) ?? 0) + 1);
    return REPORT_CATEGORIES.map((category) => ({ category: REPORT_CATEGORY_DEFINITIONS[category][language], count: counts.get(category) ?? 0 }))
      .filter((row) => row.count > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, 8);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reports, reportsVersion, language]);

  const flow = useMemo(() => downsampleSeries(trends?.incidentFlow ?? [], (point) => point.opened + point.closed), [trends]);
  const aqi = useMemo(() => downsampleSeries(trends?.aqiByZone ?? [], (point) => Math.max(...ZONES.map((zone) => point[zone] ?? 0))), [trends]);
  const congestion = useMemo(() => downsampleSeries(trends?.congestion ?? [], (point) => point.value), [trends]);
  const water = useMemo(() => {
    const gauges = trends?.waterLevels ?? [];
    const rows = new Map<string, Record<string, number | string>>();
    for (const gauge of gauges) for (const point of gauge.points) rows.set(point.t, { ...(rows.get(point.t) ?? { t: point.t }), [gauge.id]: point.level });
    const series = [...rows.values()].sort((a, b) => String(a['t']).localeCompare(String(b['t']))) as ({ t: string } & Record<string, number | string>)[];
    return { gauges, rows: downsampleSeries(series, (row) => Math.max(...gauges.map((gauge) => Number(row[gauge.id] ?? 0)))) };
  }, [trends]);

  const panels: Record<WallChartId, () => ReactNode> = {
    reportsByCategory: () => (
      <ChartPanel id="reportsByCategory" title={t('wall.live.charts.reportsByCategory')} age={t('wall.live.live')} stale={reports === undefined} empty={reports && byCategory.length === 0 ? t('wall.live.charts.noReports') : null}>
        <BarChart data={byCategory} layout="vertical" margin={{ left: 10, right: 20 }}>
          {GRID}
          <XAxis type="number" {...AXIS} allowDecimals={false} />
          <YAxis type="category" dataKey="category" {...AXIS} width={220} />
          <Bar dataKey="count" fill="#4cc3d9" isAnimationActive={false} name={t('wall.live.charts.reports')} />
        </BarChart>
      </ChartPanel>
    ),
    incidentFlow: () => (
      <ChartPanel id="incidentFlow" title={t('wall.live.charts.incidentFlow')} age={trendsAgeText} stale={trendsStale} empty={emptyIf(trends !== null && flow.length === 0)}>
        <BarChart data={flow}>
          {GRID}
          <XAxis dataKey="t" tickFormatter={hourTick} {...AXIS} minTickGap={40} />
          <YAxis {...AXIS} allowDecimals={false} width={50} />
          <Legend wrapperStyle={{ fontSize: '1.6vh' }} />
          <Bar dataKey="opened" name={t('wall.live.charts.opened')} fill="#ff8a80" isAnimationActive={false} />
          <Bar dataKey="closed" name={t('wall.live.charts.closed')} fill="#3ddc84" isAnimationActive={false} />
        </BarChart>
      </ChartPanel>
    ),
    aqiByZone: () => (
      <ChartPanel id="aqiByZone" title={t('wall.live.charts.aqiByZone')} age={trendsAgeText} stale={trendsStale} empty={emptyIf(trends !== null && aqi.length === 0)}>
        <LineChart data={aqi}>
          {GRID}
          <XAxis dataKey="t" tickFormatter={hourTick} {...AXIS} minTickGap={40} />
          <YAxis {...AXIS} width={50} />
          <Legend wrapperStyle={{ fontSize: '1.6vh' }} />
          <ReferenceLine y={100} stroke="#f2b134" strokeDasharray="6 6" />
          {ZONES.map((zone, i) => (
            <Line key={zone} dataKey={zone} name={t(`wall.live.zoneShort.${zone}`)} stroke={ZONE_COLORS[i]} strokeWidth={3} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ChartPanel>
    ),
    waterLevels: () => (
      <ChartPanel id="waterLevels" title={t('wall.live.charts.waterLevels')} age={trendsAgeText} stale={trendsStale} empty={emptyIf(trends !== null && water.rows.length === 0)}>
        <LineChart data={water.rows}>
          {GRID}
          <XAxis dataKey="t" tickFormatter={hourTick} {...AXIS} minTickGap={40} />
          <YAxis {...AXIS} width={60} domain={['auto', 'auto']} />
          <Legend wrapperStyle={{ fontSize: '1.6vh' }} />
          {(water.gauges[0]?.alarmLevels ?? []).map((level, i) => (
            <ReferenceLine key={level} y={level} stroke={ALARM_COLORS[i]} strokeDasharray="8 6" label={{ value: t(ALARM_LABELS[i] ?? 'wall.live.charts.alarm3'), fill: ALARM_COLORS[i], fontSize: '1.5vh', position: 'insideTopLeft' }} />
          ))}
          {water.gauges.map((gauge, i) => (
            <Line key={gauge.id} dataKey={gauge.id} name={language === 'vi' ? gauge.nameVi : gauge.nameEn} stroke={GAUGE_COLORS[i]} strokeWidth={3} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ChartPanel>
    ),
    congestion: () => (
      <ChartPanel id="congestion" title={t('wall.live.charts.congestion')} age={trendsAgeText} stale={trendsStale} empty={emptyIf(trends !== null && congestion.length === 0)}>
        <AreaChart data={congestion}>
          {GRID}
          <XAxis dataKey="t" tickFormatter={hourTick} {...AXIS} minTickGap={40} />
          <YAxis {...AXIS} width={50} domain={[0, 100]} unit="%" />
          <ReferenceLine y={40} stroke="#f2b134" strokeDasharray="6 6" />
          <ReferenceLine y={60} stroke="#eb2828" strokeDasharray="6 6" />
          <Area dataKey="value" name={t('wall.live.charts.congestion')} stroke="#f2b134" fill="#f2b13455" strokeWidth={3} connectNulls isAnimationActive={false} />
        </AreaChart>
      </ChartPanel>
    ),
  };

  return (
    <div className="wall-charts" data-count={charts.length}>
      {charts.map((chart) => (
        <div key={chart} className="wall-charts__cell">
          {panels[chart]()}
        </div>
      ))}
    </div>
  );
}
