import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page';
import { BriefingsPage } from '../features/briefings/components/briefings-page';
import { RequireScreen } from '../features/auth/components/require-screen';
import { ReportPage } from '../features/citizen-report/components/report-page';
import { LiveClientProvider } from '../realtime/live-client-provider';
import { TrackLookupPage } from '../features/citizen-report/components/track-lookup-page';
import { TrackPage } from '../features/citizen-report/components/track-page';
import { AppLayout } from '../features/shell/components/app-layout';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { RouteErrorPage } from './routes/route-error-page';

// The wall (deck.gl, Recharts) is its own chunk: no other screen downloads it.
// The console and the responder view are their own chunks too: a citizen's phone never loads them.
const DispatchPage = lazy(() => import('../features/dispatch/components/dispatch-page').then((module) => ({ default: module.DispatchPage })));
const ResponderPage = lazy(() => import('../features/responder/components/responder-page').then((module) => ({ default: module.ResponderPage })));
const WallRoute = lazy(() => import('../features/wall/components/wall-route').then((module) => ({ default: module.WallRoute })));

export const router = createBrowserRouter([
  {
    // The wall brings its own full-screen layout; only waiting and "not allowed" use the normal frame.
    path: '/wall',
    element: (
      <RequireScreen screen="wall" frame={AppLayout}>
        <Suspense fallback={null}>
          <WallRoute />
        </Suspense>
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
            <LiveClientProvider>
              <Suspense fallback={null}>
                <DispatchPage />
              </Suspense>
            </LiveClientProvider>
          </RequireScreen>
        ),
      },
      {
        path: 'responder/:incidentId?',
        element: (
          <RequireScreen screen="responder">
            <LiveClientProvider>
              <Suspense fallback={null}>
                <ResponderPage />
              </Suspense>
            </LiveClientProvider>
          </RequireScreen>
        ),
      },
      {
        path: 'briefings',
        element: (
          <RequireScreen screen="briefings">
            <LiveClientProvider>
              <BriefingsPage />
            </LiveClientProvider>
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
