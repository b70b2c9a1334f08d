import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from '@/components/layouts/AppLayout';
import { AuthLayout } from '@/components/layouts/AuthLayout';
import { paths } from '@/config/paths';
import { ChangePasswordPage } from '@/features/auth/components/ChangePasswordPage';
import { LoginPage } from '@/features/auth/components/LoginPage';
import { SetupPage } from '@/features/auth/components/SetupPage';
import { HealthPage } from '@/features/health/components/HealthPage';
import { RequireAuth } from './guards';
import { AdminIndexRoute } from './routes/admin';
import { RouteErrorBoundary } from './routes/error';
import { InstanceLayoutRoute } from './routes/instance/layout';
import { EditInstanceRoute, InstancesRoute, NewInstanceRoute } from './routes/instances';
import { NotFoundRoute } from './routes/not-found';
import { OverviewRoute } from './routes/overview';

// Admin pages are for few users and load on demand (one chunk each), keeping the first load small.
const UsersRoute = lazy(() => import('./routes/admin/users').then((module) => ({ default: module.UsersRoute })));
const NewUserRoute = lazy(() => import('./routes/admin/users').then((module) => ({ default: module.NewUserRoute })));
const EditUserRoute = lazy(() => import('./routes/admin/users').then((module) => ({ default: module.EditUserRoute })));
const RolesRoute = lazy(() => import('./routes/admin/roles').then((module) => ({ default: module.RolesRoute })));
const NewRoleRoute = lazy(() => import('./routes/admin/roles').then((module) => ({ default: module.NewRoleRoute })));
const RoleRoute = lazy(() => import('./routes/admin/roles').then((module) => ({ default: module.RoleRoute })));
const AuditRoute = lazy(() => import('./routes/admin/audit').then((module) => ({ default: module.AuditRoute })));

// Monitoring pages load on demand too; the two that chart share one chunk with uPlot.
const InstanceOverviewRoute = lazy(() => import('./routes/instance/overview').then((module) => ({ default: module.InstanceOverviewRoute })));
const StatementRoute = lazy(() => import('./routes/instance/overview').then((module) => ({ default: module.StatementRoute })));
const QueriesRoute = lazy(() => import('./routes/instance/sections').then((module) => ({ default: module.QueriesRoute })));
const TablesRoute = lazy(() => import('./routes/instance/sections').then((module) => ({ default: module.TablesRoute })));
const ActivityRoute = lazy(() => import('./routes/instance/sections').then((module) => ({ default: module.ActivityRoute })));
const InstanceFindingsRoute = lazy(() => import('./routes/instance/sections').then((module) => ({ default: module.InstanceFindingsRoute })));
const InstanceSettingsRoute = lazy(() => import('./routes/instance/sections').then((module) => ({ default: module.InstanceSettingsRoute })));
const FindingsRoute = lazy(() => import('./routes/findings').then((module) => ({ default: module.FindingsRoute })));
const NotifiersRoute = lazy(() => import('./routes/notifiers').then((module) => ({ default: module.NotifiersRoute })));
const NewChannelRoute = lazy(() => import('./routes/notifiers').then((module) => ({ default: module.NewChannelRoute })));
const EditChannelRoute = lazy(() => import('./routes/notifiers').then((module) => ({ default: module.EditChannelRoute })));
const NewRuleRoute = lazy(() => import('./routes/notifiers').then((module) => ({ default: module.NewRuleRoute })));
const EditRuleRoute = lazy(() => import('./routes/notifiers').then((module) => ({ default: module.EditRuleRoute })));
const SettingsRoute = lazy(() => import('./routes/settings').then((module) => ({ default: module.SettingsRoute })));

export const routes: RouteObject[] = [
  {
    // Public: the only pages reachable without a session.
    element: <AuthLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: paths.login.path, element: <LoginPage /> },
      { path: paths.setup.path, element: <SetupPage /> },
    ],
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      {
        // A pathless route so a page that throws is replaced, not the layout around it.
        errorElement: <RouteErrorBoundary />,
        children: [
          { path: paths.overview.path, element: <OverviewRoute /> },
          { path: paths.health.path, element: <HealthPage /> },
          { path: paths.instances.path, element: <InstancesRoute /> },
          { path: paths.newInstance.path, element: <NewInstanceRoute /> },
          {
            path: paths.instance.path,
            element: <InstanceLayoutRoute />,
            children: [
              { index: true, element: <InstanceOverviewRoute /> },
              { path: paths.instanceQueries.path, element: <QueriesRoute /> },
              { path: paths.instanceStatement.path, element: <StatementRoute /> },
              { path: paths.instanceTables.path, element: <TablesRoute /> },
              { path: paths.instanceActivity.path, element: <ActivityRoute /> },
              { path: paths.instanceFindings.path, element: <InstanceFindingsRoute /> },
              { path: paths.instanceSettings.path, element: <InstanceSettingsRoute /> },
            ],
          },
          { path: paths.editInstance.path, element: <EditInstanceRoute /> },
          { path: paths.findings.path, element: <FindingsRoute /> },
          { path: paths.notifiers.path, element: <NotifiersRoute /> },
          { path: paths.newChannel.path, element: <NewChannelRoute /> },
          { path: paths.channel.path, element: <EditChannelRoute /> },
          { path: paths.newRule.path, element: <NewRuleRoute /> },
          { path: paths.rule.path, element: <EditRuleRoute /> },
          { path: paths.settings.path, element: <SettingsRoute /> },
          { path: paths.admin.path, element: <AdminIndexRoute /> },
          { path: paths.users.path, element: <UsersRoute /> },
          { path: paths.newUser.path, element: <NewUserRoute /> },
          { path: paths.user.path, element: <EditUserRoute /> },
          { path: paths.roles.path, element: <RolesRoute /> },
          { path: paths.newRole.path, element: <NewRoleRoute /> },
          { path: paths.role.path, element: <RoleRoute /> },
          { path: paths.audit.path, element: <AuditRoute /> },
          { path: paths.changePassword.path, element: <ChangePasswordPage /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
