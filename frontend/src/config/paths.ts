/** Every SPA path in one place, so the router and the navigation cannot drift apart. */
export const paths = {
  overview: { path: '/', label: 'Overview' },
  health: { path: '/health', label: 'Health' },
} as const;
