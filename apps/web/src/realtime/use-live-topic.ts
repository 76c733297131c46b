import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { entityMapReducer, type EntityMap, type LiveReducer, type LiveTopic, type LiveTopicView } from '@mekong-ioc/shared';
import type { LiveClient, LiveStatus } from './live-client';

/** The app's one live client, provided near the root once a user is signed in. */
export const LiveClientContext = createContext<LiveClient | null>(null);

/** The live client itself, for actions sent over the socket (acknowledging an alert). */
export function useLiveClient(): LiveClient {
  const client = useContext(LiveClientContext);
  if (!client) throw new Error('live hooks need a LiveClientContext provider');
  return client;
}

/**
 * Follows a live topic while the component is mounted: its state (snapshot plus deltas), its
 * sequence number and whether it is live or catching up. Map layers need no reducer.
 */
export function useLiveTopic<State = EntityMap>(
  topic: LiveTopic,
  reducer: LiveReducer<State> = entityMapReducer as unknown as LiveReducer<State>,
): LiveTopicView<State> | undefined {
  const client = useLiveClient();
  const subscribe = useCallback((listener: () => void) => client.follow(topic, reducer, listener), [client, topic, reducer]);
  return useSyncExternalStore(subscribe, () => client.viewOf<State>(topic));
}

/** Connection state and link health (last tick, clock skew, feed ages). */
export function useLiveStatus(): LiveStatus {
  const client = useLiveClient();
  return useSyncExternalStore(client.subscribeStatus, client.getStatus);
}
