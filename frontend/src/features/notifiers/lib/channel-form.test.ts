import type { Channel } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { channelDraft, channelPayload } from './channel-form';

const emailChannel: Channel = {
  id: 'c-1',
  name: 'DBA mail',
  enabled: true,
  timeoutSeconds: 10,
  throttle: { maxMessages: 10, intervalMinutes: 60 },
  target: {
    type: 'email',
    host: 'smtp.example.com',
    port: 587,
    tls: 'starttls',
    username: 'inspector',
    from: 'inspector@example.com',
    to: ['dba@example.com'],
    password: { source: 'stored', set: true },
  },
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
};

describe('channel form payload', () => {
  it('creates a webhook whose signing secret lives in memory only', () => {
    const draft = { ...channelDraft(), name: ' Team hook ', secret: { mode: 'memory' as const, value: 's3cret', env: '' } };
    draft.settings.url = 'https://hooks.example.com/x';
    expect(channelPayload(draft, false)).toEqual({
      body: {
        name: 'Team hook',
        enabled: true,
        timeoutSeconds: 10,
        throttle: { maxMessages: 10, intervalMinutes: 60 },
        target: { type: 'webhook', url: 'https://hooks.example.com/x', secret: { value: 's3cret', source: 'memory' } },
      },
      errors: {},
    });
  });

  it('checks with the contract: credentials in a webhook URL, a missing secret, a bad environment variable', () => {
    const draft = { ...channelDraft(), name: 'x' };
    draft.settings.url = 'https://user:pw@hooks.example.com/';
    expect(channelPayload(draft, false).errors).toMatchObject({ url: 'Must not contain a user name or password', secret: 'Enter the signing secret' });
    const env = {
      ...draft,
      settings: { ...draft.settings, url: 'https://hooks.example.com/' },
      secret: { mode: 'env' as const, value: '', env: 'APP_SECRET' },
    };
    expect(channelPayload(env, false).errors.secret).toMatch(/one of Inspector's own variables/);
  });

  it('edits an email channel keeping its password unless changed, and removes it when set to none', () => {
    const draft = channelDraft(emailChannel);
    expect(draft.secret.mode).toBe('keep');
    const kept = channelPayload({ ...draft, settings: { ...draft.settings, to: 'dba@example.com, oncall@example.com' } }, true);
    expect(kept.body?.target).toEqual({
      type: 'email',
      host: 'smtp.example.com',
      port: 587,
      tls: 'starttls',
      username: 'inspector',
      from: 'inspector@example.com',
      to: ['dba@example.com', 'oncall@example.com'],
    });
    const removed = channelPayload({ ...draft, settings: { ...draft.settings, username: '' }, secret: { mode: 'none', value: '', env: '' } }, true);
    expect(removed.body?.target).toMatchObject({ username: null, password: null });
  });

  it('refuses plain SMTP towards another host', () => {
    const base = channelDraft(emailChannel);
    const draft = { ...base, settings: { ...base.settings, tls: 'none' } };
    expect(channelPayload(draft, true).errors.tls).toMatch(/loopback/);
  });
});
