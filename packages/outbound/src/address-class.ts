import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Whether an IP address may be reached from the control plane, and if not, which range it is in. */
export type AddressVerdict = { public: true } | { public: false; range: string };

/** IPv6 ranges that carry an IPv4 address inside; the embedded address decides. */
const EMBEDDED_IPV4_RANGES = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4']);

/**
 * Classifies an IP literal (IPv4 or IPv6, without brackets). Only global unicast addresses are
 * public: loopback, private, CGNAT, link-local (cloud metadata), unspecified, multicast,
 * broadcast, reserved, documentation, ULA and every IPv6 form that embeds one of those
 * (IPv4-mapped, IPv4-translated, NAT64, 6to4) are not. Something that is not an IP address is
 * not public either: callers refuse what they cannot classify.
 */
export function classifyAddress(address: string): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return { public: false, range: 'invalid' };
  if (parsed.kind() === 'ipv4') return verdictFor(parsed.range());
  return classifyIpv6(parsed as ipaddr.IPv6);
}

/**
 * Parses an IP literal the way Node reads it. Node's own parser decides what is an address,
 * because Node is what connects: ipaddr.js also reads legacy forms (010.0.0.1 as octal) that
 * Node would treat as a host name.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const family = isIP(address);
  if (family === 4) return ipaddr.IPv4.parse(address);
  if (family === 6) return ipaddr.IPv6.parse(canonicalIpv6(address));
  return undefined;
}

/**
 * The WHATWG serialization (all hex, compressed, no zone): ipaddr.js reads the deprecated
 * IPv4-compatible `::1.2.3.4` as if it were IPv4-mapped `::ffff:1.2.3.4`, which it is not.
 */
function canonicalIpv6(address: string): string {
  const withoutZone = address.split('%')[0] ?? address;
  return new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1);
}

function classifyIpv6(address: ipaddr.IPv6): AddressVerdict {
  const range = address.range();
  if (EMBEDDED_IPV4_RANGES.has(range)) {
    const embedded = classifyAddress(embeddedIpv4(address, range).toString());
    return embedded.public ? embedded : { public: false, range: `${range}(${embedded.range})` };
  }
  if (range !== 'unicast') return verdictFor(range);
  // ipaddr.js calls everything it has no name for "unicast", including ::/8 (IPv4-compatible
  // addresses such as ::127.0.0.1) and other unassigned space; only 2000::/3 is global unicast.
  if (!address.match(GLOBAL_UNICAST)) return { public: false, range: 'reserved' };
  return { public: true };
}

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/** The IPv4 address carried in the low 32 bits (mapped, translated, NAT64) or in bits 16..47 (6to4). */
function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  const start = range === '6to4' ? 2 : 12;
  return new ipaddr.IPv4(bytes.slice(start, start + 4));
}

function verdictFor(range: string): AddressVerdict {
  return range === 'unicast' ? { public: true } : { public: false, range };
}

/**
 * The canonical text of an IP literal, with IPv4-mapped IPv6 turned into IPv4, so that an
 * allow-list entry and an address compare equal whatever notation either uses; undefined for
 * anything that is not an IP address.
 */
export function normalizeAddress(address: string): string | undefined {
  const parsed = parseAddress(stripBrackets(address));
  if (!parsed) return undefined;
  const unmapped =
    parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  return unmapped.toNormalizedString();
}

/** `[::1]` (as URL.hostname spells IPv6) becomes `::1`; anything else is returned unchanged. */
export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
