import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { buildConnector } from 'undici';
import { stripBrackets } from './address-class';
import { refuseAddress, resolveCheckedAddresses, type CompiledPolicy } from './policy';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The socket-level guard: an undici connector that checks the address it is about to connect
 * to. IP literals are checked before connecting; names go through a `lookup` that resolves,
 * checks every address and hands exactly those addresses to the socket, so nothing can change
 * between the check and the connect (no DNS rebinding window).
 */
export function createGuardedConnector(
  policy: CompiledPolicy,
  tls: ConnectionOptions = {},
): buildConnector.connector {
  const connect = buildConnector({ ...tls, lookup: createGuardedLookup(policy) });
  return (options, callback) => {
    const host = stripBrackets(options.hostname);
    // Node skips `lookup` for an IP literal, so the literal is checked here.
    const refusal = isIP(host) !== 0 ? refuseAddress(policy, host, host) : undefined;
    if (refusal) {
      callback(refusal, null);
      return;
    }
    connect(options, callback);
  };
}

/** A `net.connect` lookup that only ever returns addresses the policy allows. */
function createGuardedLookup(policy: CompiledPolicy) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    resolveCheckedAddresses(policy, hostname).then(
      (addresses) => {
        const family = typeof options.family === 'number' ? options.family : 0;
        const usable = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => family === 0 || entry.family === family);
        const first = usable[0];
        if (!first) {
          callback(
            Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }),
            [],
          );
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
