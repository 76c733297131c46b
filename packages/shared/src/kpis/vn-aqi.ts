import type { BilingualLabel } from '../i18n/bilingual-label';

/**
 * VN_AQI by the method of Decision 1459/QĐ-TCMT (Tổng cục Môi trường, 12/11/2019), Bảng 1.
 * The breakpoints are data: a deployment that must follow a newer decision replaces this table,
 * not the code that reads it. Concentrations are µg/m³ (CO too, as the decision writes it).
 */
export const VN_AQI_SOURCE = 'Quyết định 1459/QĐ-TCMT ngày 12/11/2019, Bảng 1';

export const VN_AQI_POLLUTANTS = ['pm25', 'pm10', 'o3_1h', 'o3_8h', 'co', 'so2', 'no2'] as const;
export type VnAqiPollutant = (typeof VN_AQI_POLLUTANTS)[number];

/** Index values at the breakpoints, I_1…I_8. */
export const VN_AQI_INDEX_BREAKPOINTS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

/**
 * Concentration breakpoints BP_1…BP_8 per pollutant, aligned with VN_AQI_INDEX_BREAKPOINTS.
 * `null` where the decision leaves the cell empty (8-hour O₃ above 400 µg/m³: use the 1-hour value).
 */
export const VN_AQI_CONCENTRATION_BREAKPOINTS: Record<VnAqiPollutant, readonly (number | null)[]> = {
  o3_1h: [0, 160, 200, 300, 400, 800, 1_000, 1_200],
  o3_8h: [0, 100, 120, 170, 210, 400, null, null],
  co: [0, 10_000, 30_000, 45_000, 60_000, 90_000, 120_000, 150_000],
  so2: [0, 125, 350, 550, 800, 1_600, 2_100, 2_630],
  no2: [0, 100, 200, 700, 1_200, 2_350, 3_100, 3_850],
  pm10: [0, 50, 150, 250, 350, 420, 500, 600],
  pm25: [0, 25, 50, 80, 150, 250, 350, 500],
};

export const VN_AQI_LEVELS = ['good', 'moderate', 'poor', 'bad', 'very_bad', 'hazardous'] as const;
export type VnAqiLevel = (typeof VN_AQI_LEVELS)[number];

/** The decision's six bands: upper bound, colour (its RGB values) and name. */
export const VN_AQI_BANDS: Record<VnAqiLevel, BilingualLabel & { max: number; color: string }> = {
  good: { max: 50, color: '#00e400', vi: 'Tốt', en: 'Good' },
  moderate: { max: 100, color: '#ffff00', vi: 'Trung bình', en: 'Moderate' },
  poor: { max: 150, color: '#ff7e00', vi: 'Kém', en: 'Poor' },
  bad: { max: 200, color: '#ff0000', vi: 'Xấu', en: 'Bad' },
  very_bad: { max: 300, color: '#8f3f97', vi: 'Rất xấu', en: 'Very bad' },
  hazardous: { max: Number.POSITIVE_INFINITY, color: '#7e0023', vi: 'Nguy hại', en: 'Hazardous' },
};

export const vnAqiLevel = (aqi: number): VnAqiLevel =>
  VN_AQI_LEVELS.find((level) => aqi <= VN_AQI_BANDS[level].max) ?? 'hazardous';

/**
 * Công thức 2: linear interpolation inside the band that holds the concentration. Above the last
 * breakpoint the index is 500 (the scale ends there). Null when the table has no band for it.
 */
export function vnAqiSubIndex(pollutant: VnAqiPollutant, concentration: number): number | null {
  if (!Number.isFinite(concentration) || concentration < 0) return null;
  const bp = VN_AQI_CONCENTRATION_BREAKPOINTS[pollutant];
  for (let i = 0; i < bp.length - 1; i++) {
    const low = bp[i];
    const high = bp[i + 1];
    if (low === null || low === undefined || high === null || high === undefined) return null;
    if (concentration <= high) {
      const indexLow = VN_AQI_INDEX_BREAKPOINTS[i] ?? 0;
      const indexHigh = VN_AQI_INDEX_BREAKPOINTS[i + 1] ?? 500;
      return Math.round(((indexHigh - indexLow) / (high - low)) * (concentration - low) + indexLow);
    }
  }
  return 500;
}

/**
 * NowCast for hourly PM2.5 and PM10 (the decision's formula 1): `hourly` holds the last 12 hourly
 * means, newest first, `null` for a missing hour. At least two of the three newest hours must be
 * present, or there is no NowCast.
 */
export function vnAqiNowCast(hourly: readonly (number | null)[]): number | null {
  const hours = hourly.slice(0, 12);
  if (hours.slice(0, 3).filter((value) => value !== null && value !== undefined).length < 2) return null;
  const present = hours.filter((value): value is number => value !== null && value !== undefined);
  const max = Math.max(...present);
  const min = Math.min(...present);
  const ratio = max > 0 ? min / max : 1;
  if (ratio <= 0.5) {
    // w = 1/2: NowCast = Σ (1/2)^i · c_i over i = 1…12, as the decision writes it (not normalised).
    return hours.reduce<number>((sum, value, i) => (value === null || value === undefined ? sum : sum + 0.5 ** (i + 1) * value), 0);
  }
  // w = w* > 1/2: NowCast = Σ w^(i-1) · c_i / Σ w^(i-1).
  let weighted = 0;
  let weights = 0;
  hours.forEach((value, i) => {
    if (value === null || value === undefined) return;
    weighted += ratio ** i * value;
    weights += ratio ** i;
  });
  return weighted / weights;
}

export interface VnAqiResult {
  aqi: number;
  level: VnAqiLevel;
  /** The pollutant with the highest sub-index: the one the public is told about. */
  dominant: VnAqiPollutant;
  subIndices: Partial<Record<VnAqiPollutant, number>>;
}

/**
 * Hourly VN_AQI of a station: the highest sub-index, counted only when PM2.5 or PM10 is known (the
 * decision requires one of them). Inputs: NowCast for PM, 1-hour means for O₃, CO, SO₂, NO₂, and
 * the 8-hour O₃ mean when known (above its table it is ignored in favour of the 1-hour value).
 */
export function vnAqi(concentrations: Partial<Record<VnAqiPollutant, number | null>>): VnAqiResult | null {
  const subIndices: Partial<Record<VnAqiPollutant, number>> = {};
  for (const pollutant of VN_AQI_POLLUTANTS) {
    const concentration = concentrations[pollutant];
    if (concentration === null || concentration === undefined) continue;
    const index = vnAqiSubIndex(pollutant, concentration);
    if (index !== null) subIndices[pollutant] = index;
  }
  if (subIndices.pm25 === undefined && subIndices.pm10 === undefined) return null;
  let dominant: VnAqiPollutant = subIndices.pm25 !== undefined ? 'pm25' : 'pm10';
  for (const pollutant of VN_AQI_POLLUTANTS) {
    if ((subIndices[pollutant] ?? -1) > (subIndices[dominant] ?? -1)) dominant = pollutant;
  }
  const aqi = subIndices[dominant] ?? 0;
  return { aqi, level: vnAqiLevel(aqi), dominant, subIndices };
}
