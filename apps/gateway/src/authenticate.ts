import {
  ANONYMOUS,
  REQUEST_ID_HEADER,
  IDENTITY_HEADER,
  signEnvelope,
  type Principal,
} from '@controlplane/auth';
import { ContractError, ErrorCode, serviceUnavailable } from '@controlplane/errors';
import type { SubgraphFetch } from './subgraph-client';

const BEARER = /^Bearer\s+(\S+)$/i;

function unauthenticated(message: string): ContractError {
  return new ContractError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

/**
 * Authentication happens once, here: a bearer credential (a user's JWT or an API key) is
 * exchanged with the identity service for the principal and its current memberships. No
 * credential means an anonymous caller; a bad one fails the request.
 */
export function createAuthenticator(options: { identityUrl: string; secret: string; fetch: SubgraphFetch }) {
  const endpoint = new URL('/internal/principal', options.identityUrl).toString();
  return async function authenticate(
    authorization: string | undefined,
    requestId: string,
  ): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const credential = BEARER.exec(authorization.trim())?.[1];
    if (credential === undefined)
      throw unauthenticated('Send credentials as "Authorization: Bearer <token>".');
    const body = JSON.stringify({ credential });
    const envelope = await signEnvelope({
      secret: options.secret,
      audience: 'identity',
      principal: ANONYMOUS,
      requestId,
      body,
    });
    let response;
    try {
      response = await options.fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: envelope,
          [REQUEST_ID_HEADER]: requestId,
        },
        body,
      });
    } catch {
      throw serviceUnavailable('Authentication is unavailable; try again shortly.', {
        http: { status: 503 },
      });
    }
    if (response.status === 401 || response.status === 400)
      throw unauthenticated('The token is invalid or has expired.');
    if (!response.ok)
      throw serviceUnavailable('Authentication is unavailable; try again shortly.', {
        http: { status: 503 },
      });
    const { principal } = (await response.json()) as { principal: Principal };
    return principal;
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
