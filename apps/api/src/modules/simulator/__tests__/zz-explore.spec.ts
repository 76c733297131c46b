import { buildMyThoRegistry } from '../my-tho-registry';
import { simulateValue, metricsOf, scheduledEvents, cameraOnline } from '../simulation-model';
import { vietnamTimeMs } from '../vietnam-time.util';

it('explore', () => {
  const devices = buildMyThoRegistry(1679);
  const counts: Record<string, number> = {};
  for (const d of devices) counts[d.feed] = (counts[d.feed] ?? 0) + 1;
  const zones: Record<string, number> = {};
  for (const d of devices) zones[`${d.feed}:${d.zone}`] = (zones[`${d.feed}:${d.zone}`] ?? 0) + 1;
  const out: string[] = [JSON.stringify(counts), JSON.stringify(zones)];
  const start = vietnamTimeMs(2026, 10, 5);
  const stats: Record<string, { min: number; max: number; sum: number; n: number; over?: number }> = {};
  for (const d of devices) {
    for (const m of metricsOf(d)) {
      const key = `${d.feed}/${d.kind}/${m}`;
      const s = (stats[key] ??= { min: Infinity, max: -Infinity, sum: 0, n: 0, over: 0 });
      for (let t = start; t < start + 7 * 86400000; t += 15 * 60000) {
        const v = simulateValue(d, m, t, 1679);
        s.min = Math.min(s.min, v); s.max = Math.max(s.max, v); s.sum += v; s.n++;
        const th = d.thresholds[m];
        if (th?.warning !== undefined && v >= th.warning) s.over!++;
        if (th?.alarmLevels && v >= th.alarmLevels[0]) s.over!++;
      }
    }
  }
  for (const [k, s] of Object.entries(stats)) out.push(`${k}: min ${s.min} max ${s.max} mean ${(s.sum / s.n).toFixed(2)} over ${s.over}/${s.n}`);
  const ev = scheduledEvents(start, start + 7 * 86400000, 1679);
  out.push(`events: ${ev.length} ` + JSON.stringify(ev.reduce<Record<string, number>>((a, e) => ({ ...a, [e.kind]: (a[e.kind] ?? 0) + 1 }), {})));
  let off = 0, tot = 0;
  for (const d of devices.filter((x) => x.feed === 'camera')) for (let t = start; t < start + 86400000; t += 600000) { tot++; if (!cameraOnline(d, t, 1679)) off++; }
  out.push(`camera offline share ${(off / tot).toFixed(4)}`);
  const trf = devices.find((d) => d.id === 'trf-001')!;
  const line: string[] = [];
  for (let h = 0; h < 24; h += 0.5) line.push(`${h}:${simulateValue(trf, 'mean_speed', start + h * 3600000, 1679)}/${simulateValue(trf, 'occupancy', start + h * 3600000, 1679)}`);
  out.push(line.join(' '));
  require('fs').writeFileSync('/tmp/simexp/out.txt', out.join('\n'));
});
