import { VN_AQI_CONCENTRATION_BREAKPOINTS, VN_AQI_INDEX_BREAKPOINTS, vnAqi, vnAqiLevel, vnAqiNowCast, vnAqiSubIndex } from '../vn-aqi';

describe('VN_AQI (Decision 1459/QĐ-TCMT)', () => {
  it('gives each breakpoint its index value exactly, for every pollutant', () => {
    for (const [pollutant, breakpoints] of Object.entries(VN_AQI_CONCENTRATION_BREAKPOINTS)) {
      breakpoints.forEach((concentration, i) => {
        if (concentration === null) return;
        expect([pollutant, vnAqiSubIndex(pollutant as keyof typeof VN_AQI_CONCENTRATION_BREAKPOINTS, concentration)]).toEqual([
          pollutant,
          VN_AQI_INDEX_BREAKPOINTS[i],
        ]);
      });
    }
  });

  it('interpolates linearly inside a band (formula 2)', () => {
    expect(vnAqiSubIndex('pm25', 37.5)).toBe(75); // halfway between 25 → 50 and 50 → 100
    expect(vnAqiSubIndex('pm25', 65)).toBe(125);
    expect(vnAqiSubIndex('pm10', 385)).toBe(250);
    expect(vnAqiSubIndex('co', 20_000)).toBe(75);
  });

  it('ends the scale at 500 and refuses what the table does not cover', () => {
    expect(vnAqiSubIndex('pm25', 900)).toBe(500);
    expect(vnAqiSubIndex('o3_8h', 500)).toBeNull(); // the decision says: use the 1-hour O₃ then
    expect(vnAqiSubIndex('pm25', -1)).toBeNull();
    expect(vnAqiSubIndex('pm25', Number.NaN)).toBeNull();
  });

  it('names the six bands at their bounds', () => {
    expect([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500].map(vnAqiLevel)).toEqual([
      'good', 'good', 'moderate', 'moderate', 'poor', 'poor', 'bad', 'bad', 'very_bad', 'very_bad', 'hazardous', 'hazardous',
    ]);
  });

  it('NowCast: a steady series is its own value; a falling one leans on the newest hours', () => {
    expect(vnAqiNowCast(Array(12).fill(40))).toBeCloseTo(40, 10);
    // w* = 30/60 = 0.5, so w = 1/2 and the decision's un-normalised sum applies.
    const falling = [30, 40, 50, 60, 60, 60, 60, 60, 60, 60, 60, 60];
    const expected = falling.reduce((sum, c, i) => sum + 0.5 ** (i + 1) * c, 0);
    expect(vnAqiNowCast(falling)).toBeCloseTo(expected, 10);
    // w* = 0.8: weights 0.8^(i-1), normalised.
    const mild = [40, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50];
    const weights = mild.map((_, i) => 0.8 ** i);
    expect(vnAqiNowCast(mild)).toBeCloseTo(mild.reduce((sum, c, i) => sum + (weights[i] ?? 0) * c, 0) / weights.reduce((a, b) => a + b, 0), 10);
  });

  it('NowCast needs two of the three newest hours', () => {
    expect(vnAqiNowCast([null, null, 30, 30, 30])).toBeNull();
    expect(vnAqiNowCast([null, 30, 30])).toBeCloseTo(30, 10);
  });

  it('station AQI is the highest sub-index, and needs PM2.5 or PM10', () => {
    const result = vnAqi({ pm25: 37.5, pm10: 40, no2: 800, o3_1h: 100, co: null });
    expect(result).toMatchObject({ aqi: 160, level: 'bad', dominant: 'no2' });
    expect(result?.subIndices).toEqual({ pm25: 75, pm10: 40, no2: 160, o3_1h: 31 });
    expect(vnAqi({ no2: 800, o3_1h: 100 })).toBeNull();
  });
});
