import type { Role } from '@mekong-ioc/shared';
import { canOpenScreen, type Screen } from '../../auth/utils/screen-access.util';

export interface NavItem {
  to: string;
  label: 'nav.wall' | 'nav.dispatch' | 'nav.responder' | 'nav.briefings' | 'nav.report';
  /** The signed-in screen it opens; none for public pages. */
  screen: Screen | null;
}

/** Staff screens first, in the order of the working day; the citizens' form last. */
const NAV_ITEMS: readonly NavItem[] = [
  { to: '/wall', label: 'nav.wall', screen: 'wall' },
  { to: '/dispatch', label: 'nav.dispatch', screen: 'dispatch' },
  { to: '/responder', label: 'nav.responder', screen: 'responder' },
  { to: '/briefings', label: 'nav.briefings', screen: 'briefings' },
  { to: '/report', label: 'nav.report', screen: null },
];

/**
 * Signed in, a link only to what the role may open (a responder gets its tasks, not the wall it
 * would be refused); signed out, the office screens, each leading to sign-in. Responders come in
 * through their own link, so signed out it is not offered to everyone.
 */
export function navItemsFor(role: Role | null): NavItem[] {
  if (role === null) return NAV_ITEMS.filter((item) => item.screen !== 'responder');
  return NAV_ITEMS.filter((item) => item.screen === null || canOpenScreen(role, item.screen));
}
