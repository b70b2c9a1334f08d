import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStorage, freshStorage, type StorageFixture } from '../../test/storage-targets';
import { entities } from '../entities';
import { openStorage } from '../storage/storage';
import { LoginThrottle, MAX_FAILURES_PER_USERNAME, THROTTLE_WINDOW_MS } from './login-throttle';

describeEachStorage(LoginThrottle.name, (dialect) => {
  let storage: StorageFixture;
  let dataSource: DataSource;
  beforeAll(async () => {
    storage = await freshStorage(dialect);
    ({ dataSource } = await openStorage(storage.target, entities));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await storage.dispose();
  });

  it('counts an attempt when it is reserved, so a burst gets no more checks than the limit', async () => {
    const sut = new LoginThrottle(dataSource);
    const now = 1_000_000;
    const burst = await Promise.all(Array.from({ length: 20 }, () => sut.reserveLogin('Alice', '10.0.0.1', now)));
    expect(burst.filter((reservation) => reservation.ok)).toHaveLength(MAX_FAILURES_PER_USERNAME);
    expect(await sut.reserveLogin('ALICE', '10.0.0.2', now)).toEqual({ ok: false, retryAfterSeconds: THROTTLE_WINDOW_MS / 1000 });
  });

  it('counts the failures of another app server on the same storage', async () => {
    const replicaA = new LoginThrottle(dataSource);
    const replicaB = new LoginThrottle(dataSource);
    const now = 2_000_000;
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt++) {
      expect((await (attempt % 2 ? replicaB : replicaA).reserveLogin('carol', '10.0.0.5', now)).ok).toBe(true);
    }
    expect((await replicaB.reserveLogin('carol', '10.0.0.6', now)).ok).toBe(false);
    expect((await replicaA.reserveLogin('carol', '10.0.0.6', now)).ok).toBe(false);
  });

  it('gives the slot back and clears the username after a success', async () => {
    const sut = new LoginThrottle(dataSource);
    const now = 3_000_000;
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME - 1; attempt++) await sut.reserveLogin('bob', '10.0.0.1', now);
    const right = await sut.reserveLogin('bob', '10.0.0.1', now);
    if (!right.ok) throw new Error('expected a slot');
    await sut.succeeded(right.ticket);
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt++) expect((await sut.reserveLogin('bob', '10.0.0.1', now)).ok).toBe(true);
  });

  it('throttles checks of a user’s own current password separately from logins', async () => {
    const sut = new LoginThrottle(dataSource);
    const now = 4_000_000;
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt++) expect((await sut.reservePasswordCheck('user-1', now)).ok).toBe(true);
    expect((await sut.reservePasswordCheck('user-1', now)).ok).toBe(false);
    expect((await sut.reservePasswordCheck('user-2', now)).ok).toBe(true);
    expect((await sut.reservePasswordCheck('user-1', now + THROTTLE_WINDOW_MS + 1)).ok).toBe(true);
  });

  it('counts a username that lower-cases past the column, and an address of any length, like any other', async () => {
    const sut = new LoginThrottle(dataSource);
    const now = 5_000_000;
    // 'İ' lower-cases to two characters: 256 of them make a 517-character key.
    const username = 'İ'.repeat(256);
    const address = `203.0.113.7, ${'x'.repeat(2000)}`;
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt++) expect((await sut.reserveLogin(username, address, now)).ok).toBe(true);
    expect((await sut.reserveLogin(username, '10.0.0.9', now)).ok).toBe(false);
    expect((await sut.reserveLogin('İ'.repeat(255), address, now)).ok).toBe(true);
  });
});
