import { SPAN } from './rollups';
import type { MetricsSql } from './sql';
import type { ReadTier } from './tier-choice';

/** Rows a tier reads, and the names of their time, value and delta columns. */
export interface TierSource {
  table: string;
  time: string;
  value: string;
  delta: string;
  /** `AND ...` limiting the table to the rows that belong to the tier ('' for all). */
  where: string;
  /** Coarser rows read by a finer tier: older than that tier's retention they stand for data the tier no longer has. */
  standIn: boolean;
}

const HOURLY = { table: 'metric_rollup_1h', time: 'bucket', value: 'last', delta: 'delta_sum' };
const FIVE_MINUTE = { ...HOURLY, table: 'metric_rollup_5m' };
const OWN = { where: '', standIn: false };

/**
 * The tables a tier reads: its own, then the rollup rows that stand in for it (a point or an hour written as one row,
 * see SPAN in rollups.ts): raw points read the hourly and 5-minute rows that hold a single point, 5-minute buckets the
 * hourly rows covering one 5-minute bucket, and hours the 5-minute rows of hours that have no hourly row yet. Each row
 * is in exactly one source, so sums over the sources count every point once.
 */
export function tierSources(table: ReadTier['table']): TierSource[] {
  if (table === 'metric_rollup_1h')
    return [
      { ...HOURLY, ...OWN },
      { ...FIVE_MINUTE, ...OWN, where: ` AND span = ${SPAN.LONE_POINT}` },
    ];
  if (table === 'metric_rollup_5m')
    return [
      { ...FIVE_MINUTE, ...OWN },
      { ...HOURLY, where: ` AND span <= ${SPAN.FIVE_MINUTES}`, standIn: true },
    ];
  return [
    { table, time: 'at', value: 'value', delta: 'delta', ...OWN },
    { ...FIVE_MINUTE, where: ` AND span IN (${SPAN.POINT}, ${SPAN.LONE_POINT})`, standIn: true },
    { ...HOURLY, where: ` AND span = ${SPAN.POINT}`, standIn: true },
  ];
}

const num = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value));

/** The tier's sources glued with UNION ALL, each filtered by series and time itself, so each reads through its key. */
export function union(sql: MetricsSql, table: ReadTier['table'], ids: number[], select: (source: TierSource) => string): string {
  return tierSources(table)
    .map(
      (source) =>
        `SELECT ${select(source)} FROM ${source.table} WHERE series_id IN (${sql.list(ids.length)}) AND ${source.time} >= ? AND ${source.time} <= ?${source.where}`,
    )
    .join(' UNION ALL ');
}

/** The parameters of `union` for [from, to]. */
export function unionParameters(table: ReadTier['table'], ids: number[], from: number, to: number): number[] {
  return tierSources(table).flatMap(() => [...ids, from, to]);
}

export type Reading = { at: number; value: number | null };

/**
 * Per source, correlated subqueries for the reading of series `s` nearest `time` on one side (`<`, `<=`: the latest
 * before; `>`: the first after), as columns named after `name`; `pick` then takes the nearest of the sources. Hourly
 * rows standing in for a finer tier count from `horizon` on: older ones stand for data that tier no longer holds.
 */
export function nearestReadings(sources: TierSource[], name: string, comparison: '<' | '<=' | '>', time: number, horizon: number, nonNull: boolean) {
  const after = comparison === '>';
  const selects = sources.map((source, index) => {
    const where = `FROM ${source.table} p WHERE p.series_id = s.id AND p.${source.time} ${comparison} ?${source.standIn ? ` AND p.${source.time} >= ?` : ''}${source.where}${
      nonNull ? ` AND p.${source.value} IS NOT NULL` : ''
    } ORDER BY p.${source.time} ${after ? 'ASC' : 'DESC'} LIMIT 1`;
    return `(SELECT p.${source.time} ${where}) AS ${name}_at${index}, (SELECT p.${source.value} ${where}) AS ${name}_value${index}`;
  });
  return {
    selects: selects.join(', '),
    parameters: sources.flatMap((source) => (source.standIn ? [time, horizon, time, horizon] : [time, time])),
    pick(row: Record<string, string | number | null>): Reading | null {
      const readings = sources.flatMap((_, index) =>
        row[`${name}_at${index}`] === null ? [] : [{ at: Number(row[`${name}_at${index}`]), value: num(row[`${name}_value${index}`]) }],
      );
      readings.sort((a, b) => (after ? a.at - b.at : b.at - a.at));
      return readings[0] ?? null;
    },
  };
}
