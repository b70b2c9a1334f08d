import { FINDING_SEVERITIES, FINDING_STATUSES, findingQuerySchema } from '@inspector/contracts';
import { z } from 'zod';
import { ANALYZERS } from '../../analyzers/registry';
import { defineTool } from './assistant-tool';
import { instanceId } from './tool-inputs';

export const findings = defineTool({
  name: 'get_findings',
  description:
    "An instance's findings (problems the analyzers found), most severe first, each with its evidence (the figures behind it) and its recommendation (usually SQL for a person to run; never run by Inspector).",
  input: z.object({
    instanceId,
    status: z.array(z.enum(FINDING_STATUSES)).optional().describe('Default: every status'),
    severity: z.array(z.enum(FINDING_SEVERITIES)).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  }),
  permission: 'findings:read',
  scope: 'instance',
  async run({ instanceId: id, status, severity, limit }, { principal, services, includeQueryText }) {
    const query = findingQuerySchema.parse({ limit });
    const { items, total } = await services.findings.list(principal, { ...query, status, severity }, id);
    return {
      total,
      items: items.map((finding) => ({
        id: finding.id,
        analyzer: finding.analyzerId,
        severity: finding.severity,
        status: finding.status,
        // The top-statements analyzer names a statement by its text when the text was collected.
        title: includeQueryText || finding.analyzerId !== 'top-statements' ? finding.title : `Statement ${String(finding.objects.queryid)}`,
        objects: finding.objects,
        evidence: finding.evidence,
        recommendation: finding.recommendation,
        firstSeenAt: finding.firstSeenAt,
        lastSeenAt: finding.lastSeenAt,
      })),
    };
  },
});

export const analyzerDescriptions = defineTool({
  name: 'analyzer_descriptions',
  description: 'What each analyzer checks: id, title, category, the engines it judges, description and default thresholds.',
  input: z.object({}),
  permission: 'config.thresholds:read',
  scope: 'global',
  run: () =>
    Promise.resolve(
      ANALYZERS.map((analyzer) => ({
        id: analyzer.id,
        title: analyzer.title,
        category: analyzer.category,
        engines: analyzer.engines,
        description: analyzer.description,
        defaultThresholds: analyzer.defaultThresholds,
      })),
    ),
});
