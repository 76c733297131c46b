import { feedAgeSeconds, isLinkDead, NO_LINK, receiveTick } from './live-link.util';

describe('live link health', () => {
  const tick = {
    serverTime: '2026-03-01T08:00:10.000Z',
    uptimeSeconds: 60,
    intervalSeconds: 5,
    feeds: [
      { feed: 'traffic' as const, newestObservedAt: '2026-03-01T08:00:00.000Z', ageSeconds: 10 },
      { feed: 'wifi' as const, newestObservedAt: null, ageSeconds: null },
    ],
  };
  const receivedAt = Date.parse('2026-03-01T08:00:08.000Z');

  it('measures clock skew, ages feeds between ticks and calls the link dead after three missed ticks', () => {
    const link = receiveTick(tick, receivedAt);
    expect(link.clockSkewMs).toBe(2_000);
    expect(feedAgeSeconds(link, 'traffic', receivedAt + 4_000)).toBe(14);
    expect(feedAgeSeconds(link, 'wifi', receivedAt)).toBeNull();
    expect(isLinkDead(link, receivedAt + 15_000)).toBe(false);
    expect(isLinkDead(link, receivedAt + 15_001)).toBe(true);
    expect(isLinkDead(NO_LINK, receivedAt)).toBe(false);
  });
});
