import { z } from 'zod';
import { ZONES, zoneSchema } from '../geo/zones';

/** The map layers a wall or console draws, each a topic of its own (`layer:{name}`). */
export const LIVE_LAYERS = ['incidents', 'reports', 'traffic', 'environment', 'cameras', 'units', 'zones'] as const;
export const liveLayerSchema = z.enum(LIVE_LAYERS);
export type LiveLayer = z.infer<typeof liveLayerSchema>;

/** Topics that are not map layers or zones; `wall` carries commands to the wall (see wall-command.ts). */
export const LIVE_BASE_TOPICS = ['kpis', 'alerts', 'incidents', 'wall', 'briefings'] as const;

/** A room of the live namespace: what a client subscribes to and a module publishes to. */
export const liveTopicSchema = z.union([
  z.enum(LIVE_BASE_TOPICS),
  z.templateLiteral(['layer:', liveLayerSchema]),
  z.templateLiteral(['zone:', zoneSchema]),
]);
export type LiveTopic = z.infer<typeof liveTopicSchema>;
export type LayerTopic = Extract<LiveTopic, `layer:${string}`>;
export type ZoneTopic = Extract<LiveTopic, `zone:${string}`>;

export const layerTopic = (layer: LiveLayer): LayerTopic => `layer:${layer}`;
export const zoneTopic = (zone: z.infer<typeof zoneSchema>): ZoneTopic => `zone:${zone}`;
export const isLayerTopic = (topic: LiveTopic): topic is LayerTopic => topic.startsWith('layer:');

/** Every topic there is; small and fixed, so a policy can be checked against all of them. */
export const ALL_LIVE_TOPICS: readonly LiveTopic[] = [
  ...LIVE_BASE_TOPICS,
  ...LIVE_LAYERS.map(layerTopic),
  ...ZONES.map(zoneTopic),
];
