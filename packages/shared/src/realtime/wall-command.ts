import { z } from 'zod';
import { incidentPrioritySchema } from '../incidents/incident-priority';
import { reportCategorySchema } from '../incidents/report-category';

/*
 * Commands from the dispatch console to the wall, on the live topic `wall`: each delta is one
 * WallCommand, the snapshot is `{ current }`, the focus still being held (or null). A wall follows
 * the topic, flies its map to a focus and holds it there (pausing its scene rotation) until the
 * hold ends or a `release` arrives.
 */

/** Seconds a wall holds a focus when the console does not say. */
export const DEFAULT_WALL_HOLD_SECONDS = 180;
/** Zoom of a focus on one incident: a few streets around it. */
export const DEFAULT_WALL_FOCUS_ZOOM = 16;

/** Show this place on the wall's map: an incident's location (with its reference) or any map view. */
export const wallFocusCommandSchema = z.object({
  kind: z.literal('focus'),
  /** Unique per command, so a wall can tell a repeated push from one it has already shown. */
  id: z.uuid(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  zoom: z.number().min(8).max(20),
  /** Set when the focus is an incident. */
  incident: z
    .object({
      id: z.uuid(),
      reference: z.string(),
      title: z.string(),
      category: reportCategorySchema,
      priority: incidentPrioritySchema,
    })
    .nullable(),
  /** Who pushed it (display name), for the wall's caption. */
  sentBy: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
  /** When the wall goes back to its own rotation. */
  holdUntil: z.iso.datetime({ offset: true }),
});
export type WallFocusCommand = z.infer<typeof wallFocusCommandSchema>;

/** Give the wall back to its own rotation now. */
export const wallReleaseCommandSchema = z.object({
  kind: z.literal('release'),
  id: z.uuid(),
  sentBy: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
});
export type WallReleaseCommand = z.infer<typeof wallReleaseCommandSchema>;

/** A delta of the `wall` topic. */
export const wallCommandSchema = z.discriminatedUnion('kind', [wallFocusCommandSchema, wallReleaseCommandSchema]);
export type WallCommand = z.infer<typeof wallCommandSchema>;

/** The snapshot of the `wall` topic: the focus a wall that connects now should show, if any. */
export const wallTopicSnapshotSchema = z.object({ current: wallFocusCommandSchema.nullable() });
export type WallTopicSnapshot = z.infer<typeof wallTopicSnapshotSchema>;

/** `POST /api/wall/focus`: an incident (its location) or a map view; the hold defaults to DEFAULT_WALL_HOLD_SECONDS. */
export const pushWallFocusRequestSchema = z
  .object({
    incidentId: z.uuid().optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    zoom: z.number().min(8).max(20).optional(),
    holdSeconds: z.number().int().min(10).max(3_600).optional(),
  })
  .refine((request) => request.incidentId !== undefined || (request.lat !== undefined && request.lon !== undefined), {
    message: 'name an incident, or a lat and lon',
  });
export type PushWallFocusRequest = z.infer<typeof pushWallFocusRequestSchema>;
