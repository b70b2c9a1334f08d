import { AccessTokenEntity } from './access-tokens/access-token.entity';
import { AnalyzerOverrideEntity } from './analyzers/analyzer-override.entity';
import { AssistantConversationEntity } from './assistant/conversations/conversation.entity';
import { AssistantProviderEntity } from './assistant/assistant-provider.entity';
import { AuditEventEntity } from './audit/audit-event.entity';
import { EmergencyFailureEntity } from './auth/emergency-failure.entity';
import { LoginFailureEntity } from './auth/login-failure.entity';
import { MfaChallengeEntity } from './auth/mfa/mfa-challenge.entity';
import { RecoveryCodeEntity } from './auth/mfa/recovery-code.entity';
import { UserTotpEntity } from './auth/mfa/user-totp.entity';
import { SessionEntity } from './auth/session.entity';
import { SsoGroupMappingEntity } from './auth/sso/sso-group-mapping.entity';
import { SsoUsedStateEntity } from './auth/sso/sso-used-state.entity';
import { FindingEntity } from './findings/finding.entity';
import { InstanceEntity } from './instances/instance.entity';
import { CollectorCoverageEntity } from './metrics/collector-coverage.entity';
import { CollectorStatusEntity } from './metrics/collector-status.entity';
import { MetricPointEntity } from './metrics/metric-point.entity';
import { StatementTextEntity } from './metrics/statement-text.entity';
import { MetricRollup1hEntity, MetricRollup5mEntity } from './metrics/metric-rollup.entity';
import { MetricSeriesEntity } from './metrics/metric-series.entity';
import { ServerSettingChangeEntity } from './metrics/server-setting-change.entity';
import { SnapshotEntity } from './metrics/snapshot.entity';
import { NotificationDeliveryEntity } from './notifiers/notification-delivery.entity';
import { NotifierChannelEntity } from './notifiers/notifier-channel.entity';
import { NotifierRuleEntity } from './notifiers/notifier-rule.entity';
import { PluginApprovalEntity } from './plugins/plugin-approval.entity';
import { ReplicaLeaseEntity } from './replicas/replica-lease.entity';
import { ReplicaEntity } from './replicas/replica.entity';
import { PluginSettingEntity } from './plugins/plugin-setting.entity';
import { RoleEntity } from './roles/role.entity';
import { AppSetting } from './app-settings/app-setting.entity';
import { RoleAssignmentEntity } from './users/role-assignment.entity';
import { UserEntity } from './users/user.entity';

/** Every entity of the app, handed to storage when it opens: storage imports no feature. Feature modules add theirs here. */
export const entities = [
  AppSetting,
  UserEntity,
  RoleEntity,
  RoleAssignmentEntity,
  SessionEntity,
  SsoGroupMappingEntity,
  UserTotpEntity,
  RecoveryCodeEntity,
  LoginFailureEntity,
  EmergencyFailureEntity,
  MfaChallengeEntity,
  SsoUsedStateEntity,
  AccessTokenEntity,
  AuditEventEntity,
  InstanceEntity,
  MetricSeriesEntity,
  MetricPointEntity,
  StatementTextEntity,
  MetricRollup5mEntity,
  MetricRollup1hEntity,
  CollectorCoverageEntity,
  SnapshotEntity,
  ServerSettingChangeEntity,
  CollectorStatusEntity,
  FindingEntity,
  AnalyzerOverrideEntity,
  NotifierChannelEntity,
  NotifierRuleEntity,
  NotificationDeliveryEntity,
  AssistantProviderEntity,
  AssistantConversationEntity,
  PluginApprovalEntity,
  ReplicaEntity,
  ReplicaLeaseEntity,
  PluginSettingEntity,
];
