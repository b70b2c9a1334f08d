import { paths } from '@/config/paths';
import { ChangePasswordPage } from '@/features/auth/components/ChangePasswordPage';
import { TwoFactorPage } from '@/features/auth/components/TwoFactorPage';
import { LoginPage } from '@/features/auth/components/LoginPage';
import { SetupPage } from '@/features/auth/components/SetupPage';
import { SsoCallbackPage } from '@/features/auth/components/SsoCallbackPage';
import { HealthPage } from '@/features/health/components/HealthPage';
import { EditInstancePage } from '@/features/instances/components/EditInstancePage';
import { InstancesPage } from '@/features/instances/components/InstancesPage';
import { NewInstancePage } from '@/features/instances/components/NewInstancePage';
import { getInstanceQueryOptions } from '@/features/instances/api/get-instance';
import { lazyPage } from './lazy-page';
import { menuLinks, type PageDeclaration } from './page-catalog';
import { AdminIndexRoute } from './routes/admin';
import { InstanceLayoutRoute, OpenInstanceDetails } from './routes/instance/layout';
import { prefetchHome } from './routes/home-requests';
import { prefetchInstanceOverview } from './routes/instance/overview-prefetch';
import { OverviewRoute } from './routes/overview';

// Admin pages are for few users and load on demand, keeping the first load small.
const UsersRoute = lazyPage(() => import('./routes/admin/users'), 'UsersRoute');
const NewUserRoute = lazyPage(() => import('./routes/admin/users'), 'NewUserRoute');
const EditUserRoute = lazyPage(() => import('./routes/admin/users'), 'EditUserRoute');
const RolesPage = lazyPage(() => import('@/features/admin/components/RolesPage'), 'RolesPage');
const RoleEditorPage = lazyPage(() => import('@/features/admin/components/RoleEditorPage'), 'RoleEditorPage');
const AccessTokensRoute = lazyPage(() => import('./routes/access-tokens'), 'AccessTokensRoute');
const AuditPage = lazyPage(() => import('@/features/admin/components/AuditPage'), 'AuditPage');
const ProvidersPage = lazyPage(() => import('./routes/assistant'), 'ProvidersPage');
const PluginsPage = lazyPage(() => import('@/features/plugins/components/PluginsPage'), 'PluginsPage');

// Monitoring pages load on demand too; the ones that chart share one chunk with uPlot.
const InstanceOverviewRoute = lazyPage(() => import('./routes/instance/overview'), 'InstanceOverviewRoute');
const StatementRoute = lazyPage(() => import('./routes/instance/overview'), 'StatementRoute');
const QueriesRoute = lazyPage(() => import('./routes/instance/sections'), 'QueriesRoute');
const TablesRoute = lazyPage(() => import('./routes/instance/sections'), 'TablesRoute');
const ActivityRoute = lazyPage(() => import('./routes/instance/sections'), 'ActivityRoute');
const InstanceFindingsRoute = lazyPage(() => import('./routes/instance/sections'), 'InstanceFindingsRoute');
const InstanceThresholdsRoute = lazyPage(() => import('./routes/instance/thresholds'), 'InstanceThresholdsRoute');
const InstanceDetailsRoute = lazyPage(() => import('./routes/instance/sections'), 'InstanceDetailsRoute');
const FindingsRoute = lazyPage(() => import('./routes/findings'), 'FindingsRoute');
const NotifiersPage = lazyPage(() => import('./routes/notifiers'), 'NotifiersPage');
const NewChannelRoute = lazyPage(() => import('./routes/notifiers'), 'NewChannelRoute');
const EditChannelRoute = lazyPage(() => import('./routes/notifiers'), 'EditChannelRoute');
const NewRuleRoute = lazyPage(() => import('./routes/notifiers'), 'NewRuleRoute');
const EditRuleRoute = lazyPage(() => import('./routes/notifiers'), 'EditRuleRoute');
const AssistantRoute = lazyPage(() => import('./routes/assistant'), 'AssistantRoute');
const InstanceAssistantRoute = lazyPage(() => import('./routes/assistant'), 'InstanceAssistantRoute');
const ConfigurationRoute = lazyPage(() => import('./routes/configuration'), 'ConfigurationRoute');

