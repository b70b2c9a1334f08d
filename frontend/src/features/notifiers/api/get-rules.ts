import { ruleListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { rulesQueryKey } from './keys';

/** Which findings go to which channel. */
export const getRules = (signal?: AbortSignal) => apiGet('/notifiers/rules', ruleListSchema, { signal });

export const useRules = () => useQuery(queryOptions({ queryKey: rulesQueryKey, queryFn: ({ signal }) => getRules(signal) }));
