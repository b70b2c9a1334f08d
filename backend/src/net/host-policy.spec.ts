import { describe, expect, it } from 'vitest';
import { canonicalHost } from './address';
import { classifyAddress } from './address-class';
import { allowListEntryProblem } from './allow-list';
import { failureReason, NetFailure } from './failure';
import { HostPolicy } from './host-policy';
import { MONITORED_HOSTS, NOTIFIER_HOSTS } from './policies';

const classOf = classifyAddress;
const notifier = (allowList: string[]) => new HostPolicy(NOTIFIER_HOSTS, allowList);
const monitored = (allowList: string[]) => new HostPolicy(MONITORED_HOSTS, allowList);

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
    const closed = notifier([]);
    expect(closed.hostProblem('127.0.0.1')).toBe('is a loopback address; allowed only when NOTIFIER_ALLOWED_HOSTS lists it');
    expect(closed.hostProblem('[::ffff:169.254.169.254]')).toMatch(/^is a link-local address/);
    expect(closed.hostProblem('2130706433')).toMatch(/^is a loopback address/);
    expect(closed.hostProblem('8.8.8.8')).toBeNull();
    expect(closed.hostProblem('localhost')).toBeNull();
    const open = notifier(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(open.hostProblem('127.0.0.1')).toBeNull();
    expect(open.hostProblem('127.0.0.2')).not.toBeNull();
    expect(open.hostProblem('10.9.9.9')).toBeNull();
    expect(open.hostProblem('[fd00::5]')).toBeNull();
    expect(open.hostProblem('192.168.1.1')).not.toBeNull();
    const linkLocalOnly = new HostPolicy({ ...NOTIFIER_HOSTS, setting: 'MONITOR_ALLOWED_HOSTS', refusedClasses: ['link-local', 'unspecified'] }, []);
    expect(linkLocalOnly.hostProblem('10.0.0.5')).toBeNull();
    expect(linkLocalOnly.hostProblem('169.254.169.254')).toMatch(/^is a link-local address; allowed only when MONITOR_ALLOWED_HOSTS lists it$/);
  });

  it('checks a name after resolution: localhost is refused unless allowed by name, suffix or range', async () => {
    await expect(notifier([]).resolve('localhost')).rejects.toEqual(new NetFailure('refused by NOTIFIER_ALLOWED_HOSTS'));
    await expect(notifier(['localhost']).resolve('LOCALHOST')).resolves.toMatchObject({ servername: 'localhost' });
    await expect(notifier(['127.0.0.0/8']).resolve('localhost')).resolves.toEqual({ address: '127.0.0.1', family: 4, servername: 'localhost' });
    await expect(notifier(['*.example.com']).resolve('localhost')).rejects.toThrow('refused by NOTIFIER_ALLOWED_HOSTS');
    await expect(notifier([]).resolve('127.0.0.1')).rejects.toThrow('refused by NOTIFIER_ALLOWED_HOSTS');
    await expect(notifier([]).resolve('no such host')).rejects.toThrow('host not found');
  });

  it('monitored hosts: loopback and private allowed, link-local, unspecified, multicast and metadata refused unless the address is listed', () => {
    const open = monitored([]);
    for (const host of ['127.0.0.1', '::1', 'localhost', '10.1.2.3', '192.168.0.10', '100.64.0.1', 'db.example.com'])
      expect(open.hostProblem(host), host).toBeNull();
    for (const host of [
      '169.254.169.254',
      'fe80::1',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      'ff02::1',
      '255.255.255.255',
      '100.100.100.200',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
      '64:ff9b::169.254.169.254',
      '64:ff9b::e000:1',
    ]) {
      expect(open.hostProblem(host), host).toBe(
        `host ${host} is a link-local, unspecified or multicast address (such as a cloud metadata service), refused unless MONITOR_ALLOWED_HOSTS lists that address`,
      );
    }
    // Judged as written: the driver resolves this name (getaddrinfo reads it as 169.254.169.254), and so does the check.
    expect(open.hostProblem('0251.0376.0251.0376')).toBeNull();
    expect(monitored(['169.254.169.254']).hostProblem('169.254.169.254')).toBeNull();
  });

  it('monitored hosts: a set MONITOR_ALLOWED_HOSTS is the only hosts allowed, in every spelling', () => {
    const listed = monitored(['*.example.com', '127.0.0.1']);
    expect(['db.example.com', 'DB.Example.com.', '127.0.0.1', '[::ffff:127.0.0.1]'].map((host) => listed.hostProblem(host))).toEqual([null, null, null, null]);
    for (const host of ['127.0.0.2', '::1', 'localhost', '127.1', 'example.com'])
      expect(listed.hostProblem(host), host).toBe(`host ${host} is not allowed by MONITOR_ALLOWED_HOSTS`);
  });

  it('monitored hosts: the connect-time lookup refuses a name whose answer is refused, and passes allowed ones to the socket', async () => {
    const lookup = (policy: HostPolicy, host: string) =>
      new Promise((resolve, reject) => policy.lookup(host, { family: 4 }, (error, address) => (error ? reject(error) : resolve(address))));
    await expect(lookup(monitored([]), '0251.0376.0251.0376')).rejects.toEqual(
      new NetFailure(
        'host 0251.0376.0251.0376 resolves to a link-local, unspecified or multicast address (such as a cloud metadata service), refused unless MONITOR_ALLOWED_HOSTS lists that address',
      ),
    );
    // A listed name does not open a refused address: only the address itself, or a range holding it, does.
    await expect(lookup(monitored(['0251.0376.0251.0376']), '0251.0376.0251.0376')).rejects.toThrow(/resolves to a link-local/);
    await expect(lookup(monitored(['169.254.0.0/16']), '0251.0376.0251.0376')).resolves.toBe('169.254.169.254');
    await expect(lookup(monitored([]), 'localhost')).resolves.toBe('127.0.0.1');
  });

  it('refuses allow-list entries it cannot read', () => {
    expect(allowListEntryProblem('10.0.0.0/33')).toMatch(/not a valid address range/);
    expect(allowListEntryProblem('10.0.0.0/8')).toBeNull();
    expect(allowListEntryProblem('*.internal.example')).toBeNull();
    expect(allowListEntryProblem('smtp relay')).toMatch(/not a host name/);
    expect(() => notifier(['::1/200'])).toThrow('NOTIFIER_ALLOWED_HOSTS: ::1/200 is not a valid address range');
  });

  it('names failures with fixed phrases, never the error text', () => {
    const system = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(failureReason(system('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:25'))).toBe('connection refused');
    expect(failureReason(system('ERR_TLS_CERT_ALTNAME_INVALID', "Host: x. is not in the cert's altnames"))).toBe('TLS handshake failed');
    expect(failureReason(Object.assign(new Error('aborted'), { name: 'AbortError' }), 2_000)).toBe('no answer within 2 s');
    expect(failureReason(new Error('SSH-2.0-OpenSSH_9.6 internal-banner'))).toBe('request failed');
  });
});