/** An instance's sections, in tab order; the instance page above them already requires instances:read. */
export const instanceSections: readonly PageDeclaration[] = [
  {
    label: 'Overview',
    access: { anyOf: ['monitoring:read'] },
    placement: 'instance-tab',
    component: InstanceOverviewRoute,
    prefetch: ({ id = '' }, client, search) => prefetchInstanceOverview(id, search, client),
    // Without monitoring:read there is nothing to chart: the instance opens on its details instead.
    denied: OpenInstanceDetails,
  },
  { ...paths.instanceQueries, access: { anyOf: ['monitoring.queries:read'] }, placement: 'instance-tab', component: QueriesRoute },
  { ...paths.instanceStatement, access: { anyOf: ['monitoring.queries:read'] }, component: StatementRoute },
  { ...paths.instanceTables, access: { anyOf: ['monitoring.tables:read'] }, placement: 'instance-tab', component: TablesRoute },
  { ...paths.instanceActivity, access: { anyOf: ['monitoring.activity:read'] }, placement: 'instance-tab', component: ActivityRoute },
  { ...paths.instanceFindings, access: { anyOf: ['findings:read'] }, placement: 'instance-tab', component: InstanceFindingsRoute },
  { ...paths.instanceThresholds, access: { anyOf: ['config.thresholds:read'] }, placement: 'instance-tab', component: InstanceThresholdsRoute },
  { ...paths.instanceAssistant, access: { anyOf: ['assistant:read'] }, placement: 'instance-tab', component: InstanceAssistantRoute },
  { ...paths.instanceDetails, access: 'authenticated', placement: 'instance-tab', component: InstanceDetailsRoute },
];

/** The admin menu's pages and the forms they lead to. */
const adminPages: readonly PageDeclaration[] = [
  { ...paths.users, access: { anyOf: ['users:read'] }, placement: 'admin', component: UsersRoute },
  { ...paths.newUser, access: { anyOf: ['users:write'] }, component: NewUserRoute },
  { ...paths.user, access: { anyOf: ['users:read'] }, component: EditUserRoute },
  { ...paths.roles, access: { anyOf: ['roles:read'] }, placement: 'admin', component: RolesPage },
  { ...paths.newRole, access: { anyOf: ['roles:write'] }, component: RoleEditorPage },
  { ...paths.role, access: { anyOf: ['roles:read'] }, component: RoleEditorPage },
  { ...paths.audit, access: { anyOf: ['audit:read'] }, placement: 'admin', component: AuditPage },
  { ...paths.assistantProviders, access: { anyOf: ['assistant:write'] }, placement: 'admin', component: ProvidersPage },
  { ...paths.plugins, access: { anyOf: ['plugins:read'] }, placement: 'admin', component: PluginsPage },
];

const adminMenu = menuLinks(adminPages, 'admin');

/** Every page of the SPA, menu entries in menu order. */
export const pages: readonly PageDeclaration[] = [
  { ...paths.login, access: 'public', component: LoginPage },
  { ...paths.setup, access: 'public', component: SetupPage },
  { ...paths.ssoCallback, access: 'public', component: SsoCallbackPage },
  { ...paths.overview, access: 'authenticated', placement: 'main', component: OverviewRoute, prefetch: (_params, client) => prefetchHome(client) },
  { ...paths.health, access: 'authenticated', placement: 'main', component: HealthPage },
  { ...paths.instances, access: { anyOf: ['instances:read'] }, placement: 'main', component: InstancesPage },
  { ...paths.newInstance, access: { anyOf: ['instances:write'] }, component: NewInstancePage },
  {
    ...paths.instance,
    access: { anyOf: ['instances:read'] },
    component: () => <InstanceLayoutRoute sections={instanceSections} />,
    prefetch: ({ id = '' }, client) => void client.prefetchQuery(getInstanceQueryOptions(id)),
    children: instanceSections,
  },
  { ...paths.editInstance, access: { anyOf: ['instances.settings:write'] }, component: EditInstancePage },
  { ...paths.findings, access: { anyOf: ['findings:read'] }, placement: 'main', component: FindingsRoute },
  { ...paths.assistant, access: { anyOf: ['assistant:read'] }, placement: 'main', component: AssistantRoute },
  { ...paths.notifiers, access: { anyOf: ['notifiers:read'] }, placement: 'main', component: NotifiersPage },
  { ...paths.newChannel, access: { anyOf: ['notifiers:write'] }, component: NewChannelRoute },
  { ...paths.channel, access: { anyOf: ['notifiers:write'] }, component: EditChannelRoute },
  { ...paths.newRule, access: { anyOf: ['notifiers:write'] }, component: NewRuleRoute },
  { ...paths.rule, access: { anyOf: ['notifiers:write'] }, component: EditRuleRoute },
  // config:read implies both sub-areas; either sub-area alone opens its part of the page.
  {
    ...paths.configuration,
    access: { anyOf: ['config:read', 'config.retention:read', 'config.thresholds:read'] },
    placement: 'main',
    component: ConfigurationRoute,
  },
  // /admin opens the first admin page the user may see.
  {
    ...paths.admin,
    access: { anyOf: adminMenu.flatMap((link) => link.anyOf ?? []) },
    component: () => <AdminIndexRoute menu={adminMenu} />,
  },
  ...adminPages,
  { ...paths.changePassword, access: 'authenticated', component: ChangePasswordPage },
  { ...paths.twoFactor, access: 'authenticated', component: TwoFactorPage },
  { ...paths.accessTokens, access: 'authenticated', component: AccessTokensRoute },
];
