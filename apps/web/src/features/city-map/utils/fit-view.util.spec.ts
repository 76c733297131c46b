import { MY_THO_BOUNDS } from '@mekong-ioc/shared';
import { clampViewToBounds, fitViewToBounds, isInsideBounds } from './fit-view.util';

describe('fitViewToBounds', () => {
  it('centres on the box and zooms so that its width fills a phone-wide map', () => {
    const view = fitViewToBounds(390, 300, MY_THO_BOUNDS, 0);
    expect(view.longitude).toBeCloseTo(106.36, 6);
    expect(view.latitude).toBeCloseTo(10.365, 2);
    // 0.12° of longitude across 390 px, in deck.gl's 512-pixel zoom levels: 390 / (512 · 0.12 / 360) = 2^11.16.
    expect(view.zoom).toBeCloseTo(Math.log2(390 / (512 * (0.12 / 360))), 6);
  });

  it('lets the height decide when the box is wide and short', () => {
    expect(fitViewToBounds(2000, 200).zoom).toBeLessThan(fitViewToBounds(2000, 2000).zoom);
  });
});

describe('clampViewToBounds', () => {
  it('pulls a view panned off the city back to its edge and caps the zoom', () => {
    expect(clampViewToBounds({ longitude: 107, latitude: 10, zoom: 22, pitch: 0 }, 11, 18)).toEqual({
      longitude: MY_THO_BOUNDS.east,
      latitude: MY_THO_BOUNDS.south,
      zoom: 18,
      pitch: 0,
    });
  });
});

describe('isInsideBounds', () => {
  it('knows the centre of Mỹ Tho from Hồ Chí Minh City', () => {
    expect(isInsideBounds(10.355, 106.365)).toBe(true);
    expect(isInsideBounds(10.776, 106.7)).toBe(false);
  });
});
