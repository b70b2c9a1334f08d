import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayMysql, type ThrowawayMysql } from './mysql';
import { createScenarioDatabase, plantCleanTwin, plantScenario, type PlantedScenario, type Release, type ScenarioDatabase } from './mysql-scenario';

interface Finding {
  analyzerId: string;
  title: string;
  objects: Record<string, string | number>;
  recommendation: string;
}

/** The analyzers the planted scenario must trip: what the clean twin must never report. */
const PLANTED_ANALYZERS = [
  'mysql-unused-index',
  'mysql-redundant-index',
  'mysql-no-primary-key',
  'mysql-foreign-key-without-index',
  'mysql-auto-increment-exhaustion',
  'mysql-idle-transaction',
  'mysql-lock-wait-chain',
  'mysql-long-running-query',
];

/** The test server started minutes ago and its sessions have waited seconds: the time bars come down to fit. */
const LOWERED: Record<string, Record<string, number>> = {
  'mysql-unused-index': { minUptimeDays: 0 },
  'mysql-idle-transaction': { lockingIdleSeconds: 1, warningSeconds: 1 },
  'mysql-lock-wait-chain': { minWaitSeconds: 1 },
  'mysql-long-running-query': { warningSeconds: 1 },
};

/**
 * Issue 18's planted scenario, end to end on the local MariaDB: the real collectors read it through Inspector's one
 * read-only connection, the analyzers judge what was stored, and each problem becomes a finding that names its object
 * and gives the SQL to fix it. The twin holds the same tables without the problems. Sessions are server-wide (every
 * account with PROCESS sees them), so the twin is judged after the planted sessions have ended.
 */
describe('MySQL analyzers on a planted MariaDB scenario', () => {
  let planted: ScenarioDatabase;
  let twin: ScenarioDatabase;
  let scenario: PlantedScenario;
  let twinTables: Release;
  let plantedAccount: ThrowawayMysql;
  let twinAccount: ThrowawayMysql;
  let sut: TestApp;
  let admin: string;
  const ids = { planted: '', twin: '' };

  const post = (path: string) => request(sut.server).post(path).auth(admin, { type: 'bearer' });
  const collectAndAnalyze = async (id: string): Promise<Finding[]> => {
    await post(`/api/instances/${id}/collect`).expect(200);
    return ((await post(`/api/instances/${id}/analyze`).expect(200)).body as { findings: Finding[] }).findings;
  };
  const find = (findings: Finding[], analyzerId: string, objects: Record<string, string | number>) =>
    findings.find((finding) => finding.analyzerId === analyzerId && Object.entries(objects).every(([key, value]) => finding.objects[key] === value));

  beforeAll(async () => {
    [planted, twin] = await Promise.all([createScenarioDatabase(), createScenarioDatabase()]);
    // One monitoring account per instance, each seeing only its own schema, with the README's minimal grants.
    plantedAccount = await createThrowawayMysql([`SELECT ON \`${planted.name}\`.*`]);
    twinAccount = await createThrowawayMysql([`SELECT ON \`${twin.name}\`.*`]);
    twinTables = await plantCleanTwin(twin);
    scenario = await plantScenario(planted);
    sut = await startTestApp();
    admin = await setupAdmin(sut);
    for (const [key, account, database] of [
      ['planted', plantedAccount, planted],
      ['twin', twinAccount, twin],
    ] as const) {
      const url = `mysql://${account.name}:${account.password}@127.0.0.1:3306/${database.name}`;
      ids[key] = (
        await post('/api/instances')
          .send({ name: `mariadb-${key}`, engine: 'mysql', connection: { value: url } })
          .expect(201)
      ).body.id;
      for (const [analyzerId, thresholds] of Object.entries(LOWERED)) {
        await request(sut.server).put(`/api/instances/${ids[key]}/analyzers/${analyzerId}`).auth(admin, { type: 'bearer' }).send({ thresholds }).expect(200);
      }
    }
    // The sessions must have been idle and waiting past the lowered one-second bars.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
    await scenario?.release();
    await twinTables?.release();
    await Promise.all([plantedAccount?.drop(), twinAccount?.drop(), planted?.drop(), twin?.drop()]);
  });

  it('raises each planted problem as a finding that names its object and gives the SQL to fix it', async () => {
    const findings = await collectAndAnalyze(ids.planted);
    const schema = planted.name;
    const expected = {
      unused: find(findings, 'mysql-unused-index', { schema, table: scenario.unusedIndex.table, index: scenario.unusedIndex.index }),
      redundant: find(findings, 'mysql-redundant-index', { schema, table: scenario.redundantIndexes.table, index: scenario.redundantIndexes.redundant }),
      duplicate: findings.find(
        (finding) => finding.analyzerId === 'mysql-redundant-index' && scenario.redundantIndexes.duplicates.includes(String(finding.objects.index)),
      ),
      noPrimaryKey: find(findings, 'mysql-no-primary-key', { schema, table: scenario.noPrimaryKey.table }),
      foreignKey: find(findings, 'mysql-foreign-key-without-index', {
        schema,
        table: scenario.foreignKeyWithoutIndex.table,
        constraint: scenario.foreignKeyWithoutIndex.constraint,
      }),
      autoIncrement: find(findings, 'mysql-auto-increment-exhaustion', { schema, table: scenario.autoIncrement.table, column: scenario.autoIncrement.column }),
      idleTransaction: find(findings, 'mysql-idle-transaction', { sessionId: scenario.lockWait.holderId }),
      lockWait: find(findings, 'mysql-lock-wait-chain', { sessionId: scenario.lockWait.holderId }),
      longQuery: find(findings, 'mysql-long-running-query', { sessionId: scenario.longQuery.sessionId }),
    };
    const missing = Object.entries(expected)
      .filter(([, finding]) => finding === undefined)
      .map(([name]) => name);
    expect(missing, `found: ${findings.map((finding) => `${finding.analyzerId} ${JSON.stringify(finding.objects)}`).join('; ')}`).toEqual([]);
    expect(expected.unused!.recommendation).toContain(`DROP INDEX \`${scenario.unusedIndex.index}\``);
    expect(expected.noPrimaryKey!.title).toContain(`${schema}.${scenario.noPrimaryKey.table}`);
    expect(expected.foreignKey!.recommendation).toMatch(/ADD (INDEX|KEY)/i);
    expect(expected.longQuery!.recommendation).toContain(`KILL`);
  });

  it('raises none of those on the clean twin', async () => {
    await scenario.release();
    const findings = await collectAndAnalyze(ids.twin);
    const raised = findings.filter((finding) => PLANTED_ANALYZERS.includes(finding.analyzerId));
    expect(raised.map((finding) => `${finding.analyzerId}: ${finding.title}`)).toEqual([]);
  });
});
