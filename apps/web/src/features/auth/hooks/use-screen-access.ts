import type { SessionUser } from '@mekong-ioc/shared';
import { canOpenScreen, type Screen } from '../utils/screen-access.util';
import { useSession } from './use-session';

export type ScreenAccess =
  | { kind: 'restoring' }
  | { kind: 'signed-out' }
  | { kind: 'denied'; user: SessionUser }
  | { kind: 'allowed'; user: SessionUser };

export function useScreenAccess(screen: Screen): ScreenAccess {
  const session = useSession();
  if (session.status === 'restoring') return { kind: 'restoring' };
  if (session.status === 'signed-out') return { kind: 'signed-out' };
  return canOpenScreen(session.user.role, screen) ? { kind: 'allowed', user: session.user } : { kind: 'denied', user: session.user };
}
