import type { Instance, LoginResponse, MeResponse, Role, User } from '@inspector/contracts';

export const loginAnswer = (session: MeResponse, accessToken = 'fresh-token'): LoginResponse => ({
  accessToken,
  tokenType: 'Bearer',
  expiresAt: session.expiresAt,
  user: session.user,
  permissions: session.permissions,
});

export const instance = (overrides: Partial<Instance> = {}): Instance => ({
  id: 'i-1',
  name: 'orders-db',
  engine: 'postgres',
  tags: ['production'],
  connection: { source: 'stored', set: true },
  tls: null,
  hardware: null,
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
  ...overrides,
});

export const role = (overrides: Partial<Role> = {}): Role => ({
  id: 'r-1',
  name: 'Readers',
  description: null,
  builtin: false,
  permissions: ['instances:read'],
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
  ...overrides,
});

export const user = (overrides: Partial<User> = {}): User => ({
  id: 'u-2',
  username: 'bob',
  displayName: null,
  disabled: false,
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
  lastLoginAt: null,
  signInMethod: 'password',
  assignments: [],
  ...overrides,
});

export const apiError = (statusCode: number, message: string, errors?: { path: string; message: string }[]) => ({
  statusCode,
  error: 'Error',
  message,
  requestId: 'req-1',
  ...(errors ? { errors } : {}),
});
