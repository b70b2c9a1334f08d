import { topStatementsQuerySchema } from '@inspector/contracts';
import { z } from 'zod';
import { defineTool } from './assistant-tool';
import { instanceId, range } from './tool-inputs';

const snapshotQuery = {
  q: z.string().max(200).optional().describe('Keep rows where any text value contains this'),
  sort: z.string().max(64).optional().describe('Column to sort by, descending'),
  limit: z.number().int().min(1).max(50).default(20),
};

export const topStatements = defineTool({
  name: 'top_statements',
  description:
    'Top SQL statements over a time range from pg_stat_statements deltas: calls, total and mean time, rows, blocks, and the change against the previous period. `key` identifies a statement for statement_history.',
  input: z.object({
    instanceId,
    ...range,
    sort: z.enum(['totalTimeMs', 'calls', 'meanTimeMs', 'rows', 'sharedBlksRead', 'tempBlksWritten']).default('totalTimeMs'),
    limit: z.number().int().min(1).max(25).default(10),
  }),
  permission: 'monitoring.queries:read',
  scope: 'instance',
  run: ({ instanceId: id, ...query }, { services }) => services.topStatements.top(id, topStatementsQuerySchema.parse(query)),
});

export const statementHistory = defineTool({
  name: 'statement_history',
  description: "One statement's calls and execution time over a time range, as series; `key` comes from top_statements.",
  input: z.object({ instanceId, key: z.string().min(1).max(255), ...range, maxPoints: z.number().int().min(10).max(200).default(60) }),
  permission: 'monitoring.queries:read',
  scope: 'instance',
  async run({ instanceId: id, key, ...query }, { services }) {
    const [calls, time] = await Promise.all(
      ['statements.calls', 'statements.total_exec_time_ms'].map((metric) => services.monitoring.series(id, { metric, object: key, ...query })),
    );
    return { key, calls, totalExecTimeMs: time };
  },
});

export const activity = defineTool({
  name: 'activity',
  description:
    'Sessions in the latest activity snapshot (pg_stat_activity): state, durations, wait events, and blocking_pids, the sessions each one waits for.',
  input: z.object({ instanceId, ...snapshotQuery }),
  permission: 'monitoring.activity:read',
  scope: 'instance',
  run: ({ instanceId: id, ...query }, { services }) => services.monitoring.snapshot(id, 'activity', { ...query, order: 'desc', offset: 0 }),
});

export const tablesAndIndexes = defineTool({
  name: 'tables_and_indexes',
  description:
    'Tables or indexes from the latest catalog snapshot with sizes, scans, tuples and vacuum times; sort by a column to find the largest or least used.',
  input: z.object({ instanceId, kind: z.enum(['tables', 'indexes']), ...snapshotQuery }),
  permission: 'monitoring.tables:read',
  scope: 'instance',
  run: ({ instanceId: id, kind, ...query }, { services }) => services.monitoring.snapshot(id, kind, { ...query, order: 'desc', offset: 0 }),
});

export const serverSettings = defineTool({
  name: 'server_settings',
  description: "The server's settings (pg_settings) from the latest snapshot, filtered by `q`, and the most recent setting changes Inspector saw.",
  input: z.object({ instanceId, ...snapshotQuery, changes: z.number().int().min(0).max(50).default(10).describe('How many recent changes') }),
  permission: 'monitoring.settings:read',
  scope: 'instance',
  async run({ instanceId: id, changes, ...query }, { services }) {
    const [settings, changed] = await Promise.all([
      services.monitoring.snapshot(id, 'settings', { ...query, order: 'desc', offset: 0 }),
      services.metrics.settingChanges(id, { limit: changes, offset: 0 }),
    ]);
    return {
      settings,
      changes: changed.items.map((change) => ({
        at: change.at.toISOString(),
        name: change.name,
        previousValue: change.previousValue,
        newValue: change.newValue,
        unit: change.unit,
      })),
    };
  },
});
