import { Injectable } from '@nestjs/common';
import type { TopStatement, TopStatementsQuery } from '@inspector/contracts';
import { MetricsReader } from '../metrics/metrics.reader';
import { comparePeriods } from './period-comparison';

const DEFAULT_RANGE_MS = 3_600_000;

/** Counter metrics of the statements collector and the field each one sums into. */
const FIELDS = {
  'statements.calls': 'calls',
  'statements.total_exec_time_ms': 'totalTimeMs',
  'statements.rows': 'rows',
  'statements.shared_blks_hit': 'sharedBlksHit',
  'statements.shared_blks_read': 'sharedBlksRead',
  'statements.temp_blks_written': 'tempBlksWritten',
} as const;

type Totals = Record<(typeof FIELDS)[keyof typeof FIELDS], number>;

/**
 * Top statements over a time range, from the stored counter deltas: what ran in that window, not since the last
 * pg_stat_statements reset. Text, database and user come from the latest statements snapshot. Each statement is also
 * compared with the previous period of the same length (more calls, slower per call, or new).
 */
@Injectable()
export class TopStatementsService {
  constructor(private readonly metrics: MetricsReader) {}

  async top(instanceId: string, query: TopStatementsQuery) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
    const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
    const [byKey, previous] = await Promise.all([this.totals(instanceId, from, to), this.totals(instanceId, previousFrom, from)]);
    const changes = comparePeriods(byKey, previous);
    const texts = await this.latestTexts(instanceId);
    let items: TopStatement[] = [...byKey]
      .filter(([, totals]) => totals.calls > 0)
      .map(([key, totals]) => {
        const [dbid, userid, queryid] = key.split(':');
        const latest = texts.get(key);
        return {
          key,
          queryid,
          database: latest?.database ?? dbid,
          user: latest?.user ?? userid,
          query: latest?.query ?? null,
          ...totals,
          meanTimeMs: totals.calls > 0 ? totals.totalTimeMs / totals.calls : null,
          change: changes.get(key) ?? null,
        };
      });
    if (query.q) {
      const needle = query.q.toLowerCase();
      items = items.filter((item) => item.query?.toLowerCase().includes(needle) || item.queryid.includes(needle));
    }
    items.sort((a, b) => (b[query.sort] ?? 0) - (a[query.sort] ?? 0));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      previousFrom: previousFrom.toISOString(),
      total: items.length,
      items: items.slice(query.offset, query.offset + query.limit),
    };
  }

  /** Each statement's counter growth over (from, to], by series key. */
  private async totals(instanceId: string, from: Date, to: Date): Promise<Map<string, Totals>> {
    const byKey = new Map<string, Totals>();
    for (const row of await this.metrics.deltaTotals(instanceId, 'statements', from, to)) {
      const field = FIELDS[row.metric as keyof typeof FIELDS];
      if (!field) continue;
      const totals = byKey.get(row.object) ?? { calls: 0, totalTimeMs: 0, rows: 0, sharedBlksHit: 0, sharedBlksRead: 0, tempBlksWritten: 0 };
      totals[field] = row.total;
      byKey.set(row.object, totals);
    }
    return byKey;
  }

  private async latestTexts(instanceId: string): Promise<Map<string, { query: string | null; database: string | null; user: string | null }>> {
    const [statements, databases] = await Promise.all([this.metrics.snapshot(instanceId, 'statements'), this.metrics.snapshot(instanceId, 'databases')]);
    const databaseNames = new Map(
      ((databases?.rows ?? []) as Array<{ database_oid?: number; database_name?: string }>).map((row) => [String(row.database_oid), row.database_name ?? null]),
    );
    const texts = new Map<string, { query: string | null; database: string | null; user: string | null }>();
    for (const row of (statements?.rows ?? []) as Array<{ dbid: number; userid: number; queryid: string | null; query: string | null }>) {
      if (row.queryid === null) continue;
      texts.set(`${row.dbid}:${row.userid}:${row.queryid}`, { query: row.query, database: databaseNames.get(String(row.dbid)) ?? null, user: null });
    }
    return texts;
  }
}
