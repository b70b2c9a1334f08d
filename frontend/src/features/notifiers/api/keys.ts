export const channelsQueryKey = ['notifiers', 'channels'] as const;
export const rulesQueryKey = ['notifiers', 'rules'] as const;
export const deliveriesQueryKey = ['notifiers', 'deliveries'] as const;
