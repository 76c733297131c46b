/**
 * Device readings are published to `ioc/v1/{feed}/{deviceId}`. The version segment lets a future
 * payload format live beside this one while devices in the field are upgraded.
 */
const READING_TOPIC_ROOT = 'ioc/v1';

/** The topic a device publishes its readings of one feed to. */
export const readingTopic = (feed: string, deviceId: string): string => `${READING_TOPIC_ROOT}/${feed}/${deviceId}`;

/**
 * The shared subscription every API instance of one group makes: the broker hands each message to
 * one member of the group, so instances split the load instead of each storing every reading.
 */
export const sharedReadingSubscription = (shareGroup: string): string => `$share/${shareGroup}/${READING_TOPIC_ROOT}/+/+`;

/** The feed and device a reading topic names, or null when the topic is not a reading topic. */
export function parseReadingTopic(topic: string): { feed: string; deviceId: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== READING_TOPIC_ROOT) return null;
  const [, , feed, deviceId] = parts;
  return feed && deviceId ? { feed, deviceId } : null;
}
