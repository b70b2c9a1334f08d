import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/config';
import { TokenService } from './token.service';

const SECRET = 'a-test-signing-secret-of-enough-length-0123456789';
const tokens = (expiresInSeconds: number) =>
  new TokenService({ secrets: { jwtSecret: SECRET, jwtSecretPrevious: [] }, auth: { jwtExpiresInSeconds: expiresInSeconds } } as unknown as AppConfig);

describe('TokenService.verify', () => {
  afterEach(() => vi.useRealTimers());

  it('refuses a token it accepted before once the token has expired', () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00.500Z') });
    const service = tokens(60);
    const { token } = service.sign('user-1', 'session-1');
    expect(service.verify(token)).toMatchObject({ sub: 'user-1', jti: 'session-1' });
    vi.setSystemTime(new Date('2026-12-04T12:00:59.999Z'));
    expect(service.verify(token).sub).toBe('user-1');
    vi.setSystemTime(new Date('2026-12-04T12:01:00.000Z'));
    expect(() => service.verify(token)).toThrow('Token expired');
    expect(() => service.verify(token)).toThrow('Token expired');
  });

  it('refuses a token whose signature was changed after the same token was accepted', () => {
    const service = tokens(60);
    const { token } = service.sign('user-1', 'session-1');
    service.verify(token);
    // The signature's first character: all six of its bits count (the last one's low bits are padding).
    const at = token.lastIndexOf('.') + 1;
    const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(() => service.verify(forged)).toThrow('Invalid token');
  });
});
