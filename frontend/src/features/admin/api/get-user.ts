import { userSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

export const userQueryKey = (id: string) => [...usersQueryKey, 'one', id] as const;

export const getUser = (id: string, signal?: AbortSignal) => apiGet(`/users/${encodeURIComponent(id)}`, userSchema, { signal });

export const getUserQueryOptions = (id: string) => queryOptions({ queryKey: userQueryKey(id), queryFn: ({ signal }) => getUser(id, signal) });

export const useUser = (id: string) => useQuery(getUserQueryOptions(id));
