import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { stripBrackets, classifyAddress } from './address-class';
import { createAllowedHosts, type AllowedHosts } from './allowed-hosts';
import { OutboundError } from './outbound-error';

/** Resolves a host name to every address it has (IPv4 and IPv6 text). */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

/** What may be reached: public addresses always, other addresses only through the allow-list. */
export type OutboundPolicy = {
  /** The operator's allow-list (`DEPLOY_ALLOWED_HOSTS` parsed with `parseAllowedHosts`): names or IPs. */
  allowedHosts: readonly string[];
  /** Defaults to the system resolver (`dns.lookup`, so /etc/hosts counts); tests inject their own. */
  resolveHost?: ResolveHost;
};

/** A policy ready to apply: the allow-list compiled once, the resolver chosen. */
export type CompiledPolicy = { allowed: AllowedHosts; resolveHost: ResolveHost };

export function compilePolicy(policy: OutboundPolicy): CompiledPolicy {
  return {
    allowed: createAllowedHosts(policy.allowedHosts),
    resolveHost: policy.resolveHost ?? resolveWithSystem,
  };
}

async function resolveWithSystem(hostname: string): Promise<readonly string[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

/** True for an IP literal host, bracketed or not. */
export function isIpLiteral(host: string): boolean {
  return isIP(stripBrackets(host)) !== 0;
}

/**
 * The refusal for one address of `host`, or undefined when it may be reached: it is public, or
 * the host or the address itself is allow-listed.
 */
export function refuseAddress(
  policy: CompiledPolicy,
  host: string,
  address: string,
): OutboundError | undefined {
  if (policy.allowed.hasHost(host) || policy.allowed.hasAddress(address)) return undefined;
  const verdict = classifyAddress(stripBrackets(address));
  if (verdict.public) return undefined;
  const target = isIpLiteral(host) ? stripBrackets(host) : `${host} (resolves to ${stripBrackets(address)})`;
  return new OutboundError(
    'blocked-address',
    `${target} is a ${verdict.range} address; only public addresses can be reached unless the operator allows the host (DEPLOY_ALLOWED_HOSTS)`,
  );
}

/**
 * Resolves a host name and checks every address it has: one non-public address refuses the
 * whole name, since the connection could land on any of them. Returns the addresses to use.
 */
export async function resolveCheckedAddresses(
  policy: CompiledPolicy,
  hostname: string,
): Promise<readonly string[]> {
  let addresses: readonly string[];
  try {
    addresses = await policy.resolveHost(hostname);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new OutboundError(
      'unresolvable-host',
      `${hostname} does not resolve${typeof code === 'string' ? ` (${code})` : ''}`,
      { cause: error },
    );
  }
  if (addresses.length === 0) throw new OutboundError('unresolvable-host', `${hostname} does not resolve`);
  for (const address of addresses) {
    const refusal = refuseAddress(policy, hostname, address);
    if (refusal) throw refusal;
  }
  return addresses;
}
