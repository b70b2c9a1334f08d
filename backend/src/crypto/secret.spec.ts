import { Writable } from 'node:stream';
import { Console } from 'node:console';
import { format, inspect } from 'node:util';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Secret, SECRET_MASK } from './secret';

const VALUE = 'hunter2-Pässwörd-監視';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe(Secret.name, () => {
  const sut = Secret.of(VALUE);

  it('gives the value back only through reveal()', () => {
    expect(sut.reveal()).toBe(VALUE);
  });

  it('serializes to the mask with JSON.stringify, alone or nested', () => {
    expect(JSON.stringify(sut)).toBe(JSON.stringify(SECRET_MASK));
    expect(JSON.stringify({ connection: { password: sut } })).toBe(`{"connection":{"password":"${SECRET_MASK}"}}`);
  });

  it('prints the mask through util.inspect, util.format and console.log', () => {
    expect(inspect(sut)).toBe(SECRET_MASK);
    expect(inspect({ nested: { deeper: [sut] } }, { depth: 10 })).not.toContain(VALUE);
    for (const pattern of ['%s', '%o', '%O', '%j']) expect(format(pattern, sut)).not.toContain(VALUE);
    const out = capture();
    new Console(out.stream).log(sut, { sut });
    expect(out.text()).toContain(SECRET_MASK);
    expect(out.text()).not.toContain(VALUE);
  });

  it('converts to the mask in template strings, String() and concatenation', () => {
    expect(`${sut}`).toBe(SECRET_MASK);
    expect(String(sut)).toBe(SECRET_MASK);
    expect('password=' + sut).toBe(`password=${SECRET_MASK}`);
    expect(new Error(`connect failed with ${sut}`).message).not.toContain(VALUE);
  });

  it('has no enumerable or own property holding the value (spread, keys, entries)', () => {
    expect({ ...sut }).toEqual({});
    expect(Object.keys(sut)).toEqual([]);
    expect(Object.getOwnPropertyNames(sut)).toEqual([]);
    expect(Object.assign({}, sut)).toEqual({});
  });

  it('loses the value in structuredClone', () => {
    const clone: unknown = structuredClone(sut);
    const nested: unknown = structuredClone({ sut });
    expect(inspect(clone, { showHidden: true })).not.toContain(VALUE);
    expect(inspect(nested, { showHidden: true, depth: 10 })).not.toContain(VALUE);
    expect(JSON.stringify(nested)).not.toContain(VALUE);
  });

  it('cannot be modified after creation', () => {
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('writes the mask to a pino log', () => {
    const out = capture();
    const logger = pino(out.stream);
    logger.info({ s: sut, connection: { password: sut } }, 'connecting');
    const line = JSON.parse(out.text()) as Record<string, unknown>;
    expect(line.s).toBe(SECRET_MASK);
    expect(line.connection).toEqual({ password: SECRET_MASK });
    expect(out.text()).not.toContain(VALUE);
  });
});
