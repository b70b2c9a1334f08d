import { z } from 'zod';
import { canOnInstance } from '../../access/access-policy';
import { defineTool } from './assistant-tool';
import { instanceId, range } from './tool-inputs';

/** Instances the caller may monitor, each with its state and, where they may read findings, unresolved counts. */
export const listInstances = defineTool({
  name: 'list_instances',
  description: 'Lists the PostgreSQL instances you may monitor: id, name, tags, state (up, down, degraded, unknown) and unresolved findings by severity.',
  input: z.object({}),
  permission: 'monitoring:read',
  scope: 'anyInstance',
  async run(_input, { principal, services }) {
    const visible = (await services.directory.summaries()).filter((instance) => canOnInstance(principal, 'monitoring:read', instance));
    const readable = visible.filter((instance) => canOnInstance(principal, 'findings:read', instance)).map((instance) => instance.id);
    const counts = await services.findings.unresolvedCounts(readable);
    return Promise.all(
      visible.map(async (instance) => {
        const status = await services.monitoring.instanceStatus(instance.id);
        const findings = readable.includes(instance.id) ? (counts.get(instance.id) ?? { critical: 0, warning: 0, info: 0 }) : null;
        return { id: instance.id, name: instance.name, tags: instance.tags, state: status.state, lastError: status.lastError, findings };
      }),
    );
  },
});

export const instanceStatus = defineTool({
  name: 'instance_status',
  description: "One instance's state with each collector's last run, duration and error.",
  input: z.object({ instanceId }),
  permission: 'monitoring:read',
  scope: 'instance',
  run: ({ instanceId: id }, { services }) => services.monitoring.instanceStatus(id),
});

export const metricSeries = defineTool({
  name: 'metric_series',
  description:
    'One metric over a time range as series per object (database, table…), averaged into at most maxPoints buckets. Metric names look like activity.client_sessions, databases.xact_commit, statements.calls.',
  input: z.object({
    instanceId,
    metric: z.string().min(1).max(100),
    object: z.string().max(255).optional().describe('Only this object (for example a database name)'),
    ...range,
    maxPoints: z.number().int().min(10).max(200).default(60),
  }),
  permission: 'monitoring:read',
  scope: 'instance',
  run: ({ instanceId: id, ...query }, { services }) => services.monitoring.series(id, query),
});
