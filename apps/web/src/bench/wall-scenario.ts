import { REPORT_CATEGORIES, ZONES, type CameraState, type LayerFrame, type ReportPointState, type TrafficSegmentState } from '@mekong-ioc/shared';

/** The load: 50,000 citizen-report points, 2,000 traffic segments, 300 cameras. */
export const SCENARIO = { reports: 50_000, traffic: 2_000, cameras: 300 } as const;
export type BenchLayer = keyof typeof SCENARIO;
export const BENCH_LAYERS: readonly BenchLayer[] = ['reports', 'traffic', 'cameras'];

/**
 * What one update (one coalesced 250 ms frame) of each layer carries: 50 new reports in and the 50
 * oldest out (the 24-hour window slides, the layer stays at 50,000), a quarter of the segments and
 * of the cameras (each reports once a second).
 */
export const CHANGES_PER_UPDATE = { reports: 50, traffic: 500, cameras: 75 } as const;

// Deterministic, so both variants of the page see the same updates.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length) % items.length] as T;

export class WallScenario {
  readonly #random = random(1679);
  #nextReport = 0;
  #oldestReport = 0;
  #tick = 0;

  #place() {
    return { lat: 10.33 + this.#random() * 0.06, lon: 106.32 + this.#random() * 0.08, zone: pick(ZONES, this.#random()) };
  }

  #report(): [string, ReportPointState] {
    const { lat, lon } = this.#place();
    const key = `report-${this.#nextReport++}`;
    return [key, { lat, lon, category: pick(REPORT_CATEGORIES, this.#random()), createdAt: new Date(Date.now() - this.#random() * 86_400_000).toISOString() }];
  }

  #segment(index: number): TrafficSegmentState {
    const freeFlowKmh = 40 + Math.floor(this.#random() * 20);
    const meanSpeedKmh = Math.round(freeFlowKmh * this.#random() * 10) / 10;
    return {
      ...this.#place(),
      segment: `seg-${index}`,
      nameVi: `Đoạn ${index}`,
      nameEn: `Segment ${index}`,
      meanSpeedKmh,
      freeFlowKmh,
      congestion: Math.min(1, Math.max(0, 1 - meanSpeedKmh / freeFlowKmh)),
      vehicleCount: Math.floor(this.#random() * 120),
      occupancy: Math.round(this.#random() * 100) / 100,
      observedAt: new Date().toISOString(),
    };
  }

  #camera(index: number): CameraState {
    const online = this.#random() > 0.05;
    return {
      ...this.#place(),
      kind: 'fixed',
      nameVi: `Camera ${index}`,
      nameEn: `Camera ${index}`,
      online,
      lastHeartbeatAt: new Date().toISOString(),
      lastEvent: this.#random() > 0.8 ? { kind: 'crowd', at: new Date().toISOString() } : null,
    };
  }

  snapshot(layer: BenchLayer): LayerFrame {
    const count = SCENARIO[layer];
    const updates = Array.from({ length: count }, (_, index) => {
      if (layer === 'reports') {
        const [key, state] = this.#report();
        return { key, state };
      }
      return layer === 'traffic' ? { key: `traffic-${index}`, state: this.#segment(index) } : { key: `camera-${index}`, state: this.#camera(index) };
    });
    return { updates };
  }

  /** The next frame of a layer. */
  update(layer: BenchLayer): LayerFrame {
    this.#tick += 1;
    const changes = CHANGES_PER_UPDATE[layer];
    if (layer === 'reports') {
      const removed = Array.from({ length: changes }, () => ({ key: `report-${this.#oldestReport++}`, state: null }));
      const added = Array.from({ length: changes }, () => {
        const [key, state] = this.#report();
        return { key, state };
      });
      return { updates: [...removed, ...added] };
    }
    const count = SCENARIO[layer];
    const start = (this.#tick * changes) % count;
    return {
      updates: Array.from({ length: changes }, (_, i) => {
        const index = (start + i) % count;
        return layer === 'traffic' ? { key: `traffic-${index}`, state: this.#segment(index) } : { key: `camera-${index}`, state: this.#camera(index) };
      }),
    };
  }
}
