import { roleListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const rolesQueryKey = ['roles'] as const;

/** All roles, built-in first. */
export const getRoles = (signal?: AbortSignal) => apiGet('/roles', roleListSchema, { signal });

export const getRolesQueryOptions = () => queryOptions({ queryKey: rolesQueryKey, queryFn: ({ signal }) => getRoles(signal) });

export const useRoles = ({ enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getRolesQueryOptions(), enabled });
