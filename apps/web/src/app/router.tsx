import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page';
import { RequireScreen } from '../features/auth/components/require-screen';
import { ReportPage } from '../features/citizen-report/components/report-page';
import { TrackLookupPage } from '../features/citizen-report/components/track-lookup-page';
import { TrackPage } from '../features/citizen-report/components/track-page';
import { AppLayout } from '../features/shell/components/app-layout';
import { ScreenPlaceholder } from '../features/shell/components/screen-placeholder';
import { WallPage } from '../features/wall/components/wall-page';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { RouteErrorPage } from './routes/route-error-page';

export const router = createBrowserRouter([
  {
    // The wall brings its own full-screen layout; only waiting and "not allowed" use the normal frame.
    path: '/wall',
    element: (
      <RequireScreen screen="wall" frame={AppLayout}>
        <WallPage />
      </RequireScreen>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      {
        path: 'dispatch',
        element: (
          <RequireScreen screen="dispatch">
            <ScreenPlaceholder screen="dispatch" />
          </RequireScreen>
        ),
      },
      {
        path: 'briefings',
        element: (
          <RequireScreen screen="briefings">
            <ScreenPlaceholder screen="briefings" />
          </RequireScreen>
        ),
      },
      { path: 'report', element: <ReportPage /> },
      { path: 'track', element: <TrackLookupPage /> },
      { path: 'track/:code', element: <TrackPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
