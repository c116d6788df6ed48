import { classifyAddress, createAllowedHosts, parseAllowedHosts } from '../src';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.10', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'ipv4Mapped(loopback)'],
    ['::ffff:7f00:1', 'ipv4Mapped(loopback)'],
    ['::ffff:169.254.169.254', 'ipv4Mapped(linkLocal)'],
    ['::ffff:0:10.0.0.1', 'rfc6145(private)'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052(linkLocal)'],
    ['2002:7f00:1::', '6to4(loopback)'],
  ])('refuses %s as %s', (address, range) => {
    expect(classifyAddress(address)).toEqual({ public: false, range });
  });

  it('refuses IPv6 space outside global unicast that ipaddr.js has no name for', () => {
    expect(classifyAddress('::7f00:1')).toEqual({ public: false, range: 'reserved' });
    expect(classifyAddress('::8.8.8.8')).toEqual({ public: false, range: 'reserved' });
    expect(classifyAddress('4000::1')).toEqual({ public: false, range: 'reserved' });
  });

  it('refuses what Node would not read as an address, such as octal 010.0.0.1', () => {
    expect(classifyAddress('010.0.0.1')).toEqual({ public: false, range: 'invalid' });
    expect(classifyAddress('example.com')).toEqual({ public: false, range: 'invalid' });
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('accepts the public address %s', (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });
});

describe('the allow-list', () => {
  it('parses a comma-separated list, ignoring blanks and spaces', () => {
    expect(parseAllowedHosts(' kube.internal, 10.0.0.5 ,,')).toEqual(['kube.internal', '10.0.0.5']);
    expect(parseAllowedHosts(undefined)).toEqual([]);
  });

  it('matches names case-insensitively and IPs in any notation', () => {
    const allowed = createAllowedHosts(['Kube.Internal', '127.0.0.1', '::1']);
    expect(allowed.hasHost('kube.internal.')).toBe(true);
    expect(allowed.hasHost('other.internal')).toBe(false);
    expect(allowed.hasHost('[::ffff:7f00:1]')).toBe(true);
    expect(allowed.hasHost('[0:0::1]')).toBe(true);
    expect(allowed.hasAddress('::ffff:127.0.0.1')).toBe(true);
    expect(allowed.hasAddress('127.0.0.2')).toBe(false);
    // IPv4-compatible ::127.0.0.1 is a different address from IPv4-mapped ::ffff:127.0.0.1.
    expect(allowed.hasHost('[::7f00:1]')).toBe(false);
  });

  it('rejects an entry that is neither a name nor an IP, so a typo cannot allow more than meant', () => {
    expect(() => createAllowedHosts(['*.internal'])).toThrow(/neither a host name nor an IP/);
    expect(() => createAllowedHosts(['kube.internal:6443'])).toThrow(/neither a host name nor an IP/);
  });
});
