import { describe, expect, it } from 'vitest';
import { CHANNEL_DEFINITIONS } from './channel-types';
import { CHANNEL_TYPES, channelTargetChangeSchema, channelTargetSchema, channelTargetViewSchema } from './notifiers';

const secret = { value: 'k' };

describe('channel definitions', () => {
  it('give every setting exactly one form field, and name the credential apart from the settings', () => {
    for (const definition of CHANNEL_DEFINITIONS) {
      expect(definition.fields.map((field) => field.name).sort(), definition.type).toEqual(Object.keys(definition.settings).sort());
      const credential = 'credential' in definition ? definition.credential : undefined;
      if (credential) expect(Object.keys(definition.settings), definition.type).not.toContain(credential.name);
    }
  });

  it('are the channel types, in order, that the target schemas accept', () => {
    expect(CHANNEL_TYPES).toEqual(CHANNEL_DEFINITIONS.map((definition) => definition.type));
    expect(CHANNEL_TYPES).toEqual(['webhook', 'slack', 'email', 'log', 'teams', 'plugin']);
    expect(channelTargetSchema.safeParse({ type: 'pager' }).success).toBe(false);
  });

  it('build the create, change and view shapes the API has always used', () => {
    const email = { type: 'email', host: 'smtp.example.com', port: 587, tls: 'starttls', from: 'a@example.com', to: ['b@example.com'] };
    expect(channelTargetSchema.parse(email)).toEqual({ ...email, username: null });
    expect(channelTargetSchema.safeParse({ ...email, username: 'u' }).error?.issues).toMatchObject([
      { path: ['password'], message: 'is required when a username is set' },
    ]);
    expect(channelTargetChangeSchema.safeParse({ ...email, username: 'u' }).success).toBe(true);
    expect(channelTargetChangeSchema.safeParse({ ...email, username: 'u', password: null }).success).toBe(false);
    expect(channelTargetSchema.safeParse({ ...email, tls: 'none' }).error?.issues).toMatchObject([{ path: ['tls'] }]);

    expect(channelTargetSchema.safeParse({ type: 'webhook', url: 'https://hooks.example.com/x' }).success).toBe(false);
    expect(channelTargetChangeSchema.parse({ type: 'webhook', url: 'https://hooks.example.com/x' })).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/x',
    });
    expect(channelTargetSchema.parse({ type: 'slack', url: secret })).toEqual({ type: 'slack', url: { value: 'k', source: 'stored' } });
    expect(channelTargetSchema.safeParse({ type: 'log', url: secret }).success).toBe(false);

    const described = { source: 'env', env: 'INSPECTOR_SECRET_X', set: true };
    expect(channelTargetViewSchema.parse({ type: 'teams', url: described })).toEqual({ type: 'teams', url: described });
    expect(channelTargetViewSchema.parse({ ...email, username: null, password: null })).toMatchObject({ password: null });
    expect(channelTargetViewSchema.safeParse({ type: 'webhook', url: 'https://hooks.example.com/x', secret: null }).success).toBe(false);
  });
});
