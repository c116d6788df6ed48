import { createHash, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { principalSchema, SERVICE_NAMES, type Principal, type ServiceName } from './principal';

/** Header that carries the gateway's signed statement of who is calling. */
export const IDENTITY_HEADER = 'x-gateway-identity';
export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * Set by a subgraph on a response when the request changed the caller's own memberships: the
 * gateway then reads the principal again before its next fetch, so later parts of the same
 * operation (workspaces of a just-created organization, say) see the change.
 */
export const PRINCIPAL_CHANGED_HEADER = 'x-principal-changed';

const ALGORITHM = 'HS256';
/** How long a signed request stays valid; also the replay window. */
const LIFETIME_SECONDS = 60;

/** Seconds a verifier accepts past an envelope's expiry, for clocks that differ a little. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** An accepted envelope's identity: its `jti`, and when no verifier accepts it any more. */
export type EnvelopeId = { id: string; acceptedUntil: Date };

export type EnvelopeClaims = { principal: Principal; requestId: string; envelope: EnvelopeId };

/**
 * The service that made a request: the one a service principal names, else the gateway (the only
 * service that forwards end users). This is the one place that decides who the caller is; the
 * signer named in the token must agree with it (see verifyEnvelope), so when each caller gets its
 * own key, the key is chosen here too.
 */
export function callerOf(principal: Principal): ServiceName {
  return principal.kind === 'service' ? principal.service : 'gateway';
}

const issuerOf = (caller: ServiceName) => `controlplane-${caller}`;
const ISSUERS = SERVICE_NAMES.map(issuerOf);

const keys = new Map<string, KeyObject>();

/** The HMAC key for a secret, made once: importing it on every request showed in profiles. */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
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
 * be altered). The issuer names the caller; a fresh `jti` lets the subgraph refuse a replay.
 */
export async function signEnvelope(options: {
  secret: string;
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
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(issuerOf(callerOf(options.principal)))
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .setJti(randomUUID())
    .sign(keyOf(options.secret));
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
 * The token's claims, verified with the current key or, when its signature does not match that
 * one, the previous key: both are valid during a rotation.
 */
async function verifySignature(
  token: string,
  options: { secret: string; previousSecret?: string | undefined; audience: string },
): Promise<JWTPayload> {
  const secrets =
    options.previousSecret === undefined ? [options.secret] : [options.secret, options.previousSecret];
  for (const secret of secrets) {
    try {
      const { payload } = await jwtVerify(token, keyOf(secret), {
        algorithms: [ALGORITHM],
        issuer: ISSUERS,
        audience: options.audience,
        requiredClaims: ['jti', 'iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      // Only a signature made with another key may match the next one; any other fault is final.
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw new EnvelopeError('invalid gateway signature');
}

/** Verifies a forwarded request; throws EnvelopeError on any doubt. */
export async function verifyEnvelope(options: {
  token: string | undefined;
  secret: string;
  /** A second key accepted during a rotation (GATEWAY_SIGNING_SECRET_PREVIOUS); never signs. */
  previousSecret?: string | undefined;
  audience: string;
  /** The method and path the request arrived with (the path as the service routes it). */
  method: string;
  path: string;
  body: string | Uint8Array;
  replayGuard: ReplayGuard;
}): Promise<EnvelopeClaims> {
  if (options.token === undefined || options.token === '')
    throw new EnvelopeError('missing gateway signature');
  const payload = await verifySignature(options.token, options);
  if (payload.htm !== options.method.toUpperCase() || payload.htp !== options.path)
    throw new EnvelopeError('signed for another route');
  if (payload.bh !== hashBody(options.body)) throw new EnvelopeError('body does not match its signature');
  if (typeof payload.jti !== 'string' || !options.replayGuard.claim(payload.jti)) {
    throw new EnvelopeError('replayed request');
  }
  const parsed = principalSchema.safeParse(payload.prn);
  if (!parsed.success) throw new EnvelopeError('malformed principal');
  if (payload.iss !== issuerOf(callerOf(parsed.data)))
    throw new EnvelopeError('signer does not match the principal');
  return {
    principal: parsed.data,
    requestId: typeof payload.rid === 'string' ? payload.rid : 'none',
    envelope: {
      id: payload.jti,
      acceptedUntil: new Date(((payload.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000),
    },
  };
}
