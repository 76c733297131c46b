import type { KpiBreakdownEntry, KpiDimension } from '@mekong-ioc/shared';

/**
 * One contribution to a KPI: a device's figure, an incident's minutes, a count. Each fact carries
 * the keys it has in every dimension, so the same facts give the total and any drill-down.
 */
export interface KpiFact {
  dims: Partial<Record<KpiDimension, string>>;
  value: number;
  /** For ratios: the denominator this fact adds (the value is the numerator). */
  weight?: number;
  /** The newest data behind the fact. */
  asOf: Date | null;
  /** For "worst" KPIs: what the public is told about the worst station. */
  dominantPollutant?: string;
}

/**
 * How facts become one number: `sum` (counts, flows), `mean` (per-device indices, durations),
 * `max` (worst station), `ratio` (Σ value / Σ weight as a percentage), `median` (durations).
 * `emptyIs` is what no facts mean: 0 for a count of incidents, null (no data) for readings.
 */
export interface KpiAggregation {
  kind: 'sum' | 'mean' | 'max' | 'ratio' | 'median';
  emptyIs: 0 | null;
}

export interface AggregatedFacts {
  value: number | null;
  asOf: Date | null;
  /** The fact that gave a `max` (the worst station). */
  worst: KpiFact | null;
}

/** Two decimals are enough for any KPI on a wall, and make equal sums compare equal. */
const round = (value: number): number => Math.round(value * 100) / 100;

const newestOf = (facts: readonly KpiFact[]): Date | null =>
  facts.reduce<Date | null>((newest, fact) => (fact.asOf && (!newest || fact.asOf > newest) ? fact.asOf : newest), null);

export function aggregateFacts(facts: readonly KpiFact[], aggregation: KpiAggregation): AggregatedFacts {
  const asOf = newestOf(facts);
  if (facts.length === 0) return { value: aggregation.emptyIs, asOf, worst: null };
  switch (aggregation.kind) {
    case 'sum':
      return { value: round(facts.reduce((sum, fact) => sum + fact.value, 0)), asOf, worst: null };
    case 'mean':
      return { value: round(facts.reduce((sum, fact) => sum + fact.value, 0) / facts.length), asOf, worst: null };
    case 'max': {
      // Ties go to the first fact; facts come ordered by device id, so the answer is stable.
      const worst = facts.reduce((best, fact) => (fact.value > best.value ? fact : best));
      return { value: round(worst.value), asOf, worst };
    }
    case 'ratio': {
      const denominator = facts.reduce((sum, fact) => sum + (fact.weight ?? 0), 0);
      if (denominator === 0) return { value: null, asOf, worst: null };
      return { value: round((100 * facts.reduce((sum, fact) => sum + fact.value, 0)) / denominator), asOf, worst: null };
    }
    case 'median': {
      const sorted = facts.map((fact) => fact.value).sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
      return { value: round(median), asOf, worst: null };
    }
  }
}

/** The drill-down: facts grouped by their key in the dimension, each group aggregated alone. */
export function breakdownOf(facts: readonly KpiFact[], aggregation: KpiAggregation, dimension: KpiDimension): KpiBreakdownEntry[] {
  const groups = new Map<string, KpiFact[]>();
  for (const fact of facts) {
    const key = fact.dims[dimension];
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(fact);
    else groups.set(key, [fact]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => ({ dimension, key, value: aggregateFacts(group, aggregation).value }));
}
