import { Injectable } from '@nestjs/common';
import {
  KPI_IDS,
  KPI_SERIES_MAX_POINTS,
  KPI_SERIES_STEP_MS,
  KPI_SERIES_STEPS,
  kpiDefinition,
  kpiStatus,
  type KpiDimension,
  type KpiId,
  type KpiSeriesPoint,
  type KpiSeriesResponse,
  type KpiSeriesStep,
  type KpiValue,
  type KpiWindow,
} from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { KPI_AGGREGATIONS, KpiFactsRepository } from './kpi-facts.repository';
import { aggregateFacts, breakdownOf, type KpiFact } from './kpi-facts.util';
import { rangeOfWindow, weekBefore, type KpiRange } from './kpi-window.util';

export interface KpiComputeQuery {
  ids?: readonly KpiId[];
  /** One window for every KPI asked; without it (and without from/to) each KPI's own. */
  window?: KpiWindow;
  /** An explicit range instead of a window (the briefing's week). */
  from?: Date;
  to?: Date;
  drilldown?: KpiDimension;
  /** Add `previousWeek`: the same range one week earlier. */
  compareWithPreviousWeek?: boolean;
}

export interface KpiSeriesRequest {
  from: Date;
  to: Date;
  step?: KpiSeriesStep;
  dimension?: KpiDimension;
  key?: string;
}

export type KpiSeries = KpiSeriesResponse;

/** Without an asked step, series aim at about this many points: plenty for a chart, cheap to compute. */
const DEFAULT_SERIES_POINTS = 500;

/**
 * Computes KPIs over a window or range, with drill-down: the one implementation behind
 * `GET /api/kpis`, the `kpis` live topic and the briefing, so all three give the same numbers.
 */
@Injectable()
export class KpiService {
  constructor(
    private readonly facts: KpiFactsRepository,
    private readonly clock: Clock,
  ) {}

  async compute(query: KpiComputeQuery = {}): Promise<KpiValue[]> {
    const now = this.clock.now();
    const ids = query.ids?.length ? [...new Set(query.ids)] : KPI_IDS;
    const memo = new Map<string, Promise<KpiFact[]>>();
    let incidentAsOf: Promise<Date | null> | null = null;
    const values: KpiValue[] = [];
    // One KPI after another: PGlite has one session, and a pool of five should not be taken by one request.
    for (const id of ids) {
      const definition = kpiDefinition(id);
      const window = query.window ?? definition.window;
      const range: KpiRange = query.from && query.to ? { from: query.from, to: query.to } : rangeOfWindow(window, now);
      const aggregation = KPI_AGGREGATIONS[id];
      const facts = await this.facts.factsOf(id, range, memo);
      const total = aggregateFacts(facts, aggregation);
      let asOf = total.asOf;
      if (!asOf && (definition.group === 'reports' || definition.group === 'incidents')) {
        // A count of zero is still based on the incident tables as they stand.
        incidentAsOf ??= this.facts.newestIncidentData(range.to);
        asOf = await incidentAsOf;
      }
      const value: KpiValue = {
        id,
        value: total.value,
        status: kpiStatus(definition, total.value),
        unit: definition.unit,
        window,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        asOf: asOf?.toISOString() ?? null,
        computedAt: now.toISOString(),
      };
      if (total.worst?.dims.device) {
        value.worst = {
          deviceId: total.worst.dims.device,
          zone: total.worst.dims.zone ?? 'unknown',
          ...(total.worst.dominantPollutant && { dominantPollutant: total.worst.dominantPollutant as NonNullable<KpiValue['worst']>['dominantPollutant'] }),
        };
      }
      if (query.drilldown && definition.dimensions.includes(query.drilldown)) value.breakdown = breakdownOf(facts, aggregation, query.drilldown);
      if (query.compareWithPreviousWeek) {
        value.previousWeek = aggregateFacts(await this.facts.factsOf(id, weekBefore(range), memo), aggregation).value;
      }
      values.push(value);
    }
    return values;
  }

  /**
   * The KPI over time: point `t` is its value over `[t, t + step)` (state KPIs such as open
   * reports: as at `t + step`), optionally for one key of a dimension (a zone, a device …).
   */
  async series(id: KpiId, request: KpiSeriesRequest): Promise<KpiSeries> {
    const step = seriesStep(request.to.getTime() - request.from.getTime(), request.step);
    const stepMs = KPI_SERIES_STEP_MS[step];
    const start = Math.floor(request.from.getTime() / stepMs) * stepMs;
    const aggregation = KPI_AGGREGATIONS[id];
    const memo = new Map<string, Promise<KpiFact[]>>();
    const points: KpiSeriesPoint[] = [];
    for (let t = start; t < request.to.getTime() && points.length < KPI_SERIES_MAX_POINTS; t += stepMs) {
      const facts = await this.facts.factsOf(id, { from: new Date(t), to: new Date(t + stepMs) }, memo);
      const { dimension, key } = request;
      const chosen = dimension && key !== undefined ? facts.filter((fact) => fact.dims[dimension] === key) : facts;
      points.push({ t: new Date(t).toISOString(), value: aggregateFacts(chosen, aggregation).value });
    }
    return { id, step, points };
  }
}

/** The asked step, coarsened until the range fits in the point budget; without one, about 500 points. */
export function seriesStep(rangeMs: number, asked: KpiSeriesStep | undefined): KpiSeriesStep {
  const budget = asked ? KPI_SERIES_MAX_POINTS : DEFAULT_SERIES_POINTS;
  const candidates = asked ? KPI_SERIES_STEPS.slice(KPI_SERIES_STEPS.indexOf(asked)) : KPI_SERIES_STEPS;
  return candidates.find((step) => Math.ceil(rangeMs / KPI_SERIES_STEP_MS[step]) <= budget) ?? '1d';
}
