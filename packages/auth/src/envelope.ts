import { createHash, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { principalSchema, SERVICE_NAMES, type Principal, type ServiceName } from './principal';

/** Header that carries the caller's signed statement of who is calling (the name dates from when only the gateway signed). */
export const IDENTITY_HEADER = 'x-gateway-identity';
export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * Set by a subgraph on a response when the request changed the caller's own memberships: the
 * gateway then reads the principal again before its next fetch, so later parts of the same
 * operation (workspaces of a just-created organization, say) see the change.
 */
export const PRINCIPAL_CHANGED_HEADER = 'x-principal-changed';

/** Ed25519 signatures: each caller holds its own private key, receivers only public keys. */
const ALGORITHM = 'EdDSA';
/** How long a signed request stays valid; also the replay window. */
const LIFETIME_SECONDS = 60;

/** Seconds a verifier accepts past an envelope's expiry, for clocks that differ a little. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** An accepted envelope's identity: its `jti`, and when no verifier accepts it any more. */
export type EnvelopeId = { id: string; acceptedUntil: Date };

export type EnvelopeClaims = {
  /** The service whose key signed the envelope. */
  caller: ServiceName;
  principal: Principal;
  requestId: string;
  envelope: EnvelopeId;
};

/**
 * The service that made a request: the one a service principal names, else the gateway (the only
 * service that forwards end users). A caller may sign only principals of which it is the caller
 * (see verifyEnvelope): the gateway end users and itself, a service only itself.
 */
export function callerOf(principal: Principal): ServiceName {
  return principal.kind === 'service' ? principal.service : 'gateway';
}

const issuerOf = (caller: ServiceName) => `controlplane-${caller}`;

/**
 * The key id of a public key: its RFC 7638 JWK thumbprint, so a receiver finds the key an
 * envelope was signed with (among the current and previous keys of every caller) without trying each.
 */
export function keyIdOf(publicKey: KeyObject): string {
  const { crv, kty, x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
}

/** A caller's signing key: who it signs as, and its key id (named in every envelope's header). */
export type EnvelopeSigner = { caller: ServiceName; keyId: string; privateKey: KeyObject };

/** The signer of `caller` with its Ed25519 private key (SIGNING_KEY). */
export function createEnvelopeSigner(caller: ServiceName, privateKey: KeyObject): EnvelopeSigner {
  return { caller, keyId: keyIdOf(createPublicKey(privateKey)), privateKey };
}

/** The public keys a receiver accepts, by key id, each with the caller that holds it. */
export type TrustedCallers = ReadonlyMap<string, { caller: ServiceName; publicKey: KeyObject }>;

/**
 * The keys of the callers a receiver trusts: per caller, its current public key and, during a
 * rotation, its previous one. A key configured for two callers is refused: each caller has its own.
 */
export function trustCallers(keys: Partial<Record<ServiceName, readonly KeyObject[]>>): TrustedCallers {
  const trusted = new Map<string, { caller: ServiceName; publicKey: KeyObject }>();
  for (const caller of SERVICE_NAMES) {
    for (const publicKey of keys[caller] ?? []) {
      const keyId = keyIdOf(publicKey);
      const holder = trusted.get(keyId);
      if (holder !== undefined && holder.caller !== caller)
        throw new Error(`the ${caller} and the ${holder.caller} are configured with the same public key`);
      trusted.set(keyId, { caller, publicKey });
    }
  }
  return trusted;
}

/** Base64url SHA-256 of the exact request body bytes. */
export function hashBody(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** The route the gateway's GraphQL requests are signed for. */
export const GRAPHQL_METHOD = 'POST';
export const GRAPHQL_PATH = '/graphql';

/**
 * Signs what the gateway (or a service calling another) forwards to one subgraph: the principal,
 * the request id, the audience (that subgraph, so a captured request cannot be sent to another),
 * the HTTP method and path as the callee serves them (`POST /graphql`, `POST /internal/teams`: so
 * an envelope made for one route is refused on any other) and the body hash (so the query cannot
 * be altered). The issuer and the key id name the signer; a fresh `jti` lets the subgraph refuse a
 * replay.
 */
export async function signEnvelope(options: {
  signer: EnvelopeSigner;
  audience: string;
  principal: Principal;
  requestId: string;
  /** The request's method, as sent. */
  method: string;
  /** The route's path on the callee, without origin or query string: `/graphql`, `/internal/teams`. */
  path: string;
  body: string | Uint8Array;
}): Promise<string> {
  return new SignJWT({
    prn: options.principal,
    rid: options.requestId,
    htm: options.method.toUpperCase(),
    htp: options.path,
    bh: hashBody(options.body),
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: options.signer.keyId })
    .setIssuer(issuerOf(options.signer.caller))
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .setJti(randomUUID())
    .sign(options.signer.privateKey);
}

export class EnvelopeError extends Error {}

/**
 * Remembers the ids of envelopes this process already accepted until they expire: a cheap first
 * check in front of the replicas' shared store (packages/subgraph replay-store.ts). Bounded, so a flood cannot
 * exhaust memory; the bound is far above the traffic one process can take within the window.
 */
export class ReplayGuard {
  private readonly seen = new LRUCache<string, true>({ max: 200_000, ttl: LIFETIME_SECONDS * 2 * 1000 });

  /** Records `id`; false when it was seen before. */
  claim(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    return true;
  }
}

/**
 * The token's claims and the caller whose key signed them: the key is the one the header's key id
 * names among the trusted callers' keys (an unknown key id is refused), and the issuer must name
 * that key's caller.
 */
async function verifySignature(
  token: string,
  options: { trusted: TrustedCallers; audience: string },
): Promise<{ caller: ServiceName; payload: JWTPayload }> {
  let caller: ServiceName | undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(
      token,
      (header) => {
        const entry = header.kid === undefined ? undefined : options.trusted.get(header.kid);
        if (entry === undefined) throw new EnvelopeError('unknown signing key');
        caller = entry.caller;
        return entry.publicKey;
      },
      {
        algorithms: [ALGORITHM],
        audience: options.audience,
        requiredClaims: ['jti', 'iat', 'exp', 'iss'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      },
    ));
  } catch (error) {
    if (error instanceof EnvelopeError) throw error;
    throw new EnvelopeError('invalid signature', { cause: error });
  }
  if (caller === undefined || payload.iss !== issuerOf(caller))
    throw new EnvelopeError('issuer does not match the signing key');
  return { caller, payload };
}

/** Verifies a forwarded request; throws EnvelopeError on any doubt. */
export async function verifyEnvelope(options: {
  token: string | undefined;
  /** The public keys of the callers this service accepts (trustCallers). */
  trusted: TrustedCallers;
  audience: string;
  /** The method and path the request arrived with (the path as the service routes it). */
  method: string;
  path: string;
  body: string | Uint8Array;
  replayGuard: ReplayGuard;
}): Promise<EnvelopeClaims> {
  if (options.token === undefined || options.token === '') throw new EnvelopeError('missing signature');
  const { caller, payload } = await verifySignature(options.token, options);
  if (payload.htm !== options.method.toUpperCase() || payload.htp !== options.path)
    throw new EnvelopeError('signed for another route');
  if (payload.bh !== hashBody(options.body)) throw new EnvelopeError('body does not match its signature');
  if (typeof payload.jti !== 'string' || !options.replayGuard.claim(payload.jti)) {
    throw new EnvelopeError('replayed request');
  }
  const parsed = principalSchema.safeParse(payload.prn);
  if (!parsed.success) throw new EnvelopeError('malformed principal');
  // The gateway signs end users and itself; a service only itself (acting for an end user or not).
  if (callerOf(parsed.data) !== caller) throw new EnvelopeError('signer does not match the principal');
  return {
    caller,
    principal: parsed.data,
    requestId: typeof payload.rid === 'string' ? payload.rid : 'none',
    envelope: {
      id: payload.jti,
      acceptedUntil: new Date(((payload.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000),
    },
  };
}
