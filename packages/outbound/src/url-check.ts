import { stripBrackets } from './address-class';
import { OutboundError, type OutboundErrorCode } from './outbound-error';
import {
  compilePolicy,
  isIpLiteral,
  refuseAddress,
  resolveCheckedAddresses,
  type CompiledPolicy,
  type OutboundPolicy,
} from './policy';

/** The answer of a URL check: the parsed URL, or why it may not be used. */
export type UrlCheck = { ok: true; url: URL } | { ok: false; code: OutboundErrorCode; reason: string };

/**
 * Checks what can be known without DNS: the URL parses, has no user info, uses https (http only
 * for an allow-listed host) and, when its host is an IP literal, that address may be reached.
 * Use it to validate input synchronously; it is not a substitute for the connect-time check.
 */
export function checkOutboundUrlSyntax(url: string, policy: OutboundPolicy): UrlCheck {
  try {
    return { ok: true, url: parseOutboundUrl(url, compilePolicy(policy)) };
  } catch (error) {
    return refusedCheck(error);
  }
}

/**
 * Everything `checkOutboundUrlSyntax` checks, and also resolves a host name and refuses it when
 * any of its addresses is not public. Use it when a URL is saved, to tell the user early; the
 * guarded fetch checks again when it connects, so a name re-pointed later (DNS rebinding) is
 * still refused.
 */
export async function checkOutboundUrl(url: string, policy: OutboundPolicy): Promise<UrlCheck> {
  const compiled = compilePolicy(policy);
  return toCheck(async () => {
    const parsed = parseOutboundUrl(url, compiled);
    if (!isIpLiteral(parsed.hostname) && !compiled.allowed.hasHost(parsed.hostname)) {
      await resolveCheckedAddresses(compiled, parsed.hostname);
    }
    return parsed;
  });
}

/** Parses and checks a URL, throwing an OutboundError with the reason when it may not be used. */
export function parseOutboundUrl(url: string, policy: CompiledPolicy): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundError('invalid-url', 'the URL is not valid');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new OutboundError(
      'invalid-url',
      'the URL must not contain a user name or password; give credentials separately',
    );
  }
  const host = parsed.hostname;
  if (parsed.protocol === 'http:') {
    if (!policy.allowed.hasHost(host)) {
      throw new OutboundError(
        'insecure-protocol',
        `plain http is only allowed for hosts the operator allows (DEPLOY_ALLOWED_HOSTS); use https for ${host}`,
      );
    }
  } else if (parsed.protocol !== 'https:') {
    throw new OutboundError(
      'insecure-protocol',
      `the URL must use https, not ${parsed.protocol.replace(/:$/, '')}`,
    );
  }
  if (isIpLiteral(host)) {
    const refusal = refuseAddress(policy, host, stripBrackets(host));
    if (refusal) throw refusal;
  }
  return parsed;
}

async function toCheck(parse: () => Promise<URL>): Promise<UrlCheck> {
  try {
    return { ok: true, url: await parse() };
  } catch (error) {
    return refusedCheck(error);
  }
}

function refusedCheck(error: unknown): UrlCheck {
  if (error instanceof OutboundError) return { ok: false, code: error.code, reason: error.message };
  throw error;
}
