import type { LayerFrame } from '@mekong-ioc/shared';
import { LayerFrameCoalescer } from './layer-frame-coalescer.util';

describe('LayerFrameCoalescer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('sends at most one frame per interval with the newest state of each entity', () => {
    const frames: LayerFrame[] = [];
    const coalescer = new LayerFrameCoalescer(250, (frame) => frames.push(frame));
    coalescer.add({ key: 'a', state: 1 });
    jest.advanceTimersByTime(0);
    for (let i = 2; i <= 50; i += 1) coalescer.add({ key: 'a', state: i });
    coalescer.add({ key: 'b', state: 'x' });
    coalescer.add({ key: 'c', state: null });
    jest.advanceTimersByTime(249);
    expect(frames).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(frames).toEqual([
      { updates: [{ key: 'a', state: 1 }] },
      { updates: [{ key: 'a', state: 50 }, { key: 'b', state: 'x' }, { key: 'c', state: null }] },
    ]);
    expect(coalescer.pendingEntities).toBe(0);
  });
});
