import { KPI_DEFINITIONS, KPI_IDS, kpiDefinition, kpiIdSchema, kpiStatus } from '../kpi-definitions';

describe('KPI definitions', () => {
  it('have unique ids, both labels, and thresholds ordered in their direction', () => {
    expect(new Set(KPI_IDS).size).toBe(KPI_DEFINITIONS.length);
    for (const definition of KPI_DEFINITIONS) {
      expect(definition.label.vi.length).toBeGreaterThan(0);
      expect(definition.label.en.length).toBeGreaterThan(0);
      const thresholds = definition.thresholds as { warning: number; critical: number } | null;
      if (!thresholds) continue;
      if (definition.direction === 'higher_is_worse') expect(thresholds.critical).toBeGreaterThan(thresholds.warning);
      else expect(thresholds.critical).toBeLessThan(thresholds.warning);
    }
  });

  it('colour a value by where warning and critical begin', () => {
    const open = kpiDefinition('reports.open'); // worse when higher: warning 40, critical 80
    expect([0, 39, 40, 79, 80, null].map((value) => kpiStatus(open, value))).toEqual(['normal', 'normal', 'warning', 'warning', 'critical', 'no_data']);
    const online = kpiDefinition('cameras.online_share'); // better when higher: warning 95, critical 85
    expect([100, 96, 95, 86, 85].map((value) => kpiStatus(online, value))).toEqual(['normal', 'normal', 'warning', 'warning', 'critical']);
    expect(kpiStatus(kpiDefinition('reports.received_today'), 500)).toBe('normal');
  });

  it('validate ids', () => {
    expect(kpiIdSchema.safeParse('environment.vn_aqi_worst').success).toBe(true);
    expect(kpiIdSchema.safeParse('nope').success).toBe(false);
  });
});
