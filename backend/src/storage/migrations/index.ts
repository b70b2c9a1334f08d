import { Init1764480000000 as PostgresInit } from './postgres/1764480000000-init';
import { SecurityCore1796013819117 as PostgresSecurityCore } from './postgres/1796013819117-security-core';
import { CollectedData1796015796169 as PostgresCollectedData } from './postgres/1796015796169-collected-data';
import { Findings1796016000000 as PostgresFindings } from './postgres/1796016000000-findings';
import { Notifiers1796017000000 as PostgresNotifiers } from './postgres/1796017000000-notifiers';
import { MetricStoreV21796018000000 as PostgresMetricStoreV2 } from './postgres/1796018000000-metric-store-v2';
import { CompactRollups1796018600000 as PostgresCompactRollups } from './postgres/1796018600000-compact-rollups';
import { ServerSettingChanges1796019000000 as PostgresServerSettingChanges } from './postgres/1796019000000-server-setting-changes';
import { AssistantProviders1796020000000 as PostgresAssistantProviders } from './postgres/1796020000000-assistant-providers';
import { AccessTokens1796273993209 as PostgresAccessTokens } from './postgres/1796273993209-access-tokens';
import { AssistantConversations1796300000000 as PostgresAssistantConversations } from './postgres/1796300000000-assistant-conversations';
import { SingleSignOn1796310000000 as PostgresSingleSignOn } from './postgres/1796310000000-single-sign-on';
import { FiveMinutePoints1796320000000 as PostgresFiveMinutePoints } from './postgres/1796320000000-five-minute-points';
import { InspectorFindings1796330000000 as PostgresInspectorFindings } from './postgres/1796330000000-inspector-findings';
import { Totp1796340000000 as PostgresTotp } from './postgres/1796340000000-totp';
import { AuthSharedState1796350000000 as PostgresAuthSharedState } from './postgres/1796350000000-auth-shared-state';
import { PluginApprovals1796360000000 as PostgresPluginApprovals } from './postgres/1796360000000-plugin-approvals';
import { ReplicaLeases1796380000000 as PostgresReplicaLeases } from './postgres/1796380000000-replica-leases';
import { PluginSettings1796390000000 as PostgresPluginSettings } from './postgres/1796390000000-plugin-settings';
import { StatementTexts1796400000000 as PostgresStatementTexts } from './postgres/1796400000000-statement-texts';
import { Init1764480000000 as SqliteInit } from './sqlite/1764480000000-init';
import { SecurityCore1796013819117 as SqliteSecurityCore } from './sqlite/1796013819117-security-core';
import { CollectedData1796015796169 as SqliteCollectedData } from './sqlite/1796015796169-collected-data';
import { Findings1796016000000 as SqliteFindings } from './sqlite/1796016000000-findings';
import { Notifiers1796017000000 as SqliteNotifiers } from './sqlite/1796017000000-notifiers';
import { MetricStoreV21796018000000 as SqliteMetricStoreV2 } from './sqlite/1796018000000-metric-store-v2';
import { CompactRollups1796018600000 as SqliteCompactRollups } from './sqlite/1796018600000-compact-rollups';
import { ServerSettingChanges1796019000000 as SqliteServerSettingChanges } from './sqlite/1796019000000-server-setting-changes';
import { AssistantProviders1796020000000 as SqliteAssistantProviders } from './sqlite/1796020000000-assistant-providers';
import { AccessTokens1796273993209 as SqliteAccessTokens } from './sqlite/1796273993209-access-tokens';
import { AssistantConversations1796300000000 as SqliteAssistantConversations } from './sqlite/1796300000000-assistant-conversations';
import { SingleSignOn1796310000000 as SqliteSingleSignOn } from './sqlite/1796310000000-single-sign-on';
import { FiveMinutePoints1796320000000 as SqliteFiveMinutePoints } from './sqlite/1796320000000-five-minute-points';
import { InspectorFindings1796330000000 as SqliteInspectorFindings } from './sqlite/1796330000000-inspector-findings';
import { Totp1796340000000 as SqliteTotp } from './sqlite/1796340000000-totp';
import { AuthSharedState1796350000000 as SqliteAuthSharedState } from './sqlite/1796350000000-auth-shared-state';
import { PluginApprovals1796360000000 as SqlitePluginApprovals } from './sqlite/1796360000000-plugin-approvals';
import { ReplicaLeases1796380000000 as SqliteReplicaLeases } from './sqlite/1796380000000-replica-leases';
import { PluginSettings1796390000000 as SqlitePluginSettings } from './sqlite/1796390000000-plugin-settings';
import { StatementTexts1796400000000 as SqliteStatementTexts } from './sqlite/1796400000000-statement-texts';

/**
 * Migrations are written per dialect (types and defaults differ; `pnpm inspector migration:generate <Name>` drafts
 * both from the entities) and listed here in order, so the compiled app and the tests run exactly the same set.
 */
export const sqliteMigrations = [
  SqliteInit,
  SqliteSecurityCore,
  SqliteCollectedData,
  SqliteFindings,
  SqliteNotifiers,
  SqliteMetricStoreV2,
  SqliteCompactRollups,
  SqliteServerSettingChanges,
  SqliteAssistantProviders,
  SqliteAccessTokens,
  SqliteAssistantConversations,
  SqliteSingleSignOn,
  SqliteFiveMinutePoints,
  SqliteInspectorFindings,
  SqliteTotp,
  SqliteAuthSharedState,
  SqlitePluginApprovals,
  SqliteReplicaLeases,
  SqlitePluginSettings,
  SqliteStatementTexts,
];
export const postgresMigrations = [
  PostgresInit,
  PostgresSecurityCore,
  PostgresCollectedData,
  PostgresFindings,
  PostgresNotifiers,
  PostgresMetricStoreV2,
  PostgresCompactRollups,
  PostgresServerSettingChanges,
  PostgresAssistantProviders,
  PostgresAccessTokens,
  PostgresAssistantConversations,
  PostgresSingleSignOn,
  PostgresFiveMinutePoints,
  PostgresInspectorFindings,
  PostgresTotp,
  PostgresAuthSharedState,
  PostgresPluginApprovals,
  PostgresReplicaLeases,
  PostgresPluginSettings,
  PostgresStatementTexts,
];
