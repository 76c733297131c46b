import { MY_THO_BOUNDS, ZONES } from '@mekong-ioc/shared';
import { isInsideBounds } from '../utils/fit-view.util';
import { MY_THO_BASEMAP, type BasemapFeature } from './my-tho-basemap';

const positionsOf = (feature: BasemapFeature): [number, number][] =>
  feature.geometry.type === 'Polygon' ? feature.geometry.coordinates.flat() : feature.geometry.coordinates;

describe('the bundled Mỹ Tho basemap', () => {
  it('says in the file that it is approximate', () => {
    expect(MY_THO_BASEMAP.type).toBe('FeatureCollection');
    expect(MY_THO_BASEMAP.note).toMatch(/approximate/i);
  });

  it('has the five plan zones, each a closed polygon inside the demo bounding box', () => {
    const zones = MY_THO_BASEMAP.features.filter((feature) => feature.properties.kind === 'zone');
    expect(zones.map((feature) => (feature.properties.kind === 'zone' ? feature.properties.zone : null)).sort()).toEqual([...ZONES].sort());
    for (const zone of zones) {
      expect(zone.geometry.type).toBe('Polygon');
      const ring = zone.geometry.type === 'Polygon' ? zone.geometry.coordinates[0] ?? [] : [];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
  });

  it('draws the Tiền river along the south edge and the main roads by name', () => {
    const names = MY_THO_BASEMAP.features.map((feature) => feature.properties.nameVi);
    expect(names).toEqual(expect.arrayContaining(['Sông Tiền', 'Quốc lộ 1', 'Quốc lộ 50', 'Ấp Bắc', 'Hùng Vương', 'Nguyễn Trãi']));
    const river = MY_THO_BASEMAP.features.find((feature) => feature.properties.nameVi === 'Sông Tiền');
    const riverLatitudes = river ? positionsOf(river).map(([, latitude]) => latitude) : [];
    expect(Math.min(...riverLatitudes)).toBe(MY_THO_BOUNDS.south);
    expect(Math.max(...riverLatitudes)).toBeLessThan(10.355);
  });

  it('keeps every coordinate inside the demo bounding box', () => {
    const outside = MY_THO_BASEMAP.features.flatMap(positionsOf).filter(([longitude, latitude]) => !isInsideBounds(latitude, longitude));
    expect(outside).toEqual([]);
  });
});
