import { ssoGroupMappingSchema, type CreateSsoGroupMappingRequest } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { ssoGroupMappingsQueryKey } from './get-sso-group-mappings';

export const createSsoGroupMapping = (body: CreateSsoGroupMappingRequest) => apiPost('/auth/sso/group-mappings', ssoGroupMappingSchema, { body });

export function useCreateSsoGroupMapping() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createSsoGroupMapping, onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoGroupMappingsQueryKey }) });
}
