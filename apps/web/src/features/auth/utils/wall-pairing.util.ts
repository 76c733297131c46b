import { WALL_DISPLAY_CREDENTIAL_PATTERN, WALL_PAIRING_FRAGMENT_KEY } from '@mekong-ioc/shared';

/**
 * The credential of a pairing link (`/wall#device=miocw_…`), or null. Read from the fragment, which
 * the browser never sends to a server; the caller removes it from the address bar at once.
 */
export function pairingCredentialOf(location: { pathname: string; hash: string }): string | null {
  if (location.pathname !== '/wall' || !location.hash.startsWith('#')) return null;
  const credential = new URLSearchParams(location.hash.slice(1)).get(WALL_PAIRING_FRAGMENT_KEY);
  return credential && WALL_DISPLAY_CREDENTIAL_PATTERN.test(credential) ? credential : null;
}
