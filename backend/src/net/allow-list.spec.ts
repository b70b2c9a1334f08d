import { describe, expect, it } from 'vitest';
import { AllowList, allowListEntryProblem } from './allow-list';

describe(AllowList.name, () => {
  const list = new AllowList('MONITOR_ALLOWED_HOSTS', ['*.example.com', 'db.internal', '::1', '10.0.0.0/8', '169.254.169.254']);

  it('matches names exactly or by suffix, and IP literals as addresses whatever their spelling', () => {
    expect(['a.example.com', 'DB.Internal', 'db.internal.', '[::1]', '0:0:0:0:0:0:0:1', '10.2.3.4'].map((host) => list.listsHost(host))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['example.com.evil', 'example.com', '127.0.0.1', 'x.db.internal', '11.0.0.1'].map((host) => list.listsHost(host))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('lists addresses only through IP and CIDR entries, never through names', () => {
    expect(list.listsAddress('169.254.169.254')).toBe(true);
    expect(list.listsAddress('::ffff:169.254.169.254')).toBe(true);
    expect(list.listsAddress('169.254.169.253')).toBe(false);
    expect(new AllowList('MONITOR_ALLOWED_HOSTS', []).empty).toBe(true);
  });

  it('judges IPv4 written in IPv6 as IPv4, but keeps IPv6 ranges to IPv6 addresses', () => {
    const ranges = new AllowList('NOTIFIER_ALLOWED_HOSTS', ['127.0.0.0/8', '::/0']);
    expect(['::ffff:127.0.0.1', '64:ff9b::7f00:1', '::ffff:7f00:5'].map((address) => ranges.listsAddress(address))).toEqual([true, true, true]);
    expect(new AllowList('NOTIFIER_ALLOWED_HOSTS', ['::/0']).listsAddress('10.0.0.1')).toBe(false);
  });

  it('refuses malformed entries, naming them', () => {
    expect(['db/x', '10.0.0.0/33', 'a b', '*.', 'host:5432'].map(allowListEntryProblem).every(Boolean)).toBe(true);
    expect(() => new AllowList('NOTIFIER_ALLOWED_HOSTS', ['::1/200'])).toThrow('NOTIFIER_ALLOWED_HOSTS: ::1/200 is not a valid address range');
  });
});
