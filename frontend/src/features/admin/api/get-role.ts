import { roleSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { rolesQueryKey } from './get-roles';

export const roleQueryKey = (id: string) => [...rolesQueryKey, id] as const;

export const getRole = (id: string, signal?: AbortSignal) => apiGet(`/roles/${encodeURIComponent(id)}`, roleSchema, { signal });

export const getRoleQueryOptions = (id: string) => queryOptions({ queryKey: roleQueryKey(id), queryFn: ({ signal }) => getRole(id, signal) });

export const useRole = (id: string, { enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getRoleQueryOptions(id), enabled });
