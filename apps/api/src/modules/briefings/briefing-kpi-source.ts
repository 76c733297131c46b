import type { KpiService } from '../kpis/kpi.service';

/**
 * What the briefing needs of the KPI engine: `compute` over an explicit range, with a zone
 * drill-down and the previous week. Bound to KpiService itself in BriefingsModule, so the
 * briefing shows the wall's numbers; a token so the content service can be built in isolation.
 */
export type BriefingKpiSource = Pick<KpiService, 'compute'>;
export const BRIEFING_KPI_SOURCE = Symbol('BRIEFING_KPI_SOURCE');
