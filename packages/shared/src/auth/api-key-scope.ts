import { z } from 'zod';

/** Machine feeds a client application may push. Adding a feed adds one entry here. */
export const FEEDS = ['traffic', 'environment', 'camera', 'dossier', 'wifi'] as const;
export const feedSchema = z.enum(FEEDS);
export type Feed = z.infer<typeof feedSchema>;

/**
 * What a client application (a sensor gateway, the public report form) may do with its API key.
 * Keys are scoped narrowly so a leaked gateway key cannot file citizen reports, and the reverse.
 */
export const API_KEY_SCOPES = [
  ...FEEDS.map((feed) => `ingest:${feed}` as const),
  'reports:submit',
] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const ingestScopeFor = (feed: Feed): ApiKeyScope => `ingest:${feed}`;
