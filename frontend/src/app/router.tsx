import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from '@/components/layouts/AppLayout';
import { paths } from '@/config/paths';
import { HealthPage } from '@/features/health/components/HealthPage';
import { RouteErrorBoundary } from './routes/error';
import { NotFoundRoute } from './routes/not-found';
import { OverviewRoute } from './routes/overview';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      {
        // A pathless route so a page that throws is replaced, not the layout around it.
        errorElement: <RouteErrorBoundary />,
        children: [
          { path: paths.overview.path, element: <OverviewRoute /> },
          { path: paths.health.path, element: <HealthPage /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
