import { settingChangesResponseSchema } from '@inspector/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';
import { instancePath, monitoringQueryKey } from './keys';

export type SettingChangesPage = { limit: number; offset: number };

/** The server's setting changes, newest first; a page stays on screen while the next loads. */
export const getSettingChangesQueryOptions = (instanceId: string, page: SettingChangesPage) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'setting-changes', page] as const,
    queryFn: ({ signal }) => apiGet(`${instancePath(instanceId, 'settings/changes')}${queryString(page)}`, settingChangesResponseSchema, { signal }),
    placeholderData: keepPreviousData,
  });

export const useSettingChanges = (instanceId: string, page: SettingChangesPage) => useQuery(getSettingChangesQueryOptions(instanceId, page));
