import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { figure, getSnapshotQueryOptions, text } from './get-snapshot';

const statementRowSchema = z.object({
  queryid: text,
  dbid: z.number(),
  userid: z.number(),
  calls: figure,
  mean_exec_time_ms: figure,
  query: text,
});

/**
 * The latest normalized text of one statement (`dbid:userid:queryid`). The snapshot is searched by query id,
 * which any text containing the same digits also matches, so the row is picked by its full key.
 */
export function useStatementText(instanceId: string, key: string) {
  const [dbid, userid, queryid = ''] = key.split(':');
  const query = useQuery(getSnapshotQueryOptions(instanceId, 'statements', statementRowSchema, { q: queryid, limit: 500, offset: 0 }));
  const row = query.data?.rows.find((candidate) => candidate.queryid === queryid && String(candidate.dbid) === dbid && String(candidate.userid) === userid);
  return { ...query, row };
}
