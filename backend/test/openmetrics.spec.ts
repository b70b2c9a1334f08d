import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

const SCRAPE = '/api/metrics/openmetrics';
/** What Prometheus 2.x and 3.x send when scraping. */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
/** Quotes, a backslash and a newline: each must reach Prometheus escaped, and come back out as typed. */
const AWKWARD_NAME = 'orders "eu"\\west\nprimary';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Reads the text exposition line by line, as Prometheus does: metadata comments, then `name{label="value",…} value`
 * with `\\`, `\"` and `\n` escaped in label values. A line of any other shape fails the test.
 */
function parseExposition(text: string): { types: Map<string, string>; help: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line === '# EOF') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'HELP' ? help : types).set(meta[2]!, meta[3]!);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    expect(sample, `exposition line: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const [, name, raw] of (sample![2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name!] = raw!.replace(/\\(["\\n])/g, (_escape, character: string) => (character === 'n' ? '\n' : character));
    }
    samples.push({ name: sample![1]!, labels, value: Number(sample![3]) });
  }
  return { types, help, samples };
}

describeEachStorage('OpenMetrics export', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let adminPat: string;
  let up: string;
  let down: string;
  let maxConnections: number;

  const scrape = (token?: string) => {
    const call = request(sut.server).get(SCRAPE);
    return token ? call.auth(token, { type: 'bearer' }) : call;
  };
  const createPat = async (session: string) => {
    const response = await request(sut.server).post('/api/auth/tokens').auth(session, { type: 'bearer' }).send({ name: 'prometheus', expiresInDays: 30 });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.token as string;
  };
  const of = (samples: Sample[], name: string, instanceId?: string) =>
    samples.filter((sample) => sample.name === name && (instanceId === undefined || sample.labels.instance_id === instanceId));

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    const client = new Client({ connectionString: monitored.url });
    await client.connect();
    await client.query('CREATE TABLE public.orders (id int PRIMARY KEY, note text)');
    await client.query("INSERT INTO public.orders SELECT n, 'x' FROM generate_series(1, 100) n");
    maxConnections = Number((await client.query<{ max_connections: string }>('SHOW max_connections')).rows[0]!.max_connections);
    await client.end();
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const create = async (name: string, url: string, tags: string[]) =>
      (
        await request(sut.server)
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: url }, tags })
          .expect(201)
      ).body.id as string;
    up = await create(AWKWARD_NAME, monitored.url, ['eu']);
    // Port 1 on loopback: refused at once, as a server that is down.
    down = await create('billing', 'postgres://postgres@127.0.0.1:1/billing', ['us']);
    for (const id of [up, down]) await request(sut.server).post(`/api/instances/${id}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    await request(sut.server).post(`/api/instances/${up}/analyze`).auth(admin, { type: 'bearer' }).expect(200);
    adminPat = await createPat(admin);
  });
  afterAll(async () => {
    await sut?.close();
    await monitored?.drop();
  });

  it('exports every instance with a personal access token, in the Prometheus text format by default, names and labels escaped', async () => {
    const response = await scrape(adminPat).expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain('instance="orders \\"eu\\"\\\\west\\nprimary"');
    const { types, help, samples } = parseExposition(response.text);

    expect(of(samples, 'inspector_instance_up').map((sample) => [sample.labels, sample.value])).toEqual(
      expect.arrayContaining([
        [{ instance: AWKWARD_NAME, instance_id: up }, 1],
        [{ instance: 'billing', instance_id: down }, 0],
      ]),
    );
    expect(of(samples, 'inspector_instance_max_connections', up)).toEqual([
      { name: 'inspector_instance_max_connections', labels: { instance: AWKWARD_NAME, instance_id: up }, value: maxConnections },
    ]);

    const commits = of(samples, 'inspector_databases_xact_commit_total', up).find((sample) => sample.labels.database === monitored.name);
    expect(types.get('inspector_databases_xact_commit_total')).toBe('counter');
    expect(help.get('inspector_databases_xact_commit_total')).toBe('Commits');
    // The raw cumulative count as PostgreSQL reports it, not a rate: the database has committed at least its setup.
    expect(commits?.value).toBeGreaterThan(1);
    const size = of(samples, 'inspector_databases_size_bytes', up).find((sample) => sample.labels.database === monitored.name);
    expect(types.get('inspector_databases_size_bytes')).toBe('gauge');
    expect(size?.value).toBeGreaterThan(1_000_000);
    const live = of(samples, 'inspector_tables_n_live_tup', up).find((sample) => sample.labels.object === 'public.orders');
    expect(live?.labels).toEqual({ instance: AWKWARD_NAME, instance_id: up, object: 'public.orders' });

    // The test connects as a superuser: the monitoring-role analyzer warns about it.
    const warnings = of(samples, 'inspector_findings_open', up).find((sample) => sample.labels.severity === 'warning');
    expect(warnings?.value).toBeGreaterThanOrEqual(1);
    expect(
      of(samples, 'inspector_findings_open', down)
        .map((sample) => sample.labels.severity)
        .sort(),
    ).toEqual(['critical', 'info', 'warning']);
    // Nothing was collected from the down instance: it has a status and findings, and no series.
    expect(samples.filter((sample) => sample.labels.instance_id === down && !/^inspector_(instance_up|findings_open)$/.test(sample.name))).toEqual([]);
  });

  it('answers in OpenMetrics when Prometheus asks for it, counters typed by family and sampled as _total', async () => {
    const response = await scrape(adminPat).set('Accept', PROMETHEUS_ACCEPT).expect(200);
    expect(response.headers['content-type']).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(response.text.endsWith('# EOF\n')).toBe(true);
    const { types, samples } = parseExposition(response.text);
    expect(types.get('inspector_databases_xact_commit')).toBe('counter');
    expect(of(samples, 'inspector_databases_xact_commit_total', up).length).toBeGreaterThan(0);
    expect(of(samples, 'inspector_instance_up', up)[0]?.labels.instance).toBe(AWKWARD_NAME);
  });

  it('narrows the export to the collectors a job names, and refuses an unknown one', async () => {
    const narrowed = parseExposition((await scrape(adminPat).query('collector=databases&collector=instance').expect(200)).text);
    const families = new Set(narrowed.samples.map((sample) => sample.name.replace(/_(total)$/, '')));
    expect([...families].filter((name) => !/^inspector_(databases|instance)_/.test(name) && name !== 'inspector_findings_open')).toEqual([]);
    expect(families.has('inspector_databases_xact_commit')).toBe(true);
    const refused = await scrape(adminPat).query({ collector: 'nope' }).expect(400);
    expect(refused.body.message).toMatch(/nope/);
  });

  it('answers 401 without a valid token and 403 to a token without the export permission, whatever else it holds', async () => {
    await scrape().expect(401);
    await scrape('ins_pat_not-a-real-token').expect(401);
    for (const roleId of ['builtin-viewer', 'builtin-operator']) {
      const user = await createUser(sut, admin, [{ roleId }]);
      await scrape(user.token).expect(403);
      await scrape(await createPat(user.token)).expect(403);
    }
  });

  it('exports only the instances in the scope of the token’s role', async () => {
    const exporter = await createRole(sut, admin, ['openmetrics:read']);
    const us = await createUser(sut, admin, [{ roleId: exporter, scope: { tags: ['us'] } }]);
    const { samples } = parseExposition((await scrape(await createPat(us.token)).expect(200)).text);
    expect(new Set(samples.map((sample) => sample.labels.instance_id))).toEqual(new Set([down]));
    expect(samples.some((sample) => sample.labels.instance === AWKWARD_NAME)).toBe(false);
  });
});
