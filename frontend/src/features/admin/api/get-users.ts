import { userListSchema } from '@inspector/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';

export const usersQueryKey = ['users'] as const;

export const getUsers = (page: { limit: number; offset: number }, signal?: AbortSignal) => apiGet(`/users${queryString(page)}`, userListSchema, { signal });

export const getUsersQueryOptions = (page: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: [...usersQueryKey, 'list', page] as const,
    queryFn: ({ signal }) => getUsers(page, signal),
    placeholderData: keepPreviousData,
  });

export const useUsers = (page: { limit: number; offset: number }) => useQuery(getUsersQueryOptions(page));
