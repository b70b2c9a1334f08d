import type { Permission } from '@inspector/contracts';
import request from 'supertest';
import { expect } from 'vitest';
import type { TestApp } from './app-harness';

export const ADMIN = { username: 'admin', password: 'correct-horse-battery-staple' };

/** The one-time setup token the server logged at startup, as an operator would read it. */
export function setupTokenFrom(sut: TestApp): string {
  const line = sut.logs.find((entry) => typeof entry.msg === 'string' && entry.msg.includes('one-time setup token'));
  const token = /setup token: (\S+)$/.exec(String(line?.msg))?.[1];
  if (!token) throw new Error('no setup token in the logs');
  return token;
}

/** Runs first-run setup and returns the admin's bearer token. */
export async function setupAdmin(sut: TestApp): Promise<string> {
  const response = await request(sut.server)
    .post('/api/setup')
    .send({ token: setupTokenFrom(sut), ...ADMIN })
    .expect(201);
  return response.body.accessToken as string;
}

export async function login(sut: TestApp, username: string, password: string): Promise<string> {
  const response = await request(sut.server).post('/api/auth/login').send({ username, password });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.accessToken as string;
}

let roleCounter = 0;
/** A custom role with exactly these permissions. */
export async function createRole(sut: TestApp, adminToken: string, permissions: Permission[]): Promise<string> {
  const response = await request(sut.server)
    .post('/api/roles')
    .auth(adminToken, { type: 'bearer' })
    .send({ name: `role-${++roleCounter}-${Date.now()}`, permissions })
    .expect(201);
  return response.body.id as string;
}

let userCounter = 0;
/** Creates a user with the given assignments and logs them in. */
export async function createUser(
  sut: TestApp,
  adminToken: string,
  assignments: Array<{ roleId: string; scope?: { instanceIds?: string[]; tags?: string[] } | null }> = [],
): Promise<{ id: string; username: string; password: string; token: string }> {
  const username = `user${++userCounter}x${Date.now() % 100000}`;
  const password = 'a-long-enough-password-42';
  const response = await request(sut.server)
    .post('/api/users')
    .auth(adminToken, { type: 'bearer' })
    .send({ username, password, assignments: assignments.map((assignment) => ({ roleId: assignment.roleId, scope: assignment.scope ?? null })) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id as string, username, password, token: await login(sut, username, password) };
}

/** An instance added through the API; the default URL is never connected to by tests that only store metrics. */
export async function createInstance(sut: TestApp, token: string, name: string, url = 'postgres://m@127.0.0.1/db'): Promise<string> {
  const response = await request(sut.server)
    .post('/api/instances')
    .auth(token, { type: 'bearer' })
    .send({ name, connection: { value: url } })
    .expect(201);
  return response.body.id as string;
}
