/** Everything read about one instance's monitoring data sits under this key, so a collection refreshes it all. */
export const monitoringQueryKey = (instanceId: string) => ['instances', instanceId, 'monitoring'] as const;

export const instancePath = (instanceId: string, rest: string) => `/instances/${encodeURIComponent(instanceId)}/${rest}`;

/** Every metric the collectors declare; the same for every instance. */
export const METRIC_CATALOG_PATH = '/collectors/metrics';
