import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStorage, freshStorage, type StorageFixture } from '../../test/storage-targets';
import { entities } from '../entities';
import { openStorage } from '../storage/storage';
import { EMERGENCY_MAX_DELAY_MS, EmergencyThrottle, emergencyDelayMs } from './emergency-throttle';

describeEachStorage(EmergencyThrottle.name, (dialect) => {
  let storage: StorageFixture;
  let dataSource: DataSource;
  let sut: EmergencyThrottle;
  beforeAll(async () => {
    storage = await freshStorage(dialect);
    ({ dataSource } = await openStorage(storage.target, entities));
    sut = new EmergencyThrottle(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await storage.dispose();
  });

  it('makes one address wait 1 s, 2 s, 4 s … after each failure, capped at 5 minutes', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    for (let failure = 1; failure <= 12; failure++) {
      expect((await sut.reserve('10.0.0.1', now)).ok).toBe(true);
      const refused = await sut.reserve('10.0.0.1', now);
      if (refused.ok) throw new Error('expected a wait');
      waits.push(refused.retryAfterSeconds);
      now += emergencyDelayMs(failure);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    expect(emergencyDelayMs(1000)).toBe(EMERGENCY_MAX_DELAY_MS);
  });

  it('never slows down another address, and a success starts the address afresh', async () => {
    const now = 1_000_000;
    for (let attempt = 0; attempt < 10; attempt++) await sut.reserve('10.0.0.1', now + attempt * EMERGENCY_MAX_DELAY_MS);
    const other = await sut.reserve('10.0.0.2', now);
    expect(other.ok).toBe(true);
    if (!other.ok) return;
    await sut.succeeded(other.ticket);
    expect((await sut.reserve('10.0.0.2', now)).ok).toBe(true);
  });

  it('lets one of a concurrent burst through per delay, across app servers on the same storage', async () => {
    const replicas = [sut, new EmergencyThrottle(dataSource)];
    const burst = await Promise.all(Array.from({ length: 20 }, (_, attempt) => replicas[attempt % 2].reserve('10.0.0.3', 5_000_000)));
    expect(burst.filter((reservation) => reservation.ok)).toHaveLength(1);
  });

  it('slows down an address longer than the column like any other', async () => {
    const address = `198.51.100.1, ${'y'.repeat(500)}`;
    expect((await sut.reserve(address, 9_000_000)).ok).toBe(true);
    expect((await sut.reserve(address, 9_000_000)).ok).toBe(false);
    expect((await sut.reserve(`${address}z`, 9_000_000)).ok).toBe(true);
  });
});
