import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-class';
import { failureReason, NetFailure } from './failure';
import { allowListEntryProblem, canonicalHost, HostPolicy } from './host-policy';
import { addressBytes } from './ip-address';

const classOf = (text: string) => classifyAddress(addressBytes(text)!);

describe(HostPolicy.name, () => {
  it('classes internal addresses in every spelling, including IPv4 carried in IPv6', () => {
    const cases: Array<[string, string]> = [
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['64:ff9b::a9fe:a9fe', 'link-local'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['10.1.2.3', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.0.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fd12:3456::1', 'private'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['ff02::1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['::7f00:1', 'reserved'],
      ['172.32.0.1', 'public'],
      ['8.8.8.8', 'public'],
      ['2001:4860:4860::8888', 'public'],
    ];
    for (const [address, expected] of cases) expect(classOf(address), address).toBe(expected);
  });

  it('canonicalizes numeric IPv4 spellings the resolver would accept', () => {
    expect(canonicalHost('2130706433')).toBe('127.0.0.1');
    expect(canonicalHost('0x7f.1')).toBe('127.0.0.1');
    expect(canonicalHost('[::1]')).toBe('::1');
    expect(canonicalHost('Hooks.Example.COM.')).toBe('hooks.example.com');
  });

  it('refuses internal literal addresses unless the allow-list names them, and never a public one', () => {
    const closed = new HostPolicy('NOTIFIER_ALLOWED_HOSTS', []);
    expect(closed.literalProblem('127.0.0.1')).toBe('is a loopback address; allowed only when NOTIFIER_ALLOWED_HOSTS lists it');
    expect(closed.literalProblem('[::ffff:169.254.169.254]')).toMatch(/^is a link-local address/);
    expect(closed.literalProblem('2130706433')).toMatch(/^is a loopback address/);
    expect(closed.literalProblem('8.8.8.8')).toBeNull();
    expect(closed.literalProblem('localhost')).toBeNull();
    const open = new HostPolicy('NOTIFIER_ALLOWED_HOSTS', ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(open.literalProblem('127.0.0.1')).toBeNull();
    expect(open.literalProblem('127.0.0.2')).not.toBeNull();
    expect(open.literalProblem('10.9.9.9')).toBeNull();
    expect(open.literalProblem('[fd00::5]')).toBeNull();
    expect(open.literalProblem('192.168.1.1')).not.toBeNull();
    const linkLocalOnly = new HostPolicy('MONITOR_ALLOWED_HOSTS', [], ['link-local', 'unspecified']);
    expect(linkLocalOnly.literalProblem('10.0.0.5')).toBeNull();
    expect(linkLocalOnly.literalProblem('169.254.169.254')).toMatch(/^is a link-local address; allowed only when MONITOR_ALLOWED_HOSTS lists it$/);
  });

  it('checks a name after resolution: localhost is refused unless allowed by name, suffix or range', async () => {
    await expect(new HostPolicy('NOTIFIER_ALLOWED_HOSTS', []).resolve('localhost')).rejects.toEqual(new NetFailure('refused by NOTIFIER_ALLOWED_HOSTS'));
    await expect(new HostPolicy('NOTIFIER_ALLOWED_HOSTS', ['localhost']).resolve('LOCALHOST')).resolves.toMatchObject({ servername: 'localhost' });
    await expect(new HostPolicy('NOTIFIER_ALLOWED_HOSTS', ['127.0.0.0/8']).resolve('localhost')).resolves.toEqual({ address: '127.0.0.1', family: 4, servername: 'localhost' });
    await expect(new HostPolicy('NOTIFIER_ALLOWED_HOSTS', ['*.example.com']).resolve('localhost')).rejects.toThrow('refused by NOTIFIER_ALLOWED_HOSTS');
    await expect(new HostPolicy('NOTIFIER_ALLOWED_HOSTS', []).resolve('127.0.0.1')).rejects.toThrow('refused by NOTIFIER_ALLOWED_HOSTS');
    await expect(new HostPolicy('NOTIFIER_ALLOWED_HOSTS', []).resolve('no such host')).rejects.toThrow('host not found');
  });

  it('refuses allow-list entries it cannot read', () => {
    expect(allowListEntryProblem('10.0.0.0/33')).toMatch(/not a valid address range/);
    expect(allowListEntryProblem('10.0.0.0/8')).toBeNull();
    expect(allowListEntryProblem('*.internal.example')).toBeNull();
    expect(allowListEntryProblem('smtp relay')).toMatch(/not a host name/);
    expect(() => new HostPolicy('NOTIFIER_ALLOWED_HOSTS', ['::1/200'])).toThrow('NOTIFIER_ALLOWED_HOSTS: ::1/200 is not a valid address range');
  });

  it('names failures with fixed phrases, never the error text', () => {
    const system = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(failureReason(system('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:25'))).toBe('connection refused');
    expect(failureReason(system('ERR_TLS_CERT_ALTNAME_INVALID', "Host: x. is not in the cert's altnames"))).toBe('TLS handshake failed');
    expect(failureReason(Object.assign(new Error('aborted'), { name: 'AbortError' }), 2_000)).toBe('no answer within 2 s');
    expect(failureReason(new Error('SSH-2.0-OpenSSH_9.6 internal-banner'))).toBe('request failed');
  });
});
