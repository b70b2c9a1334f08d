import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedHostEntryProblem, compileAllowList } from './allowed-hosts';
import { ConfigError, loadConfig } from './config';

/** Strong secrets given, so loading the configuration writes no generated-secrets file. */
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-allowed-hosts-'));
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));
const BASE = { DATA_DIR, APP_SECRET: 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q', AUTH_JWT_SECRET: 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe' };

describe(compileAllowList.name, () => {
  const list = compileAllowList(['*.example.com', 'db.internal', '::1', '10.0.0.0/8', '169.254.169.254']);

  it('matches names exactly or by suffix, and IP literals as addresses whatever their spelling', () => {
    expect(['a.example.com', 'DB.Internal', 'db.internal.', '[::1]', '0:0:0:0:0:0:0:1', '10.2.3.4'].map((host) => list.listsHost(host))).toEqual([true, true, true, true, true, true]);
    expect(['example.com.evil', 'example.com', '127.0.0.1', 'x.db.internal', '11.0.0.1'].map((host) => list.listsHost(host))).toEqual([false, false, false, false, false]);
  });

  it('lists addresses only through IP and CIDR entries, never through names', () => {
    expect(list.listsAddress('169.254.169.254')).toBe(true);
    expect(list.listsAddress('::ffff:169.254.169.254')).toBe(true);
    expect(list.listsAddress('169.254.169.253')).toBe(false);
    expect(compileAllowList([]).restricted).toBe(false);
  });

  it('refuses malformed entries at startup, naming them', () => {
    expect(['db/x', '10.0.0.0/33', 'a b', '*.', 'host:5432'].map(allowedHostEntryProblem).every(Boolean)).toBe(true);
    expect(() => loadConfig({ ...BASE, MONITOR_ALLOWED_HOSTS: 'db.internal, 10.0.0.0/33' })).toThrow(ConfigError);
    expect(loadConfig({ ...BASE, MONITOR_ALLOWED_HOSTS: 'DB.internal,[::1],*.x.org,192.168.0.0/16' }).monitor.allowedHosts).toHaveLength(4);
  });
});
