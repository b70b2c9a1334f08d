import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../src/config/env.schema';

const ROOT = path.resolve(__dirname, '..', '..');
const VARIABLES = Object.keys(envSchema.shape).sort();

it('reads the variables from the schema', () => expect(VARIABLES.length).toBeGreaterThan(20));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Issue 11 item 21: what an operator configures through .env reaches the app, and every variable is documented. */
describe('configuration files', () => {
  it('.env.example names every variable the app reads', () => {
    const named = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    expect(VARIABLES.filter((name) => !named.has(name))).toEqual([]);
  });

  it('the README configuration table names every variable the app reads', () => {
    const readme = read('README.md');
    expect(VARIABLES.filter((name) => !new RegExp(`^\\| \`${name}\``, 'm').test(readme) && !readme.includes(` / \`${name}\``))).toEqual([]);
  });

  it('docker-compose.yml hands the whole .env to the app and sets only variables the app knows', () => {
    const compose = read('docker-compose.yml');
    const service = compose.slice(compose.indexOf('  inspector:'), compose.indexOf('\n  storage:'));
    expect(service).toMatch(/\n {4}env_file: \.env\n/);
    const environment = service.slice(service.indexOf('    environment:\n')).split('\n').slice(1);
    const keys = environment.map((line) => /^ {6}([A-Z][A-Z0-9_]*):/.exec(line)?.[1]).filter((key): key is string => key !== undefined);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !VARIABLES.includes(key))).toEqual([]);
  });
});
