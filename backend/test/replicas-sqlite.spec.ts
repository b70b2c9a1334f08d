import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_APP_SECRET, TEST_JWT_SECRET } from './app-harness';
import { type RunningServer, startServer } from './process';

/** SQLite storage serves one process: a second app server on the same file would collect everything twice. */
describe('a second app process on one SQLite file', () => {
  let dataDir: string;
  let first: RunningServer | undefined;
  const env = () => ({ DATA_DIR: dataDir, PORT: '0', APP_SECRET: TEST_APP_SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-sqlite-replica-'));
  });
  afterAll(async () => {
    await first?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused at start with a message naming the running process and the way to run several replicas', async () => {
    first = await startServer(env());
    const refusal = await startServer(env()).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refusal).toMatch(/Another Inspector process \(pid \d+\) already uses the SQLite storage .*inspector\.sqlite/);
    expect(refusal).toMatch(/use PostgreSQL storage/);
    expect(refusal).not.toMatch(/\n\s+at /);
    // The first keeps serving.
    expect((await fetch(`${first.url}/api/health`)).status).toBeLessThan(500);
  });

  it('starts once the process holding the file has crashed', async () => {
    await first!.kill();
    first = await startServer(env());
    expect(first.url).toMatch(/^http:/);
  });
});
