import { z } from 'zod';
import { sessionUserSchema } from './session.contract';

/**
 * A wall display's credential: `miocw_<prefix>_<secret>`. The prefix finds the row, the secret is
 * compared by hash; 256 bits of secret, so it needs no slow hash and no rate limit against guessing.
 */
export const WALL_DISPLAY_CREDENTIAL_PATTERN = /^miocw_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

/** The URL fragment a display is opened with once; the fragment never reaches a server or its logs. */
export const WALL_PAIRING_FRAGMENT_KEY = 'device';
export const wallPairingPath = (credential: string): string => `/wall#${WALL_PAIRING_FRAGMENT_KEY}=${credential}`;

/** A named wall display, as an administrator sees it; never its secret. */
export const wallDisplaySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The start of the credential, enough to tell which one a display holds. */
  prefix: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** When the display last exchanged its credential for a session (at start, reload and every renewal). */
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type WallDisplay = z.infer<typeof wallDisplaySchema>;

export const createWallDisplayRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
});
export type CreateWallDisplayRequest = z.infer<typeof createWallDisplayRequestSchema>;

/** Returned once, when the display is created: the credential is stored only as a hash. */
export const createdWallDisplaySchema = wallDisplaySchema.extend({
  credential: z.string().regex(WALL_DISPLAY_CREDENTIAL_PATTERN),
  /** Open this path on the display once (e.g. `https://ioc.example/wall#device=…`); it keeps the credential. */
  pairingPath: z.string(),
});
export type CreatedWallDisplay = z.infer<typeof createdWallDisplaySchema>;

export const wallDisplaySessionRequestSchema = z.object({
  credential: z.string().min(1).max(256),
});
export type WallDisplaySessionRequest = z.infer<typeof wallDisplaySessionRequestSchema>;

/**
 * What a display gets for its credential: a short-lived access token with the read-only `wall`
 * role. No refresh token: the display presents its credential again to renew, so a reload in the
 * middle of a renewal can never spend a single-use token twice.
 */
export const wallDisplaySessionSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  user: sessionUserSchema.extend({ role: z.literal('wall') }),
});
export type WallDisplaySession = z.infer<typeof wallDisplaySessionSchema>;
