import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useScreenAccess } from '../hooks/use-screen-access';
import type { Screen } from '../utils/screen-access.util';
import { NotAllowed } from './not-allowed';

export interface RequireScreenProps {
  screen: Screen;
  children: ReactNode;
  /** Wraps what is shown instead of the screen (waiting, not allowed) when the screen brings its own layout. */
  frame?: ComponentType<{ children: ReactNode }>;
}

/** Shows a signed-in screen only to the roles allowed on it; sends everyone else to sign in first. */
export function RequireScreen({ screen, children, frame: Frame }: RequireScreenProps) {
  const { t } = useTranslation();
  const access = useScreenAccess(screen);
  const location = useLocation();
  const wrap = (node: ReactNode) => (Frame ? <Frame>{node}</Frame> : node);

  switch (access.kind) {
    case 'restoring':
      return wrap(
        <p className="page-status" role="status">
          {t('auth.restoring')}
        </p>,
      );
    case 'signed-out':
      return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}${location.hash}` }} />;
    case 'denied':
      return wrap(<NotAllowed screen={screen} user={access.user} />);
    case 'allowed':
      return children;
  }
}
