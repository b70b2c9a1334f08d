import { describe, expect, it } from 'vitest';
import { Secret } from '../crypto/secret';
import { scrubError } from './channel-dispatcher';

describe('scrubError', () => {
  it('masks the credential as is, URL-encoded, and a webhook URL’s token-bearing path', () => {
    const url = Secret.of('https://hooks.example.com/services/T0/B0/tok3n-Value?x=1');
    expect(scrubError('Failed to parse URL from https://hooks.example.com/services/T0/B0/tok3n-Value?x=1', url)).toBe('Failed to parse URL from [secret]');
    expect(scrubError('404 no route for /services/T0/B0/tok3n-Value?x=1', url)).toBe('404 no route for [secret]');
    const key = Secret.of('k3y/with spaces');
    expect(scrubError('echo: k3y/with spaces and k3y%2Fwith%20spaces', key)).toBe('echo: [secret] and [secret]');
  });

  it('neutralizes control characters and bounds the length', () => {
    expect(scrubError('line\nforged', null)).toBe('line\uFFFDforged');
    expect(scrubError('x'.repeat(5_000), null)).toHaveLength(1_000);
  });
});
