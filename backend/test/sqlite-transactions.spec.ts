import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/database-url';
import { entities } from '../src/entities';
import { AppSetting } from '../src/app-settings/app-setting.entity';
import { openStorage } from '../src/storage/storage';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('transactions on SQLite storage', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = (await openStorage(parseDatabaseUrl('sqlite::memory:'), entities)).dataSource;
  });
  afterAll(async () => dataSource.destroy());

  it('runs overlapping transactions one after the other: a failing one never takes the other’s rows', async () => {
    const settings = () => dataSource.getRepository(AppSetting);
    const committing = dataSource.transaction(async (manager) => {
      await manager.insert(AppSetting, { key: 'a1', value: '1', updatedAt: new Date() });
      await tick();
      await manager.insert(AppSetting, { key: 'a2', value: '1', updatedAt: new Date() });
    });
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(AppSetting, { key: 'b1', value: '1', updatedAt: new Date() });
      await tick();
      throw new Error('b fails');
    });
    const outside = (async () => {
      await tick();
      await settings().insert({ key: 'c1', value: '1', updatedAt: new Date() });
    })();
    const results = await Promise.allSettled([committing, failing, outside]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const keys = (await settings().find()).map((row) => row.key).sort();
    expect(keys).toEqual(['a1', 'a2', 'c1']);
  });

  it('lets a transaction nest inside another from the same work', async () => {
    await dataSource.transaction(async (outer) => {
      await outer.insert(AppSetting, { key: 'n1', value: '1', updatedAt: new Date() });
      await dataSource.transaction(async (inner) => inner.insert(AppSetting, { key: 'n2', value: '1', updatedAt: new Date() }));
    });
    expect(await dataSource.getRepository(AppSetting).countBy([{ key: 'n1' }, { key: 'n2' }])).toBe(2);
  });
});
