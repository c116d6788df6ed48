import type { EndUserPrincipal, Principal } from '@controlplane/auth';
import { ANONYMOUS } from '@controlplane/auth';
import { ContractError, ErrorCode, serviceUnavailable } from '@controlplane/errors';
import { identityApi, type ServiceCaller } from '@controlplane/internal-api';

const BEARER = /^Bearer\s+(\S+)$/i;

function unauthenticated(message: string): ContractError {
  return new ContractError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

const invalidToken = () => unauthenticated('The token is invalid or has expired.');

/**
 * Authentication happens once, here: a bearer credential (a user's JWT or an API key) is
 * exchanged with the identity service for the principal and its current memberships. No
 * credential means an anonymous caller; a bad one fails the request.
 */
export function createAuthenticator(internalApi: ServiceCaller) {
  return async function authenticate(
    authorization: string | undefined,
    requestId: string,
  ): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const credential = BEARER.exec(authorization.trim())?.[1];
    if (credential === undefined)
      throw unauthenticated('Send credentials as "Authorization: Bearer <token>".');
    // A credential identity would refuse to read (too long, say) is not a credential at all.
    if (!identityApi.principal.request.safeParse({ credential }).success) throw invalidToken();
    let principal: EndUserPrincipal;
    try {
      const answer = await internalApi.ask(identityApi.principal, { credential }, { requestId });
      if (!answer.ok) throw invalidToken();
      principal = answer.value.principal;
    } catch (error) {
      if (error instanceof ContractError) throw error;
      throw serviceUnavailable('Authentication is unavailable; try again shortly.', {
        http: { status: 503 },
      });
    }
    return principal;
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
