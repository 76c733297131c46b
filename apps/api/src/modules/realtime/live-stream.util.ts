import type { LiveScope, LiveTopic } from '@mekong-ioc/shared';

/**
 * The name of a topic's stream (its Socket.IO room, its sequence numbers and its replay ring), or
 * of one slice of it: the officers follow `incidents`, the responders of an agency
 * `incidents@agency:{id}`, numbered on its own so that none of them sees a gap.
 */
export const liveStreamOf = (topic: LiveTopic, scope: LiveScope | null = null): string =>
  scope ? `${topic}@agency:${scope.agencyId ?? 'none'}` : topic;
