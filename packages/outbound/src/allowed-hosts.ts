import { normalizeAddress, stripBrackets } from './address-class';

/**
 * The operator's allow-list (`DEPLOY_ALLOWED_HOSTS`): host names and IP addresses that may be
 * reached even though they are not public, and over plain http.
 */
export type AllowedHosts = {
  /** True when the URL's host (a name or an IP literal) is listed. */
  hasHost(host: string): boolean;
  /** True when a resolved address is listed as an IP (in any notation). */
  hasAddress(address: string): boolean;
};

/** Splits a comma-separated list (the `DEPLOY_ALLOWED_HOSTS` format); blanks are ignored. */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/**
 * Builds the matcher. Names compare case-insensitively and without a trailing dot; IPs compare
 * by value (`::ffff:127.0.0.1` matches `127.0.0.1`). An entry with a port, path or wildcard is
 * rejected so a typo cannot silently allow nothing, or more than meant.
 */
export function createAllowedHosts(entries: readonly string[]): AllowedHosts {
  const names = new Set<string>();
  const addresses = new Set<string>();
  for (const entry of entries) {
    const address = normalizeAddress(entry);
    if (address !== undefined) {
      addresses.add(address);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) {
      names.add(normalizeName(entry));
    } else {
      throw new Error(`allowed host "${entry}" is neither a host name nor an IP address`);
    }
  }
  return {
    hasHost(host) {
      const address = normalizeAddress(host);
      return address !== undefined ? addresses.has(address) : names.has(normalizeName(stripBrackets(host)));
    },
    hasAddress(address) {
      const normalized = normalizeAddress(address);
      return normalized !== undefined && addresses.has(normalized);
    },
  };
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
