import { createRuleSchema, type FindingSeverity, type NotificationEventKind, type Rule } from '@inspector/contracts';
import { zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { parseTags } from '@/lib/tags';
import type { CreateRuleInput } from '../api/create-rule';

export type RuleDraft = {
  name: string;
  channelId: string;
  enabled: boolean;
  minSeverity: FindingSeverity;
  instanceIds: string[];
  tags: string;
  analyzerIds: string[];
  events: NotificationEventKind[];
};

export const ruleDraft = (rule?: Rule, channelId = ''): RuleDraft => ({
  name: rule?.name ?? '',
  channelId: rule?.channelId ?? channelId,
  enabled: rule?.enabled ?? true,
  minSeverity: rule?.minSeverity ?? 'warning',
  instanceIds: rule?.instanceIds ?? [],
  tags: rule?.tags.join(', ') ?? '',
  analyzerIds: rule?.analyzerIds ?? [],
  events: rule?.events ?? ['opened', 'escalated', 'resolved'],
});

/** The body for POST or PATCH (a rule is sent whole either way), checked with the contract's schema. */
export function rulePayload(draft: RuleDraft): { body: CreateRuleInput | null; errors: FieldErrors } {
  const body = { ...draft, name: draft.name.trim(), tags: parseTags(draft.tags) };
  const parsed = createRuleSchema.safeParse(body);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  if (!body.name) errors.name = 'Enter a name';
  if (!body.channelId) errors.channelId = 'Choose a channel';
  if (body.events.length === 0) errors.events = 'Choose at least one event';
  return { body: Object.values(errors).some(Boolean) ? null : body, errors };
}
