import { describe, expect, it } from 'vitest';
import { SecretUnavailableError } from '../secrets/secrets.service';
import { failureText } from './channel-dispatcher';
import { SendError } from './senders/sender';

describe('failureText', () => {
  it('passes on fixed reasons only: any other error could quote a URL, a credential or a remote answer', () => {
    expect(failureText(new SendError('answered HTTP 500'))).toBe('answered HTTP 500');
    expect(failureText(new SecretUnavailableError('environment variable NOTIFIER_KEY is not set'))).toBe('environment variable NOTIFIER_KEY is not set');
    expect(failureText(new TypeError('Failed to parse URL from https://hooks.example.com/services/T0/B0/tok3n-Value'))).toBe('unexpected failure');
    expect(failureText('a thrown string')).toBe('unexpected failure');
  });

  it('neutralizes control characters and bounds the length', () => {
    expect(failureText(new SendError('line\nforged'))).toBe('line\uFFFDforged');
    expect(failureText(new SendError('x'.repeat(5_000)))).toHaveLength(1_000);
  });
});
