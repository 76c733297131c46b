import type { FeedFreshness, SystemTick } from '@mekong-ioc/shared';

/** What the screen knows about its link from the `system` ticks. */
export interface LiveLink {
  /** Local time (ms) the last tick arrived; null before the first. */
  lastTickAt: number | null;
  intervalSeconds: number | null;
  /** Server clock minus this screen's clock, in ms (positive: this screen is behind). */
  clockSkewMs: number | null;
  feeds: FeedFreshness[];
}

export const NO_LINK: LiveLink = { lastTickAt: null, intervalSeconds: null, clockSkewMs: null, feeds: [] };

/** Ticks missed before the link counts as dead (one late tick is only a busy server). */
export const MISSED_TICKS_FOR_DEAD_LINK = 3;

export function receiveTick(tick: SystemTick, receivedAt: number): LiveLink {
  return {
    lastTickAt: receivedAt,
    intervalSeconds: tick.intervalSeconds,
    clockSkewMs: Date.parse(tick.serverTime) - receivedAt,
    feeds: tick.feeds,
  };
}

export function isLinkDead(link: LiveLink, now: number): boolean {
  if (link.lastTickAt === null || link.intervalSeconds === null) return false;
  return now - link.lastTickAt > MISSED_TICKS_FOR_DEAD_LINK * link.intervalSeconds * 1000;
}

/** A feed's data age now: its age at the last tick plus the time since (null: no data). */
export function feedAgeSeconds(link: LiveLink, feed: FeedFreshness['feed'], now: number): number | null {
  const entry = link.feeds.find((candidate) => candidate.feed === feed);
  if (!entry || entry.ageSeconds === null || link.lastTickAt === null) return null;
  return entry.ageSeconds + Math.max(0, now - link.lastTickAt) / 1000;
}
