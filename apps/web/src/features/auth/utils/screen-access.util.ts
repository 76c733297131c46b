import type { Role } from '@mekong-ioc/shared';

/** Who may open each signed-in screen. The API enforces the same on every route behind it. */
export const SCREEN_ROLES = {
  wall: ['leader', 'wall', 'admin', 'duty_officer'],
  dispatch: ['duty_officer', 'admin'],
  responder: ['responder'],
  briefings: ['leader', 'duty_officer', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Screen = keyof typeof SCREEN_ROLES;

export const canOpenScreen = (role: Role, screen: Screen): boolean =>
  (SCREEN_ROLES[screen] as readonly Role[]).includes(role);

/** A path to return to after signing in: only paths on this site, never `//elsewhere` or a URL. */
export const safeReturnPath = (candidate: unknown): string | null =>
  typeof candidate === 'string' && /^\/(?![/\\])/.test(candidate) && !/^\/login(?:[/?#]|$)/.test(candidate) ? candidate : null;
