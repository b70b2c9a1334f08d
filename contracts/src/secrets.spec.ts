import { describe, expect, it } from 'vitest';
import { secretInputSchema } from './secrets';

function issuesOf(input: unknown, envPrefix: string | null = null): Array<{ path: string; message: string }> {
  const result = secretInputSchema(envPrefix).safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('secretInputSchema', () => {
  it('accepts a value, stored by default, or kept in memory', () => {
    const sut = secretInputSchema(null);
    expect(sut.parse({ value: 'pw' })).toEqual({ value: 'pw', source: 'stored' });
    expect(sut.parse({ value: 'pw', source: 'memory' })).toEqual({ value: 'pw', source: 'memory' });
    expect(sut.parse({ env: 'PGPASSWORD' })).toEqual({ env: 'PGPASSWORD' });
  });

  it('refuses unknown keys, a mix of value and env, an empty value and an unknown source', () => {
    expect(issuesOf({ value: 'pw', extra: true })).toEqual([expect.objectContaining({ message: expect.stringContaining('extra') })]);
    expect(issuesOf({ env: 'PGPASSWORD', source: 'stored' })).toHaveLength(1);
    expect(issuesOf({ value: 'pw', env: 'PGPASSWORD' })).toEqual([{ path: '', message: expect.stringContaining('{"env": "NAME"}') }]);
    expect(issuesOf({})).toEqual([{ path: '', message: expect.stringContaining('{"value"') }]);
    expect(issuesOf({ value: '' })).toEqual([{ path: 'value', message: 'must not be empty' }]);
    expect(issuesOf({ value: 'pw', source: 'disk' })).toHaveLength(1);
  });

  it('refuses names that are not environment variable names', () => {
    for (const env of ['1PASSWORD', 'PG-PASSWORD', 'PG PASSWORD', '', '$(id)']) {
      expect(issuesOf({ env })).toEqual([{ path: 'env', message: expect.stringContaining('environment variable name') }]);
    }
  });

  it("refuses Inspector's own variables, whatever their case", () => {
    for (const env of [
      'APP_SECRET',
      'APP_SECRET_PREVIOUS',
      'app_secret',
      'APP_SECRETS',
      'AUTH_JWT_SECRET',
      'auth_jwt_secret',
      'AUTH_EMERGENCY_PASS',
      'DATABASE_URL',
      'database_url',
    ]) {
      expect(issuesOf({ env })).toEqual([{ path: 'env', message: `${env} is one of Inspector's own variables and cannot be used as a secret` }]);
    }
    expect(secretInputSchema(null).parse({ env: 'DATABASE_URL_REPLICA' })).toEqual({ env: 'DATABASE_URL_REPLICA' });
  });

  it('with SECRET_ENV_PREFIX set, accepts only variables starting with it', () => {
    expect(issuesOf({ env: 'PGPASSWORD' }, 'INSPECTOR_MONITOR_')).toEqual([{ path: 'env', message: 'must start with INSPECTOR_MONITOR_ (SECRET_ENV_PREFIX)' }]);
    expect(issuesOf({ env: 'inspector_monitor_pw' }, 'INSPECTOR_MONITOR_')).toHaveLength(1);
    expect(secretInputSchema('INSPECTOR_MONITOR_').parse({ env: 'INSPECTOR_MONITOR_PG' })).toEqual({ env: 'INSPECTOR_MONITOR_PG' });
  });

  it('refuses reserved names even when they match the prefix', () => {
    expect(issuesOf({ env: 'APP_SECRET' }, 'APP_')[0].message).toContain("Inspector's own variables");
  });
});
