import type { FindingSeverity } from '@inspector/contracts';
import type { NotificationEvent } from './notification';
import type { NotifierRuleEntity } from './notifier-rule.entity';

type Rule = Pick<NotifierRuleEntity, 'channelId' | 'enabled' | 'minSeverity' | 'instanceIds' | 'tags' | 'analyzerIds' | 'events'>;

const RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, critical: 2 };

function matches(rule: Rule, { event, finding }: NotificationEvent, tagsOf: (instanceId: string) => readonly string[]): boolean {
  if (!rule.enabled || !rule.events.includes(event)) return false;
  if (RANK[finding.severity] < RANK[rule.minSeverity]) return false;
  if (rule.analyzerIds.length > 0 && !rule.analyzerIds.includes(finding.analyzerId)) return false;
  if (rule.instanceIds.length === 0 && rule.tags.length === 0) return true;
  // Inspector's own findings have no instance: only rules for every instance take them.
  if (finding.instanceId === null) return false;
  return rule.instanceIds.includes(finding.instanceId) || tagsOf(finding.instanceId).some((tag) => rule.tags.includes(tag));
}

/**
 * The events each channel receives. A finding matched by several rules of one channel is announced once:
 * whatever arrives together becomes one message per channel.
 */
export function routeEvents(events: NotificationEvent[], rules: Rule[], tagsOf: (instanceId: string) => readonly string[]): Map<string, NotificationEvent[]> {
  const byChannel = new Map<string, NotificationEvent[]>();
  for (const event of events) {
    const channels = new Set(rules.filter((rule) => matches(rule, event, tagsOf)).map((rule) => rule.channelId));
    for (const channelId of channels) byChannel.set(channelId, [...(byChannel.get(channelId) ?? []), event]);
  }
  return byChannel;
}
