import { Logger } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrlCredentials } from '../src/logging/logging';
import { startTestApp, type TestApp } from './app-harness';

/** Issue 11 item 26: the access log keeps request paths; URLs anywhere in a log line lose their credentials. */
describe('log redaction', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => sut.close());

  it('writes the request path in the access log line', async () => {
    await request(sut.server).get('/api/health?probe=1').expect(200);
    await request(sut.server).get('/api/instances').expect(401);
    const accessLines = sut.logs.filter((line) => typeof line.req === 'object' && line.req !== null) as Array<{
      req: { url: string };
      res: { statusCode: number };
    }>;
    expect(accessLines.map((line) => line.req.url)).toEqual(expect.arrayContaining(['/api/health?probe=1', '/api/instances']));
  });

  it('scrubs the password from a logged URL, at the top level and nested, keeping host and database', () => {
    new Logger('RedactionProbe').warn(
      { url: 'postgres://u:secret@h/db', target: { url: 'postgres://u:p%40ss-secret@h:5432/db?sslmode=require&password=secret2' } },
      'connecting',
    );
    const line = sut.logs.find((entry) => entry.context === 'RedactionProbe') as { url: string; target: { url: string } };
    expect(line.url).toBe('postgres://[redacted]@h/db');
    expect(line.target.url).toBe('postgres://[redacted]@h:5432/db?sslmode=require&password=[redacted]');
    expect(JSON.stringify(line)).not.toMatch(/secret/);
  });

  it('redacts user information containing @ and masks URL fields that are not strings', () => {
    expect(redactUrlCredentials('smtp://mail@example.com:pa@ss@smtp.example.com:587/')).toBe('smtp://[redacted]@smtp.example.com:587/');
    expect(redactUrlCredentials('https://hooks.example.com/a@b')).toBe('https://hooks.example.com/a@b');
    expect(redactUrlCredentials({ value: 'https://hooks.slack.com/services/T/B/secret' })).toBe('[redacted]');
  });
});
